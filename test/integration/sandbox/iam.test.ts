/**
 * The IAM emulator through the real SDK client: roles, inline policies, instance profiles, paths,
 * permissions boundaries, managed policies, service-linked roles, and the errors IAM gives.
 */
import { CreateVpcCommand } from '@aws-sdk/client-ec2';
import { CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteInstanceProfileCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { errorCode } from '../../../src/aws/errors';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:x' },
  ],
});

let emu: TestEmulator;
let iam: IAMClient;

beforeEach(async () => {
  emu = await startTestEmulator();
  iam = new IAMClient({ ...emu.clientConfig, region: 'us-east-1' });
});

afterEach(async () => {
  iam.destroy();
  await emu.close();
});

/** The wire error code (the SDK names IAM's exception classes `<Code>Exception`). */
const errorName = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (err: unknown) => errorCode(err),
  );

test('a role is created with its trust policy and tags, and a second create says EntityAlreadyExists', async () => {
  const created = await iam.send(
    new CreateRoleCommand({
      RoleName: 'web',
      AssumeRolePolicyDocument: TRUST,
      Tags: [{ Key: 'sitebot:env', Value: 'demo' }],
    }),
  );
  expect(created.Role?.Arn).toBe(`arn:aws:iam::${emu.world.accountId}:role/web`);
  expect(created.Role?.RoleId).toMatch(/^AROA[0-9A-F]{17}$/);

  const got = await iam.send(new GetRoleCommand({ RoleName: 'web' }));
  expect(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(TRUST));
  expect(got.Role?.Tags).toEqual([{ Key: 'sitebot:env', Value: 'demo' }]);

  await expect(
    errorName(iam.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: TRUST }))),
  ).resolves.toBe('EntityAlreadyExists');
  await expect(errorName(iam.send(new GetRoleCommand({ RoleName: 'nope' })))).resolves.toBe('NoSuchEntity');
});

test('inline policies are put (replacing), read, listed and deleted', async () => {
  await iam.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: TRUST }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'creds', PolicyDocument: TRUST }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'creds', PolicyDocument: POLICY }));
  const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'web', PolicyName: 'creds' }));
  expect(decodeURIComponent(got.PolicyDocument!)).toBe(POLICY);
  expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'web' }))).PolicyNames).toEqual(['creds']);

  await expect(
    errorName(
      iam.send(new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'bad', PolicyDocument: 'not json' })),
    ),
  ).resolves.toBe('MalformedPolicyDocument');
  await expect(
    errorName(iam.send(new DeleteRolePolicyCommand({ RoleName: 'web', PolicyName: 'other' }))),
  ).resolves.toBe('NoSuchEntity');
  await iam.send(new DeleteRolePolicyCommand({ RoleName: 'web', PolicyName: 'creds' }));
  expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'web' }))).PolicyNames).toEqual([]);
});

test('TagRole merges by key; ListRoleTags lists them', async () => {
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'web',
      AssumeRolePolicyDocument: TRUST,
      Tags: [{ Key: 'a', Value: '1' }],
    }),
  );
  await iam.send(
    new TagRoleCommand({
      RoleName: 'web',
      Tags: [
        { Key: 'a', Value: '2' },
        { Key: 'b', Value: '3' },
      ],
    }),
  );
  const tags = (await iam.send(new ListRoleTagsCommand({ RoleName: 'web' }))).Tags;
  expect(tags).toEqual([
    { Key: 'a', Value: '2' },
    { Key: 'b', Value: '3' },
  ]);
});

