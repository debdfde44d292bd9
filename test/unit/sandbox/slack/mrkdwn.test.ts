/** Which `&`, `<`, `>` Slack would misrender in mrkdwn, and which strings of a message are mrkdwn. */
import { findUnescaped, mrkdwnStrings } from '../../../../src/sandbox/slack/mrkdwn';

const chars = (text: string) => findUnescaped(text).map((u) => u.char);

describe('findUnescaped', () => {
  it('flags placeholders in angle brackets, which Slack reads as a control sequence', () => {
    expect(chars('/site extend <env> <dur>')).toEqual(['<', '<']);
    expect(findUnescaped('/site extend <env>')[0]).toMatchObject({
      index: 13,
      excerpt: expect.stringContaining('<env>'),
    });
  });

  it('accepts the same text escaped', () => {
    expect(chars('/site extend &lt;env&gt; &lt;dur&gt;')).toEqual([]);
  });

  it('flags a bare ampersand and accepts &amp;', () => {
    expect(chars('cost & time')).toEqual(['&']);
    expect(chars('cost &amp; time')).toEqual([]);
    // Slack decodes only the three entities: &quot; shows as typed.
    expect(chars('say &quot;hi&quot;')).toEqual(['&', '&']);
  });

  it('accepts control sequences: users, channels, specials, dates and links', () => {
    const ok = [
      '<@U0SITEBOT>',
      '<@W123|ann>',
      '<#C1>',
      '<#C123|general>',
      '<!here>',
      '<!channel>',
      '<!subteam^S123|@ops>',
      '<!date^1392734382^{date_short}|Feb 18, 2014>',
      '<https://example.com>',
      '<https://example.com/a?b=1|the site>',
      '<mailto:ops@example.com|mail us>',
    ];
    for (const text of ok) expect(chars(`see ${text} now`)).toEqual([]);
  });

  it('flags a stray > but not one that starts a quote line', () => {
    expect(chars('a > b')).toEqual(['>']);
    expect(chars('> quoted\n> again')).toEqual([]);
  });

  it('flags a < that is never closed, or closed on another line', () => {
    expect(chars('a < b')).toEqual(['<']);
    expect(chars('<env\n>')).toEqual(['<']);
  });

  it('flags bare user ids in brackets that are not mentions', () => {
    expect(chars('<U1>')).toEqual(['<']);
  });
});

describe('mrkdwnStrings', () => {
  it('finds the top-level text and every mrkdwn text object, with pointers', () => {
    const found = mrkdwnStrings({
      text: 'top',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'plain <ok>' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'body' }, fields: [{ type: 'mrkdwn', text: 'f' }] },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'ctx' }] },
      ],
    });
    expect(found).toEqual([
      { pointer: '/text', text: 'top' },
      { pointer: '/blocks/1/text/text', text: 'body' },
      { pointer: '/blocks/1/fields/0/text', text: 'f' },
      { pointer: '/blocks/2/elements/0/text', text: 'ctx' },
    ]);
  });

  it('leaves out the top-level text when the request says mrkdwn: false', () => {
    expect(mrkdwnStrings({ text: 'a <b>', mrkdwn: false })).toEqual([]);
    expect(mrkdwnStrings({ text: 'a <b>', mrkdwn: 'false' })).toEqual([]);
  });
});
