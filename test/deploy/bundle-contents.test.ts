/**
 * What each Lambda bundle loads at cold start (esbuild's own record of the inputs, with the
 * settings serverless.yml uses). The slack function must answer within Slack's 3 s even cold,
 * so it loads the workflows' outlines and the DynamoDB/SQS/SSM clients only: never the step
 * code, nor the EC2, RDS, ELBv2, IAM, Secrets Manager or Service Quotas clients the steps use. The worker,
 * which runs the steps, is the control that shows the check can see them.
 */
import { bundleInputs } from './bundle-inputs';

const STEP_CLIENTS =
  /node_modules\/@aws-sdk\/client-(ec2|rds|elastic-load-balancing-v2|iam|secrets-manager|service-quotas)\//;
const STEP_CODE =
  /^src\/(workflows\/(create\/steps|destroy\/units|failover\/steps)\/|aws\/(ec2|rds|elbv2|iam|secrets|account-limits)\.ts)/;

const matching = (inputs: string[], pattern: RegExp) => [
  ...new Set(
    inputs.filter((i) => pattern.test(i)).map((i) => i.replace(/(client-[^/]+|steps|units)\/.*/, '$1')),
  ),
];

describe('Lambda bundle contents', () => {
  let inputs: Record<'slack' | 'remind' | 'worker', string[]>;
  beforeAll(async () => {
    const [slack, remind, worker] = await Promise.all(
      (['slack', 'remind', 'worker'] as const).map(bundleInputs),
    );
    inputs = { slack, remind, worker };
  }, 60_000);

  it.each(['slack', 'remind'] as const)('%s loads no step code and no client the steps use', (handler) => {
    expect(matching(inputs[handler], STEP_CLIENTS)).toEqual([]);
    expect(matching(inputs[handler], STEP_CODE)).toEqual([]);
    expect(inputs[handler]).toContain('src/workflows/outlines.ts');
    expect(inputs[handler].some((i) => i.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
  });

  it('worker loads the steps and every client they use (the check sees them)', () => {
    expect(matching(inputs.worker, STEP_CLIENTS).sort()).toEqual(
      [
        'node_modules/@aws-sdk/client-ec2',
        'node_modules/@aws-sdk/client-elastic-load-balancing-v2',
        'node_modules/@aws-sdk/client-iam',
        'node_modules/@aws-sdk/client-rds',
        'node_modules/@aws-sdk/client-secrets-manager',
        'node_modules/@aws-sdk/client-service-quotas',
      ].sort(),
    );
    expect(matching(inputs.worker, STEP_CODE).length).toBeGreaterThan(3);
  });
});
