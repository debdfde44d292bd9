/**
 * Decoys of every type the teardown touches — VPC, subnet, security group, internet gateway,
 * route table, instance, AMI, snapshot, load balancer, target group, DB instance, DB subnet
 * group, secret, IAM role, instance profile — beside a real env, each in three kinds:
 * - named like the env's own resource, without sitebot's tags;
 * - half-tagged (`sitebot:env=demo` without `sitebot:managed`), not recorded: lookups by tag
 *   must pass it over;
 * - recorded in the env record in place of the real one, half-tagged (env only, or managed
 *   only) or tagged for another env: the teardown finds it by that id, so only the ownership
 *   guard on its own tags stands between it and deletion.
 * The teardown deletes the whole real env, no decoy, and reports each recorded decoy as not
 * tagged for the env.
 */
import {
  CreateImageCommand,
  CreateInternetGatewayCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  type ResourceType,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateInstanceProfileCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand } from '@aws-sdk/client-rds';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { EC2_TRUST_POLICY } from '../../../../src/aws/iam';
import { notTaggedReason } from '../../../../src/workflows/destroy/resources';
import { receiptOf } from '../../../../src/workflows/destroy/receipt';
import { launchInstance } from '../../sandbox/ec2-fixture';
import { createFully, destroyFully, startHarness, taggedFor, type Harness } from './harness';
import { english } from '../../../../src/i18n/english';

jest.setTimeout(120_000);

let h: Harness;
afterAll(async () => {
  await h?.close();
});

type Tags = Record<string, string>;
const tagList = (tags: Tags) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const ec2Tags = (type: ResourceType, tags: Tags) => [{ ResourceType: type, Tags: tagList(tags) }];

/** The three kinds of tags a recorded decoy carries, taken in turn by type. */
const HALF_TAGS: ((role: string) => Tags)[] = [
  (role) => ({ 'sitebot:env': 'demo', 'sitebot:role': role }),
  (role) => ({ 'sitebot:managed': 'true', 'sitebot:role': role }),
  (role) => ({ 'sitebot:env': 'other', 'sitebot:managed': 'true', 'sitebot:role': role }),
];
let turn = 0;
const recordedTags = (role: string, name: string): Tags => ({ Name: name, ...HALF_TAGS[turn++ % 3](role) });
const unrecordedTags = (role: string, name: string): Tags => ({
  Name: name,
  'sitebot:env': 'demo',
  'sitebot:role': role,
});

interface Decoys {
  /** Env record role → the decoy id recorded there. */
  recorded: Record<string, string>;
  /** Every decoy's id (or name, for RDS and IAM; ARN for ELBv2 and the secret). */
  all: string[];
  /** Decoys carrying `sitebot:env=demo` (half-tagged): the only things tagged for demo that may remain. */
  taggedDemo: string[];
}

