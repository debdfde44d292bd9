/** Slack mrkdwn → tree: each construct, its boundaries, escapes, and what must stay text. */
import {
  inlineText,
  parseInline,
  parseMrkdwn,
  parsePlainText,
  type Inline,
} from '../../../../src/sandbox/slack/mrkdwn-parse';

const line = (s: string) => parseInline(s);

test('bold, italics and strike at word boundaries, nested', () => {
  expect(line('a *bold* b')).toEqual([
    { type: 'text', text: 'a ' },
    { type: 'bold', children: [{ type: 'text', text: 'bold' }] },
    { type: 'text', text: ' b' },
  ]);
  expect(line('_it_ and ~gone~')).toEqual([
    { type: 'italic', children: [{ type: 'text', text: 'it' }] },
    { type: 'text', text: ' and ' },
    { type: 'strike', children: [{ type: 'text', text: 'gone' }] },
  ]);
  expect(line('*_both_*')).toEqual([
    { type: 'bold', children: [{ type: 'italic', children: [{ type: 'text', text: 'both' }] }] },
  ]);
  expect(line('(*in parens*)')[1]).toEqual({ type: 'bold', children: [{ type: 'text', text: 'in parens' }] });
});

test('markers inside words, next to spaces, or unclosed stay text', () => {
  for (const s of ['snake_case_name', '2*3*4', '* not bold *', '*open only', 'a ** b', 'x_y']) {
    expect(line(s)).toEqual([{ type: 'text', text: s }]);
  }
});

test('inline code and code blocks are not formatted inside', () => {
  expect(line('run `a *b* <@U1>` now')).toEqual([
    { type: 'text', text: 'run ' },
    { type: 'code', text: 'a *b* <@U1>' },
    { type: 'text', text: ' now' },
  ]);
  expect(parseMrkdwn('before\n```\nx *y*\n&lt;z&gt;\n```\nafter')).toEqual([
    { type: 'paragraph', children: [{ type: 'text', text: 'before' }] },
    { type: 'pre', text: 'x *y*\n<z>' },
    { type: 'paragraph', children: [{ type: 'text', text: 'after' }] },
  ]);
});

test('links, mentions, channels and broadcasts', () => {
  expect(line('<https://a.example/x?a=1&amp;b=2|the site> <http://b.example>')).toEqual([
    { type: 'link', url: 'https://a.example/x?a=1&b=2', label: 'the site' },
    { type: 'text', text: ' ' },
    { type: 'link', url: 'http://b.example', label: 'http://b.example' },
  ]);
  expect(line('<@U123> in <#C9|general> <!here>')).toEqual([
    { type: 'user', id: 'U123' },
    { type: 'text', text: ' in ' },
    { type: 'channel', id: 'C9', label: 'general' },
    { type: 'text', text: ' ' },
    { type: 'broadcast', name: 'here' },
  ]);
  expect(inlineText(line('<!date^1700000000^{date}|Nov 14>'))).toBe('Nov 14');
});

test('escapes are decoded after parsing: an escaped tag stays text, a javascript: target is no link', () => {
  expect(line('&lt;b&gt;x&lt;/b&gt; &amp; *y*')).toEqual([
    { type: 'text', text: '<b>x</b> & ' },
    { type: 'bold', children: [{ type: 'text', text: 'y' }] },
  ]);
  expect(line('<javascript:alert(1)|click>')).toEqual([
    { type: 'text', text: '<javascript:alert(1)|click>' },
  ]);
  expect(line('<script>')).toEqual([{ type: 'text', text: '<script>' }]);
});

test('emoji shortcodes become emoji; unknown ones and times stay as typed', () => {
  const nodes = line(':white_check_mark: done at 12:30:45 :not_an_emoji: :+1::skin-tone-3:');
  expect(
    nodes.filter((n): n is Extract<Inline, { type: 'emoji' }> => n.type === 'emoji').map((n) => n.char),
  ).toEqual(['✅', '👍']);
  expect(inlineText(nodes)).toBe('✅ done at 12:30:45 :not_an_emoji: 👍');
  expect(parsePlainText('Destroy :wastebasket:')).toEqual([
    { type: 'text', text: 'Destroy ' },
    { type: 'emoji', name: 'wastebasket', char: '🗑️' },
  ]);
  expect(parsePlainText(':x:', false)).toEqual([{ type: 'text', text: ':x:' }]);
});

test('quotes group consecutive > lines, and lines of a paragraph keep their breaks', () => {
  expect(parseMrkdwn('> one\n&gt; two\nthree\nfour')).toEqual([
    {
      type: 'quote',
      children: [{ type: 'text', text: 'one' }, { type: 'newline' }, { type: 'text', text: 'two' }],
    },
    {
      type: 'paragraph',
      children: [{ type: 'text', text: 'three' }, { type: 'newline' }, { type: 'text', text: 'four' }],
    },
  ]);
});

test('private-use characters in the input are not taken for parsed parts', () => {
  expect(inlineText(line('\ue000 <@U1>'))).toBe('\ufffd @U1');
});

test('bare web addresses are links, without the full stop after them; not inside code', () => {
  expect(line('Site: http://127.0.0.1:8080/wp. Done')).toEqual([
    { type: 'text', text: 'Site: ' },
    { type: 'link', url: 'http://127.0.0.1:8080/wp', label: 'http://127.0.0.1:8080/wp' },
    { type: 'text', text: '. Done' },
  ]);
  expect(line('`http://x.example`')).toEqual([{ type: 'code', text: 'http://x.example' }]);
});
