/**
 * What changed between two renderings of a message, line by line: the lines of the new one that
 * are not in a longest common subsequence with the old one (new or edited), and how many old
 * lines went. Messages are a few dozen lines, so the quadratic table is cheap.
 */
export interface LineChanges {
  /** Lines of `after` that are new or edited, with their index in `after`. */
  changed: { index: number; text: string }[];
  /** Lines of `before` with no counterpart in `after`. */
  removed: number;
}

export function lineChanges(before: readonly string[], after: readonly string[]): LineChanges {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1)
    for (let j = m - 1; j >= 0; j -= 1)
      lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const changed: LineChanges['changed'] = [];
  let i = 0;
  let j = 0;
  while (j < m) {
    if (i < n && before[i] === after[j]) {
      i += 1;
      j += 1;
    } else if (i < n && lcs[i + 1][j] >= lcs[i][j + 1]) {
      i += 1;
    } else {
      changed.push({ index: j, text: after[j] });
      j += 1;
    }
  }
  return { changed, removed: n - lcs[0][0] };
}
