/** The IAM emulator through the real SDK client: roles, inline policies, instance profiles, errors. */
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
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