test('an instance profile holds one role; deletes are refused with DeleteConflict until emptied', async () => {
  await iam.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: TRUST }));
  await iam.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: TRUST }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'creds', PolicyDocument: POLICY }));
  const created = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
  expect(created.InstanceProfile?.Arn).toBe(`arn:aws:iam::${emu.world.accountId}:instance-profile/web`);
  expect(created.InstanceProfile?.Roles).toEqual([]);
  await expect(
    errorName(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }))),
  ).resolves.toBe('EntityAlreadyExists');

  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web' }));
  await expect(
    errorName(
      iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'other' })),
    ),
  ).resolves.toBe('LimitExceeded');
  const profile = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }));
  expect(profile.InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual(['web']);

  await expect(
    errorName(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }))),
  ).resolves.toBe('DeleteConflict');
  await expect(errorName(iam.send(new DeleteRoleCommand({ RoleName: 'web' })))).resolves.toBe(
    'DeleteConflict',
  );

  await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web' }));
  await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }));
  await expect(errorName(iam.send(new DeleteRoleCommand({ RoleName: 'web' })))).resolves.toBe(
    'DeleteConflict',
  ); // policy left
  await iam.send(new DeleteRolePolicyCommand({ RoleName: 'web', PolicyName: 'creds' }));
  await iam.send(new DeleteRoleCommand({ RoleName: 'web' }));
  await expect(
    errorName(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }))),
  ).resolves.toBe('NoSuchEntity');
});

test('roles and instance profiles are listed by the admin API and cleared by reset', async () => {
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'web',
      AssumeRolePolicyDocument: TRUST,
      Tags: [{ Key: 'k', Value: 'v' }],
    }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
  const listed = emu.world.listResources().filter((r) => r.service === 'iam');
  expect(listed.map((r) => `${r.type}:${r.id}`).sort()).toEqual(['instance-profile:web', 'role:web']);
  expect(listed.find((r) => r.type === 'role')?.tags).toEqual({ k: 'v' });
  emu.world.reset();
  expect(emu.world.listResources().filter((r) => r.service === 'iam')).toEqual([]);
  await expect(errorName(iam.send(new GetRoleCommand({ RoleName: 'web' })))).resolves.toBe('NoSuchEntity');
});

describe('paths, permissions boundaries and managed policies', () => {
  const BOUNDARY_DOC = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
  });
  const boundary = async () =>
    (await iam.send(new CreatePolicyCommand({ PolicyName: 'web-boundary', PolicyDocument: BOUNDARY_DOC })))
      .Policy!;

  test('a role and an instance profile live under their path; GetRole shows the boundary', async () => {
    const policy = await boundary();
    expect(policy.Arn).toBe(`arn:aws:iam::${emu.world.accountId}:policy/web-boundary`);
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'web',
        Path: '/sitebot/prod/',
        AssumeRolePolicyDocument: TRUST,
        PermissionsBoundary: policy.Arn,
      }),
    );
    expect(created.Role?.Arn).toBe(`arn:aws:iam::${emu.world.accountId}:role/sitebot/prod/web`);
    const got = (await iam.send(new GetRoleCommand({ RoleName: 'web' }))).Role!;
    expect(got.Path).toBe('/sitebot/prod/');
    expect(got.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: policy.Arn,
    });
    const profile = await iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path: '/sitebot/prod/' }),
    );
    expect(profile.InstanceProfile?.Arn).toBe(
      `arn:aws:iam::${emu.world.accountId}:instance-profile/sitebot/prod/web`,
    );
    expect(
      (await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }))).Policy?.PermissionsBoundaryUsageCount,
    ).toBe(1);
  });

  test.each(['sitebot', '/sitebot', 'sitebot/', '/a b/'])(
    'a malformed path (%s) is a ValidationError',
    async (Path) => {
      await expect(
        errorName(
          iam.send(new CreateRoleCommand({ RoleName: 'web', Path, AssumeRolePolicyDocument: TRUST })),
        ),
      ).resolves.toBe('ValidationError');
      await expect(
        errorName(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path }))),
      ).resolves.toBe('ValidationError');
      expect(emu.world.listResources().filter((r) => r.service === 'iam')).toEqual([]);
    },
  );

  test('a boundary must name a managed policy that exists; the role is not made otherwise', async () => {
    const createWith = (PermissionsBoundary: string) =>
      iam.send(
        new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: TRUST, PermissionsBoundary }),
      );
    await expect(errorName(createWith(`arn:aws:iam::${emu.world.accountId}:policy/nope`))).resolves.toBe(
      'NoSuchEntity',
    );
    await expect(errorName(createWith('nope-not-an-arn'))).resolves.toBe('InvalidInput');
    await expect(errorName(iam.send(new GetRoleCommand({ RoleName: 'web' })))).resolves.toBe('NoSuchEntity');
    // AWS's own managed policies exist (not modelled).
    await createWith('arn:aws:iam::aws:policy/ReadOnlyAccess');
  });

  test('a boundary can be changed and removed; a policy in use as one cannot be deleted', async () => {
    const policy = await boundary();
    await iam.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: TRUST }));
    await iam.send(
      new PutRolePermissionsBoundaryCommand({ RoleName: 'web', PermissionsBoundary: policy.Arn }),
    );
    await expect(errorName(iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn })))).resolves.toBe(
      'DeleteConflict',
    );
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'web' }));
    expect(
      (await iam.send(new GetRoleCommand({ RoleName: 'web' }))).Role?.PermissionsBoundary,
    ).toBeUndefined();
    await iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn }));
    await expect(errorName(iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn })))).resolves.toBe(
      'NoSuchEntity',
    );
  });

  test("a role's inline policies share 10,240 characters; a managed policy has 6,144", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: TRUST }));
    // A statement list of a given size, white space not counted.
    const sized = (chars: number) => {
      const base = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '' }],
      });
      const doc = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'x'.repeat(chars - base.length) }],
      };
      return JSON.stringify(doc, null, 2); // indented: the spaces must not count
    };
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'a', PolicyDocument: sized(6_000) }),
    );
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'b', PolicyDocument: sized(4_240) }),
    );
    await expect(
      errorName(
        iam.send(new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'c', PolicyDocument: sized(100) })),
      ),
    ).resolves.toBe('LimitExceeded');
    // Replacing a policy counts its new size only.
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'b', PolicyDocument: sized(4_000) }),
    );
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'web' }))).PolicyNames).toEqual([
      'a',
      'b',
    ]);

    await iam.send(new CreatePolicyCommand({ PolicyName: 'max', PolicyDocument: sized(6_144) }));
    await expect(
      errorName(iam.send(new CreatePolicyCommand({ PolicyName: 'over', PolicyDocument: sized(6_145) }))),
    ).resolves.toBe('LimitExceeded');
  });
});

