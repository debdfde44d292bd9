/**
 * The managed-service units against mocked SDK clients: the exact delete calls (no final
 * snapshot, no retained backups, no recovery window), deletion protection turned off first,
 * ELBv2 tags read in batches, and RDS/IAM tags checked on the resource itself.
 */
import {
  DeleteLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { Ec2Adapter } from '../../../../src/aws/ec2';
import { Elbv2Adapter } from '../../../../src/aws/elbv2';
import { IamAdapter } from '../../../../src/aws/iam';
import { RdsAdapter } from '../../../../src/aws/rds';
import { SecretsAdapter } from '../../../../src/aws/secrets';
import { TeardownElbv2 } from '../../../../src/aws/teardown-services';
import { teardownAws, type TeardownAws } from '../../../../src/workflows/destroy/deps';
import {
  dbInstanceUnit,
  iamRoleUnit,
  loadBalancerUnit,
  secretUnit,
} from '../../../../src/workflows/destroy/units/managed';
import { inEnglish } from '../../../helpers/english-said';

const config = { region: 'ap-northeast-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };
const OWNED = [
  { Key: 'sitebot:env', Value: 'demo' },
  { Key: 'sitebot:managed', Value: 'true' },
];
const awsError = (name: string) => Object.assign(new Error(name), { name, $metadata: {} });

function clients() {
  const ec2 = new EC2Client(config);
  const rds = new RDSClient(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const sm = new SecretsManagerClient(config);
  const iam = new IAMClient(config);
  const aws: TeardownAws = teardownAws({
    ec2: new Ec2Adapter(ec2),
    rds: new RdsAdapter(rds),
    elbv2: new Elbv2Adapter(elbv2),
    secrets: new SecretsAdapter(sm),
    iam: new IamAdapter(iam),
  });
  return {
    aws,
    rds: mockClient(rds),
    elbv2: mockClient(elbv2),
    sm: mockClient(sm),
    iam: mockClient(iam),
  };
}

describe('database unit', () => {
  it('finds the env’s DB by its tags, turns deletion protection off, then deletes without snapshot or backups', async () => {
    const m = clients();
    m.rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'demo-db',
          DBInstanceStatus: 'available',
          DeletionProtection: true,
          TagList: OWNED,
        },
        { DBInstanceIdentifier: 'someone-else', DBInstanceStatus: 'available', TagList: [] },
      ],
    });
    m.rds.on(ModifyDBInstanceCommand).resolves({});
    m.rds.on(DeleteDBInstanceCommand).resolves({});
    const found = await dbInstanceUnit.find(m.aws, { env: 'demo', recorded: {} });
    expect(found.map((c) => c.id)).toEqual(['demo-db']);
    expect(await dbInstanceUnit.remove(m.aws, found[0], 'demo')).toEqual({ kind: 'deleted' });
    expect(m.rds.commandCalls(ModifyDBInstanceCommand)[0].args[0].input).toEqual({
      DBInstanceIdentifier: 'demo-db',
      DeletionProtection: false,
      ApplyImmediately: true,
    });
    expect(m.rds.commandCalls(DeleteDBInstanceCommand)[0].args[0].input).toEqual({
      DBInstanceIdentifier: 'demo-db',
      SkipFinalSnapshot: true,
      DeleteAutomatedBackups: true,
    });
  });

  it('waits on a DB already being deleted instead of asking again', async () => {
    const m = clients();
    const out = await dbInstanceUnit.remove(
      m.aws,
      { type: 'db-instance', id: 'demo-db', tags: {}, recorded: true, facts: { status: 'deleting' } },
      'demo',
    );
    expect(inEnglish(out)).toEqual({ kind: 'pending', reason: 'still deleting' });
    expect(m.rds.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
  });
});

describe('load balancer unit', () => {
  it('reads tags in batches of 20 and keeps the env’s and the recorded ones only', async () => {
    const m = clients();
    const arns = Array.from({ length: 25 }, (_, i) => `arn:aws:elasticloadbalancing:lb/app/lb-${i}/x`);
    m.elbv2
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancers: arns.map((LoadBalancerArn) => ({ LoadBalancerArn })) });
    m.elbv2.on(DescribeTagsCommand).callsFake((input: { ResourceArns: string[] }) => ({
      TagDescriptions: input.ResourceArns.map((arn) => ({
        ResourceArn: arn,
        Tags: arn.includes('lb-21/') ? OWNED : [],
      })),
    }));
    const found = await loadBalancerUnit.find(m.aws, { env: 'demo', recorded: { 'load-balancer': arns[3] } });
    expect(found.map((c) => [c.id, c.recorded])).toEqual([
      [arns[3], true],
      [arns[21], false],
    ]);
    expect(
      m.elbv2.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.ResourceArns?.length),
    ).toEqual([20, 5]);
  });

  it('asks one by one when a batch names a load balancer that just went away', async () => {
    const m = clients();
    m.elbv2
      .on(DescribeTagsCommand, { ResourceArns: ['a', 'b'] })
      .rejects(awsError('LoadBalancerNotFoundException'))
      .on(DescribeTagsCommand, { ResourceArns: ['a'] })
      .rejects(awsError('LoadBalancerNotFoundException'))
      .on(DescribeTagsCommand, { ResourceArns: ['b'] })
      .resolves({ TagDescriptions: [{ ResourceArn: 'b', Tags: OWNED }] });
    const tags = await new TeardownElbv2(m.aws.elbv2).tags(['a', 'b']);
    expect([...tags.keys()]).toEqual(['b']);
  });

  it('treats a load balancer that is already gone as deleted before', async () => {
    const m = clients();
    m.elbv2.on(DeleteLoadBalancerCommand).rejects(awsError('LoadBalancerNotFoundException'));
    const out = await loadBalancerUnit.remove(
      m.aws,
      { type: 'load-balancer', id: 'arn', tags: {}, recorded: false },
      'demo',
    );
    expect(out).toEqual({ kind: 'gone' });
  });
});

describe('secret unit', () => {
  it('deletes without a recovery window', async () => {
    const m = clients();
    m.sm.on(DeleteSecretCommand).resolves({});
    await secretUnit.remove(m.aws, { type: 'secret', id: 'arn:secret', tags: {}, recorded: true }, 'demo');
    expect(m.sm.commandCalls(DeleteSecretCommand)[0].args[0].input).toEqual({
      SecretId: 'arn:secret',
      ForceDeleteWithoutRecovery: true,
    });
  });
});

describe('IAM role unit', () => {
  it('looks up the deterministic role name and reads its tags from the role itself', async () => {
    const m = clients();
    m.iam.on(GetRoleCommand, { RoleName: 'sitebot-demo-web' }).resolves({
      Role: {
        RoleName: 'sitebot-demo-web',
        Path: '/',
        RoleId: 'R',
        Arn: 'arn:aws:iam::1:role/sitebot-demo-web',
        CreateDate: new Date(0),
        Tags: OWNED,
      },
    });
    const found = await iamRoleUnit.find(m.aws, { env: 'demo', recorded: {} });
    expect(found).toEqual([
      {
        type: 'iam-role',
        id: 'sitebot-demo-web',
        tags: { 'sitebot:env': 'demo', 'sitebot:managed': 'true' },
        recorded: false,
      },
    ]);
  });

  it('finds nothing when the role does not exist', async () => {
    const m = clients();
    m.iam.on(GetRoleCommand).rejects(awsError('NoSuchEntityException'));
    expect(await iamRoleUnit.find(m.aws, { env: 'demo', recorded: {} })).toEqual([]);
  });
});
