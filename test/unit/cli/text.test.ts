import { plain } from '../../../src/cli/commands/follow';
import { table } from '../../../src/cli/commands/envs';

test('plain: Slack mentions read as @user and a message stays on one line', () => {
  expect(plain('demo already exists (ready, owner <@U123>, created …)')).toBe(
    'demo already exists (ready, owner @U123, created …)',
  );
  expect(plain('held by <@U9|alice>\n  since 05:00')).toBe('held by @U9 since 05:00');
});

test('table: columns padded to the widest cell, no trailing spaces', () => {
  expect(
    table([
      ['NAME', 'STATUS', 'URL'],
      ['demo', 'ready', 'http://x/'],
      ['a-much-longer', 'creating', '-'],
    ]),
  ).toBe(
    ['NAME           STATUS    URL', 'demo           ready     http://x/', 'a-much-longer  creating  -'].join(
      '\n',
    ),
  );
});