describe('service-linked roles', () => {
  test('are made once per service, under /aws-service-role/<service>/, and only AWS may change them', async () => {
    const created = await iam.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: 'rds.amazonaws.com' }),
    );
    expect(created.Role?.Arn).toBe(
      `arn:aws:iam::${emu.world.accountId}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS`,
    );
    expect((await iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForRDS' }))).Role?.Path).toBe(
      '/aws-service-role/rds.amazonaws.com/',
    );
    await expect(
      errorName(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'rds.amazonaws.com' }))),
    ).resolves.toBe('InvalidInput');
    await expect(
      errorName(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'nothing.example.com' }))),
    ).resolves.toBe('InvalidInput');
    const slr = 'AWSServiceRoleForRDS';
    const refusals = [
      iam.send(new PutRolePolicyCommand({ RoleName: slr, PolicyName: 'x', PolicyDocument: POLICY })),
      iam.send(new DeleteRoleCommand({ RoleName: slr })),
      iam.send(
        new PutRolePermissionsBoundaryCommand({
          RoleName: slr,
          PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ),
    ];
    for (const refusal of refusals) await expect(errorName(refusal)).resolves.toBe('UnmodifiableEntity');
    // Account plumbing, not something sitebot made: not in the sandbox's inventory.
    expect(emu.world.listResources().filter((r) => r.service === 'iam')).toEqual([]);
  });

  test("ELB makes its own with the account's first target group (RDS: see the create workflow's test)", async () => {
    await expect(
      errorName(iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForElasticLoadBalancing' }))),
    ).resolves.toBe('NoSuchEntity');
    const vpc = await emu.clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    await emu.clients.elbv2.send(
      new CreateTargetGroupCommand({
        Name: 'tg',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: vpc.Vpc!.VpcId,
        TargetType: 'instance',
      }),
    );
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForElasticLoadBalancing' })))
      .Role;
    expect(role?.Path).toBe('/aws-service-role/elasticloadbalancing.amazonaws.com/');
  });
});
