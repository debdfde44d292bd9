/** The CI gate on cfn-lint's findings (test/deploy/cfn-lint.ts): errors fail, warnings need a reason. */
import { judge, type LintMatch } from './cfn-lint';

const match = (Level: string, Id: string, resource: string): LintMatch => ({
  Level,
  Message: 'something',
  Rule: { Id },
  Location: { Path: ['Resources', resource, 'DependsOn'] },
});

test('an error always fails, explained or not', () => {
  const v = judge([match('Error', 'E3001', 'WorkerRole')], 'E3001 WorkerRole is fine');
  expect(v.errors).toHaveLength(1);
});

test('a warning passes only when docs/deploy.md names both its rule and its resource', () => {
  const docs = '| W3005 | `HttpApiRoutePostSlackEvents` | osls writes the DependsOn |';
  const v = judge(
    [
      match('Warning', 'W3005', 'HttpApiRoutePostSlackEvents'),
      match('Warning', 'W3005', 'SlackLambdaFunction'),
      match('Warning', 'W2001', 'HttpApiRoutePostSlackEvents'),
    ],
    docs,
  );
  expect(v.explained).toHaveLength(1);
  expect(v.unexplained.map((u) => u.split(':')[0])).toEqual([
    'W3005 SlackLambdaFunction',
    'W2001 HttpApiRoutePostSlackEvents',
  ]);
});

test('informational findings are neither errors nor warnings', () => {
  expect(judge([match('Informational', 'I3011', 'X')], '')).toEqual({
    errors: [],
    explained: [],
    unexplained: [],
  });
});