/** Every decoy made three times: untagged (same name), half-tagged and unrecorded, recorded (`role`). */
async function plantDecoys(): Promise<Decoys> {
  const { ec2, rds, elbv2, secretsManager } = h.emu.clients;
  const d: Decoys = { recorded: {}, all: [], taggedDemo: [] };
  /** Makes the three kinds of one type; `make(tags, n)` creates one and returns its id. */
  const envTagged = (id: string, tags: Tags) => tags['sitebot:env'] === 'demo' && d.taggedDemo.push(id);
  const three = async (role: string, name: string, make: (tags: Tags, n: number) => Promise<string>) => {
    const kinds = [{ Name: name }, unrecordedTags(role, name), recordedTags(role, name)];
    const ids: string[] = [];
    for (const [n, tags] of kinds.entries()) {
      const id = await make(tags, n);
      ids.push(id);
      envTagged(id, tags);
    }
    d.all.push(...ids);
    d.recorded[role] = ids[2];
    return ids;
  };

  // A host VPC (named like the env's, untagged) for the decoys that need a network.
  const [host] = await three('vpc', 'demo-vpc', async (tags, n) => {
    const out = await ec2.send(
      new CreateVpcCommand({ CidrBlock: `10.${9 + n}.0.0/16`, TagSpecifications: ec2Tags('vpc', tags) }),
    );
    return out.Vpc!.VpcId!;
  });
  const subnet = async (n: number, az: string, tags: Tags) =>
    (
      await ec2.send(
        new CreateSubnetCommand({
          VpcId: host,
          CidrBlock: `10.9.${n}.0/24`,
          AvailabilityZone: `ap-northeast-1${az}`,
          TagSpecifications: ec2Tags('subnet', tags),
        }),
      )
    ).Subnet!.SubnetId!;
  const hostA = await subnet(0, 'a', { Name: 'demo-public-a' });
  const hostC = await subnet(1, 'c', unrecordedTags('subnet-public-c', 'demo-public-c'));
  d.all.push(hostA, hostC);
  d.taggedDemo.push(hostC);
  // Every subnet role recorded with a decoy: the three kinds of half tags among them.
  for (const [i, role] of [
    'subnet-public-a',
    'subnet-public-c',
    'subnet-private-a',
    'subnet-private-c',
  ].entries()) {
    const tags = recordedTags(role.replace(/^subnet-/, ''), `demo-${role}`);
    const id = await subnet(2 + i, i % 2 ? 'c' : 'a', tags);
    d.recorded[role] = id;
    d.all.push(id);
    envTagged(id, tags);
  }
  const hostSg = (
    await ec2.send(
      new CreateSecurityGroupCommand({ VpcId: host, GroupName: 'demo-elb-sg', Description: 'decoy' }),
    )
  ).GroupId!;
  d.all.push(hostSg);
  for (const role of ['elb-sg', 'web-sg', 'db-sg']) {
    const tags = recordedTags(role, `demo-${role}`);
    const id = (
      await ec2.send(
        new CreateSecurityGroupCommand({
          VpcId: host,
          GroupName: `decoy-${role}`,
          Description: 'decoy',
          TagSpecifications: ec2Tags('security-group', tags),
        }),
      )
    ).GroupId!;
    d.recorded[role] = id;
    d.all.push(id);
    envTagged(id, tags);
  }
  await three('igw', 'demo-igw', async (tags) => {
    const out = await ec2.send(
      new CreateInternetGatewayCommand({ TagSpecifications: ec2Tags('internet-gateway', tags) }),
    );
    return out.InternetGateway!.InternetGatewayId!;
  });
  await three('public-route-table', 'demo-public-rt', async (tags) => {
    const out = await ec2.send(
      new CreateRouteTableCommand({ VpcId: host, TagSpecifications: ec2Tags('route-table', tags) }),
    );
    return out.RouteTable!.RouteTableId!;
  });
  const instances = await three('web-1', 'demo-web-1', (tags) =>
    launchInstance(ec2, hostA, { TagSpecifications: ec2Tags('instance', tags) }),
  );
  const web2Tags = recordedTags('web-2', 'demo-web-2');
  const web2 = await launchInstance(ec2, hostA, { TagSpecifications: ec2Tags('instance', web2Tags) });
  d.recorded['web-2'] = web2;
  d.all.push(web2);
  envTagged(web2, web2Tags);
  h.clock.advance(60_000); // running, so they can be imaged
  const images: { id: string; tags: Tags }[] = [];
  await three('web-ami', 'demo-web-ami', async (tags, n) => {
    const out = await ec2.send(
      new CreateImageCommand({
        InstanceId: instances[n],
        Name: `demo-web-ami-decoy-${n}`,
        TagSpecifications: [...ec2Tags('image', tags), ...ec2Tags('snapshot', tags)],
      }),
    );
    images.push({ id: out.ImageId!, tags });
    return out.ImageId!;
  });
  h.clock.advance(10 * 60_000); // available, with their snapshots
  for (const image of images) {
    const snapshot = String(h.emu.world.listResources().find((r) => r.id === image.id)?.details?.snapshotId);
    d.all.push(snapshot);
    envTagged(snapshot, image.tags);
    if (image.id === d.recorded['web-ami']) d.recorded['web-ami-snapshot-1'] = snapshot;
  }

  const lbs = await three('load-balancer', 'demo-alb', async (tags, n) => {
    const out = await elbv2.send(
      new CreateLoadBalancerCommand({
        Name: `demo-alb-${n + 2}`,
        Scheme: 'internal',
        Subnets: [hostA, hostC],
        SecurityGroups: [hostSg],
        Tags: tagList(tags),
      }),
    );
    return out.LoadBalancers![0].LoadBalancerArn!;
  });
  const tgs = await three('target-group', 'demo-tg', async (tags, n) => {
    const out = await elbv2.send(
      new CreateTargetGroupCommand({
        Name: `demo-tg-${n + 2}`,
        Protocol: 'HTTP',
        Port: 80,
        VpcId: host,
        Tags: tagList(tags),
      }),
    );
    return out.TargetGroups![0].TargetGroupArn!;
  });
  // A listener lives with its load balancer: the recorded decoy's, recorded too.
  const listener = (
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lbs[2],
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgs[0] }],
      }),
    )
  ).Listeners![0].ListenerArn!;
  d.recorded.listener = listener;
  d.all.push(listener);
  const [dbSubnets] = await three('db-subnet-group', 'demo-db-subnets', async (tags, n) => {
    const name = `demo-db-subnets-${n + 2}`;
    await rds.send(
      new CreateDBSubnetGroupCommand({
        DBSubnetGroupName: name,
        DBSubnetGroupDescription: 'decoy',
        SubnetIds: [hostA, d.recorded['subnet-public-c']],
        Tags: tagList(tags),
      }),
    );
    return name;
  });
  await three('db', 'demo-db', async (tags, n) => {
    const id = `demo-db-${n + 2}`;
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: id,
        Engine: 'mysql',
        EngineVersion: '8.4',
        DBInstanceClass: 'db.t4g.micro',
        AllocatedStorage: 20,
        MasterUsername: 'admin',
        MasterUserPassword: 'decoy-password-123',
        DBSubnetGroupName: dbSubnets,
        VpcSecurityGroupIds: [hostSg],
        BackupRetentionPeriod: 0,
        Tags: tagList(tags),
      }),
    );
    return id;
  });
  await three('credentials', 'demo-credentials', async (tags, n) => {
    const out = await secretsManager.send(
      new CreateSecretCommand({
        Name: `sitebot/demo-decoy-${n}/credentials`,
        SecretString: '{}',
        Tags: tagList(tags),
      }),
    );
    return out.ARN!;
  });
  await three('web-role', 'sitebot-demo-web', async (tags, n) => {
    const name = `sitebot-demo-web-decoy-${n}`;
    await h.iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: EC2_TRUST_POLICY,
        Tags: tagList(tags),
      }),
    );
    return name;
  });
  await three('web-instance-profile', 'sitebot-demo-web', async (tags, n) => {
    const name = `sitebot-demo-web-decoy-${n}`;
    await h.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name, Tags: tagList(tags) }));
    return name;
  });
  return d;
}

