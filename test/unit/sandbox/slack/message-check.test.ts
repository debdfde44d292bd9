/** A whole message body as Slack judges it: refusals with Slack's codes, and the stand-in's warnings. */
import { checkMessage, MAX_MESSAGE_TEXT } from '../../../../src/sandbox/slack/message-check';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const actions = (blockId: string, actionId: string) => ({
  type: 'actions',
  block_id: blockId,
  elements: [{ type: 'button', action_id: actionId, text: { type: 'plain_text', text: 'Go' } }],
});

describe('checkMessage', () => {
  it('accepts text, blocks, or both', () => {
    expect(checkMessage({ text: 'hi' })).toMatchObject({ ok: true, warnings: [] });
    expect(checkMessage({ blocks: [section('hi')] })).toMatchObject({ ok: true, warnings: [] });
  });

  it('refuses a message with neither text nor blocks: no_text', () => {
    expect(checkMessage({})).toMatchObject({
      ok: false,
      error: 'no_text',
      answer: { ok: false, error: 'no_text' },
    });
    expect(checkMessage({ text: '', blocks: [] })).toMatchObject({ ok: false, error: 'no_text' });
  });

  it('takes 40,000 characters of text and refuses one more: msg_too_long', () => {
    expect(checkMessage({ text: 'x'.repeat(MAX_MESSAGE_TEXT) }).ok).toBe(true);
    expect(checkMessage({ text: 'x'.repeat(MAX_MESSAGE_TEXT + 1) })).toMatchObject({
      ok: false,
      answer: { ok: false, error: 'msg_too_long' },
    });
  });

  it('refuses blocks that are not an array: invalid_blocks_format', () => {
    expect(checkMessage({ text: 'hi', blocks: 'not json' })).toMatchObject({
      ok: false,
      error: 'invalid_blocks_format',
    });
  });

  it('refuses Block Kit violations with the invalid_blocks answer and the problems found', () => {
    const verdict = checkMessage({ text: 'hi', blocks: [section('x'.repeat(3001))] });
    expect(verdict).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      answer: {
        error: 'invalid_blocks',
        errors: [expect.stringContaining('[json-pointer:/blocks/0/text/text]')],
      },
      problems: [{ pointer: '/blocks/0/text/text' }],
    });
  });

  it('warns about unescaped mrkdwn in the text and the blocks, and not about escaped text', () => {
    const bad = checkMessage({ text: 'use <env>', blocks: [section('a & b')] });
    expect(bad).toMatchObject({ ok: true });
    expect(bad.warnings.map((w) => `${w.error} ${w.pointer}`)).toEqual([
      'unescaped_mrkdwn /text',
      'unescaped_mrkdwn /blocks/0/text/text',
    ]);
    expect(checkMessage({ text: 'use &lt;env&gt;', blocks: [section('a &amp; b')] }).warnings).toEqual([]);
  });

  it('warns when two blocks of one message use the same action_id (Slack only refuses it within a block)', () => {
    const verdict = checkMessage({ text: 'hi', blocks: [actions('a', 'go'), actions('b', 'go')] });
    expect(verdict.ok).toBe(true);
    expect(verdict.warnings).toEqual([
      expect.objectContaining({ error: 'duplicate_action_id', pointer: '/blocks/1/elements/0/action_id' }),
    ]);
    expect(checkMessage({ text: 'hi', blocks: [actions('a', 'go'), actions('b', 'stop')] }).warnings).toEqual(
      [],
    );
  });
});
