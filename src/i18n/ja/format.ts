/** 数字と期間の日本語表記: 3分19秒、2時間5分、$0.0052/時間、2026/12/02 05:52 JST。 */
import type { FormatWords } from '../../domain/format';

export const JA_FORMAT_WORDS: FormatWords = {
  duration: { d: '日', h: '時間', m: '分', s: '秒', gap: '', zero: '0秒', underSecond: '1秒未満' },
  rate: { hour: '/時間', day: '/日', month: '/月' },
  underCent: (smallest) => `${smallest}未満`,
  listSeparator: '、',
  instant: (p) => `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute} ${p.zone}`,
};
