import { compareTs } from '../../../../src/sandbox/slack/web/client/order';

test('Slack timestamps in order, one microsecond apart included', () => {
  const a = '1796519190.201000';
  const b = '1796519190.201001';
  expect([b, a, '1796519189.999999', '1796519191.000000', '999999999.5'].sort(compareTs)).toEqual([
    '999999999.5',
    '1796519189.999999',
    a,
    b,
    '1796519191.000000',
  ]);
  expect(compareTs(a, a)).toBe(0);
});
