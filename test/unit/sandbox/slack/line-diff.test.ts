import { lineChanges } from '../../../../src/sandbox/slack/line-diff';

test('only new and edited lines are reported, with their place; removed lines are counted', () => {
  const before = ['head', 'a: running', 'b: pending', 'c: pending', 'tail'];
  const after = ['head', 'a: done', 'b: running', 'c: pending', 'tail', 'extra'];
  expect(lineChanges(before, after)).toEqual({
    changed: [
      { index: 1, text: 'a: done' },
      { index: 2, text: 'b: running' },
      { index: 5, text: 'extra' },
    ],
    removed: 2,
  });
  expect(lineChanges(after, after)).toEqual({ changed: [], removed: 0 });
  expect(lineChanges(['x', 'y'], [])).toEqual({ changed: [], removed: 2 });
});
