/** Block Kit → terminal lines: mrkdwn drawn with ANSI styles on a terminal, without markers elsewhere. */
import { renderMessageLines } from '../../../../src/sandbox/slack/render-text';

const blocks = [
  { type: 'header', text: { type: 'plain_text', text: 'Create demo :rocket:' } },
  { type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: *VPC* — `vpc-1` by <@U1>' } },
  { type: 'section', fields: [{ type: 'mrkdwn', text: '_ttl_ 24h' }] },
  { type: 'context', elements: [{ type: 'mrkdwn', text: '<https://x.example|site> &lt;b&gt;' }] },
  { type: 'divider' },
  {
    type: 'actions',
    elements: [
      { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Destroy' }, style: 'danger' },
      { type: 'button', action_id: 'b', text: { type: 'plain_text', text: 'Cancel' } },
    ],
  },
  { type: 'rich_text', elements: [] },
];

test('plain: markers gone, emoji and mentions readable, escapes decoded, buttons numbered', () => {
  expect(renderMessageLines(4, { text: '', blocks }, { ansi: false })).toEqual([
    '== Create demo 🚀 ==',
    '✅ VPC — vpc-1 by @U1',
    '  ttl 24h',
    'site (https://x.example) <b>',
    '----',
    '[rich_text block]',
    '[4.1 Destroy] [4.2 Cancel]',
  ]);
});

test('ANSI: bold, italics, code and a red danger button', () => {
  const lines = renderMessageLines(4, { text: '', blocks }, { ansi: true });
  expect(lines[1]).toBe('✅ \x1b[1mVPC\x1b[22m — \x1b[36mvpc-1\x1b[39m by \x1b[34m@U1\x1b[39m');
  expect(lines[2]).toBe('  \x1b[3mttl\x1b[23m 24h');
  expect(lines[lines.length - 1]).toBe('\x1b[31m[4.1 Destroy]\x1b[39m [4.2 Cancel]');
});

test('a message without blocks is its text read as mrkdwn; files are listed', () => {
  expect(
    renderMessageLines(
      1,
      { text: '*hi* :wave:', blocks: [], files: [{ name: 'd.png', title: 'diagram' }] },
      { ansi: false },
    ),
  ).toEqual(['hi 👋', '[file: diagram]']);
});
