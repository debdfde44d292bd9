/**
 * Each Block Kit rule the stand-in enforces: the payload right at the limit is accepted, one past
 * it is refused at the right JSON pointer.
 */
import { checkBlocks, invalidBlocksAnswer } from '../../../../src/sandbox/slack/block-kit';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const button = (extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'go',
  text: plain('Go'),
  value: 'v',
  ...extra,
});
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const confirm = (extra: Record<string, unknown> = {}) => ({
  title: plain('Sure?'),
  text: plain('It goes for good.'),
  confirm: plain('Yes'),
  deny: plain('No'),
  ...extra,
});
const x = (n: number) => 'x'.repeat(n);

/** The pointers and messages of the problems found, for compact expectations. */
function problems(blocks: unknown[]): string[] {
  return checkBlocks(blocks).map((p) => `${p.pointer}: ${p.message}`);
}

interface Rule {
  rule: string;
  ok: unknown[];
  bad: unknown[];
  /** `pointer: message` (a prefix of the message is enough). */
  expected: string;
}

const rules: Rule[] = [
  {
    rule: '50 blocks per message',
    ok: Array.from({ length: 50 }, () => ({ type: 'divider' })),
    bad: Array.from({ length: 51 }, () => ({ type: 'divider' })),
    expected: '/blocks: no more than 50 items allowed',
  },
  {
    rule: 'section text 3,000 characters',
    ok: [section(x(3000))],
    bad: [section(x(3001))],
    expected: '/blocks/0/text/text: must be less than 3001 characters',
  },
  {
    rule: 'section text not empty',
    ok: [section('a')],
    bad: [section('')],
    expected: '/blocks/0/text/text: must be more than 0 characters',
  },
  {
    rule: 'section needs text or fields',
    ok: [{ type: 'section', fields: [mrkdwn('a')] }],
    bad: [{ type: 'section' }],
    expected: '/blocks/0: must define either `text` or `fields`',
  },
  {
    rule: 'section fields at most 10',
    ok: [{ type: 'section', fields: Array.from({ length: 10 }, () => mrkdwn('f')) }],
    bad: [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }],
    expected: '/blocks/0/fields: no more than 10 items allowed',
  },
  {
    rule: 'section field 2,000 characters',
    ok: [{ type: 'section', fields: [mrkdwn(x(2000))] }],
    bad: [{ type: 'section', fields: [mrkdwn('a'), mrkdwn(x(2001))] }],
    expected: '/blocks/0/fields/1/text: must be less than 2001 characters',
  },
  {
    rule: 'header 150 characters',
    ok: [{ type: 'header', text: plain(x(150)) }],
    bad: [{ type: 'header', text: plain(x(151)) }],
    expected: '/blocks/0/text/text: must be less than 151 characters',
  },
  {
    rule: 'header is plain_text only',
    ok: [{ type: 'header', text: plain('Title') }],
    bad: [{ type: 'header', text: mrkdwn('*Title*') }],
    expected: '/blocks/0/text/type: failed to match all allowed schemas',
  },
  {
    rule: 'context at most 10 elements',
    ok: [{ type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn('c')) }],
    bad: [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }],
    expected: '/blocks/0/elements: no more than 10 items allowed',
  },
  {
    rule: 'context needs an element',
    ok: [{ type: 'context', elements: [plain('c')] }],
    bad: [{ type: 'context', elements: [] }],
    expected: '/blocks/0/elements: must provide at least 1 item',
  },
  {
    rule: 'actions at most 25 elements',
    ok: [actions(...Array.from({ length: 25 }, (_, i) => button({ action_id: `a${i}` })))],
    bad: [actions(...Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })))],
    expected: '/blocks/0/elements: no more than 25 items allowed',
  },
  {
    rule: 'button text 75 characters',
    ok: [actions(button({ text: plain(x(75)) }))],
    bad: [actions(button({ text: plain(x(76)) }))],
    expected: '/blocks/0/elements/0/text/text: must be less than 76 characters',
  },
  {
    rule: 'button text is plain_text only',
    ok: [actions(button({ text: plain('Go') }))],
    bad: [actions(button({ text: mrkdwn('*Go*') }))],
    expected: '/blocks/0/elements/0/text/type: failed to match all allowed schemas',
  },
  {
    rule: 'action_id 255 characters',
    ok: [actions(button({ action_id: x(255) }))],
    bad: [actions(button({ action_id: x(256) }))],
    expected: '/blocks/0/elements/0/action_id: must be less than 256 characters',
  },
  {
    rule: 'action_id unique in its block',
    ok: [actions(button({ action_id: 'a' }), button({ action_id: 'b' }))],
    bad: [actions(button({ action_id: 'a' }), button({ action_id: 'a' }))],
    expected: '/blocks/0/elements/1/action_id: duplicate action_id "a"',
  },
  {
    rule: 'block_id 255 characters',
    ok: [{ type: 'divider', block_id: x(255) }],
    bad: [{ type: 'divider', block_id: x(256) }],
    expected: '/blocks/0/block_id: must be less than 256 characters',
  },
  {
    rule: 'block_id unique in a message',
    ok: [
      { type: 'divider', block_id: 'one' },
      { type: 'divider', block_id: 'two' },
    ],
    bad: [
      { type: 'divider', block_id: 'one' },
      { type: 'divider', block_id: 'one' },
    ],
    expected: '/blocks/1/block_id: duplicate block_id "one"',
  },
  {
    rule: 'button value 2,000 characters',
    ok: [actions(button({ value: x(2000) }))],
    bad: [actions(button({ value: x(2001) }))],
    expected: '/blocks/0/elements/0/value: must be less than 2001 characters',
  },
  {
    rule: 'button url 3,000 characters',
    ok: [actions(button({ url: `https://e.x/${x(2988)}` }))],
    bad: [actions(button({ url: `https://e.x/${x(2989)}` }))],
    expected: '/blocks/0/elements/0/url: must be less than 3001 characters',
  },
  {
    rule: 'button style primary or danger',
    ok: [actions(button({ style: 'danger' }))],
    bad: [actions(button({ style: 'red' }))],
    expected: '/blocks/0/elements/0/style: must be a valid enum value',
  },
  {
    rule: 'confirm title 100 characters',
    ok: [actions(button({ confirm: confirm({ title: plain(x(100)) }) }))],
    bad: [actions(button({ confirm: confirm({ title: plain(x(101)) }) }))],
    expected: '/blocks/0/elements/0/confirm/title/text: must be less than 101 characters',
  },
  {
    rule: 'confirm text 300 characters',
    ok: [actions(button({ confirm: confirm({ text: plain(x(300)) }) }))],
    bad: [actions(button({ confirm: confirm({ text: plain(x(301)) }) }))],
    expected: '/blocks/0/elements/0/confirm/text/text: must be less than 301 characters',
  },
  {
    rule: 'confirm text is plain_text only',
    ok: [actions(button({ confirm: confirm({ text: plain('Sure') }) }))],
    bad: [actions(button({ confirm: confirm({ text: mrkdwn('*Sure*') }) }))],
    expected: '/blocks/0/elements/0/confirm/text/type: failed to match all allowed schemas',
  },
  {
    rule: 'confirm button 30 characters',
    ok: [actions(button({ confirm: confirm({ confirm: plain(x(30)) }) }))],
    bad: [actions(button({ confirm: confirm({ confirm: plain(x(31)) }) }))],
    expected: '/blocks/0/elements/0/confirm/confirm/text: must be less than 31 characters',
  },
  {
    rule: 'deny button 30 characters',
    ok: [actions(button({ confirm: confirm({ deny: plain(x(30)) }) }))],
    bad: [actions(button({ confirm: confirm({ deny: plain(x(31)) }) }))],
    expected: '/blocks/0/elements/0/confirm/deny/text: must be less than 31 characters',
  },
  {
    rule: 'confirm needs its four parts',
    ok: [actions(button({ confirm: confirm() }))],
    bad: [actions(button({ confirm: confirm({ deny: undefined }) }))],
    expected: '/blocks/0/elements/0/confirm/deny: missing required field: deny',
  },
  {
    rule: 'unknown block types',
    ok: [{ type: 'divider' }],
    bad: [{ type: 'table_of_doom' }],
    expected: '/blocks/0/type: failed to match all allowed schemas: unknown block type "table_of_doom"',
  },
  {
    rule: 'unknown element types',
    ok: [actions(button())],
    bad: [actions({ type: 'slider', action_id: 's' })],
    expected: '/blocks/0/elements/0/type: failed to match all allowed schemas',
  },
  {
    rule: 'text objects are plain_text or mrkdwn',
    ok: [{ type: 'section', text: mrkdwn('a') }],
    bad: [{ type: 'section', text: { type: 'markdown', text: 'a' } }],
    expected: '/blocks/0/text/type: failed to match all allowed schemas',
  },
  {
    rule: 'a text object is an object',
    ok: [{ type: 'section', text: mrkdwn('a') }],
    bad: [{ type: 'section', text: 'a' }],
    expected: '/blocks/0/text: must provide an object',
  },
];

describe('checkBlocks', () => {
  it.each(rules)('$rule: the valid case passes, the invalid one is refused', ({ ok, bad, expected }) => {
    expect(problems(ok)).toEqual([]);
    const found = problems(bad);
    expect(found.some((p) => p.startsWith(expected))).toBe(true);
  });

  it('a section accessory button is checked like one in an actions block', () => {
    expect(problems([{ ...section('a'), accessory: button() }])).toEqual([]);
    expect(problems([{ ...section('a'), accessory: button({ text: plain(x(76)) }) }])).toEqual([
      '/blocks/0/accessory/text/text: must be less than 76 characters',
    ]);
  });

  it('reports every problem of a message, not just the first', () => {
    expect(problems([section(x(3001)), { type: 'header', text: plain(x(151)) }])).toHaveLength(2);
  });
});

describe('invalidBlocksAnswer', () => {
  it("answers in Slack's shape: errors with json-pointers, and [ERROR] messages in response_metadata", () => {
    expect(invalidBlocksAnswer(checkBlocks([section(x(3001))]))).toEqual({
      ok: false,
      error: 'invalid_blocks',
      errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      response_metadata: {
        messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      },
    });
  });
});
