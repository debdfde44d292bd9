import { isRefusedPost, refusedPosts, verdictOf } from '../../../../src/sandbox/slack/verdict';
import { verdictLines } from '../../../../src/sandbox/slack/verdict-lines';
import type { Violation } from '../../../../src/sandbox/slack/violations';

const v = (seq: number, over: Partial<Violation>): Violation => ({
  seq,
  at: 1000,
  level: 'refused',
  method: 'chat.postMessage',
  channel: 'C1',
  error: 'invalid_blocks',
  excerpt: 'hello',
  ...over,
});

describe("a stored message's flags", () => {
  it('become refused requests and warnings, each said once', () => {
    const verdict = verdictOf({
      flags: [
        { level: 'warning', error: 'unescaped_mrkdwn', path: '/text', detail: "'<' in '<env>'" },
        { level: 'refused', error: 'invalid_blocks', path: '/blocks/0/text/text', detail: 'too long' },
        { level: 'refused', error: 'invalid_blocks', path: '/blocks/0/text/text', detail: 'too long' },
      ],
    });
    expect(verdict).toEqual({
      refused: ['invalid_blocks: too long (at /blocks/0/text/text)'],
      warnings: ["unescaped_mrkdwn: '<' in '<env>' (at /text)"],
    });
    expect(verdictLines(verdict)).toEqual([
      {
        refused: true,
        text: '⚠ Slack refused a request about this message: invalid_blocks: too long (at /blocks/0/text/text)',
      },
      { refused: false, text: "⚠ unescaped_mrkdwn: '<' in '<env>' (at /text)" },
    ]);
  });

  it('none: nothing to say', () => {
    expect(verdictOf({ flags: [] })).toEqual({ refused: [], warnings: [] });
    expect(verdictLines(verdictOf({}))).toEqual([]);
  });
});

describe('refused posts from the violation log', () => {
  it('are refusals of a post with a channel and no ts; updates, warnings and presses are not', () => {
    expect(isRefusedPost(v(1, {}))).toBe(true);
    expect(isRefusedPost(v(1, { method: 'response_url' }))).toBe(true);
    expect(isRefusedPost(v(1, { method: 'chat.update', ts: '1.000001' }))).toBe(false);
    expect(isRefusedPost(v(1, { level: 'warning' }))).toBe(false);
    expect(isRefusedPost(v(1, { method: 'block_actions' }))).toBe(false);
    expect(isRefusedPost(v(1, { channel: undefined }))).toBe(false);
  });

  it("group one request's problems, and keep two requests apart even at the same moment", () => {
    const posts = refusedPosts([
      v(1, { path: '/blocks/0', detail: 'a' }),
      v(2, { path: '/blocks/1', detail: 'b' }),
      v(3, { level: 'warning', error: 'unescaped_mrkdwn' }),
      v(4, { path: '/blocks/0', detail: 'a' }),
      v(5, { method: 'chat.postEphemeral', excerpt: 'other', error: 'ratelimited' }),
    ]);
    expect(posts.map((p) => [p.seq, p.method, p.excerpt, p.verdict])).toEqual([
      [
        1,
        'chat.postMessage',
        'hello',
        {
          undelivered: true,
          warnings: [],
          refused: ['invalid_blocks: a (at /blocks/0)', 'invalid_blocks: b (at /blocks/1)'],
        },
      ],
      [
        4,
        'chat.postMessage',
        'hello',
        { undelivered: true, warnings: [], refused: ['invalid_blocks: a (at /blocks/0)'] },
      ],
      [5, 'chat.postEphemeral', 'other', { undelivered: true, warnings: [], refused: ['ratelimited'] }],
    ]);
    expect(verdictLines(posts[2].verdict)).toEqual([
      { refused: true, text: '⚠ Slack refused this message (nobody saw it): ratelimited' },
    ]);
  });
});
