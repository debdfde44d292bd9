/** Slack's `seconds.micros` timestamps in order, compared digit by digit rather than as floating point. */
export function compareTs(a: string, b: string): number {
  const [as, af = ''] = a.split('.');
  const [bs, bf = ''] = b.split('.');
  const x = as.padStart(12, '0') + af.padEnd(6, '0');
  const y = bs.padStart(12, '0') + bf.padEnd(6, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}