test('the teardown deletes the whole env and no decoy of any type, reporting the recorded ones', async () => {
  h = await startHarness();
  await createFully(h, 'demo');
  const real = taggedFor(h, 'demo')
    .filter((r) => r.type !== 'network-interface')
    .map((r) => r.id);
  const decoys = await plantDecoys();
  // The env record now names a decoy for every role.
  const env = (await h.store.environments.get('demo'))!;
  const roles = Object.keys(env.resources);
  expect(roles.filter((role) => !(role in decoys.recorded))).toEqual([]);
  await h.store.environments.update('demo', env.version, {
    resources: { ...env.resources, ...decoys.recorded },
  });

  const run = await destroyFully(h, 'demo');
  expect(run.status).toBe('succeeded');
  const live = new Set(
    h.emu.world
      .listResources()
      .filter((r) => r.state !== 'terminated')
      .map((r) => r.id),
  );
  expect(decoys.all.filter((id) => !live.has(id))).toEqual([]);
  expect(real.filter((id) => live.has(id))).toEqual([]);
  // What is still tagged for demo is the half-tagged decoys, nothing of the env.
  expect(
    taggedFor(h, 'demo')
      .map((r) => r.id)
      .sort(),
  ).toEqual([...decoys.taggedDemo].sort());
  const receipt = receiptOf(run.summary)!;
  expect(receipt.deleted.map((r) => r.id).filter((id) => decoys.all.includes(id))).toEqual([]);
  const skipped = new Map(receipt.skipped.map((s) => [s.id, s.reason]));
  // Every recorded decoy reached the ownership guard and was refused (DB ids by identifier).
  const notOurs = english(notTaggedReason('demo'));
  const missing = Object.values(decoys.recorded).filter((id) => english(skipped.get(id)) !== notOurs);
  expect(missing).toEqual([]);
});
