import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { IamAdapter } from '../../../src/aws/iam';

const iamMock = mockClient(IAMClient);
const iam = new IamAdapter(new IAMClient({ region: 'us-east-1' }));
/** IAM errors as the SDK raises them: class name `<Code>Exception`, wire code in `Code`. */
const role = (name: string) => ({
  Path: '/',
  RoleName: name,
  RoleId: 'AROA1',
  Arn: `arn:${name}`,
  CreateDate: new Date(0),
});
const profile = (roles: string[]) => ({
  Path: '/',
  InstanceProfileName: 'p',
  InstanceProfileId: 'AIPA1',
  Arn: 'arn:p',
  CreateDate: new Date(0),
  Roles: roles.map(role),
});
const iamError = (code: string) =>
  Object.assign(new Error(code), { name: `${code}Exception`, Code: code, $metadata: {} });

beforeEach(() => iamMock.reset());

const PLACEMENT = { path: '/sitebot/prod/', permissionsBoundary: 'arn:aws:iam::123456789012:policy/b' };

test('ensureRole creates the role under the path, with the permissions boundary', async () => {
  iamMock.on(CreateRoleCommand).resolves({ Role: role('r') });
  expect(await iam.ensureRole('r', '{}', 'd', [], PLACEMENT)).toEqual({ role: role('r'), created: true });
  expect(iamMock.commandCalls(CreateRoleCommand)[0].args[0].input).toEqual(
    expect.objectContaining({
      RoleName: 'r',
      Path: '/sitebot/prod/',
      PermissionsBoundary: PLACEMENT.permissionsBoundary,
    }),
  );
});

test('ensureRole returns the existing role, as not created, when CreateRole says EntityAlreadyExists', async () => {
  iamMock.on(CreateRoleCommand).rejects(iamError('EntityAlreadyExists'));
  iamMock.on(GetRoleCommand).resolves({ Role: role('r') });
  const out = await iam.ensureRole('r', '{}', 'd', [], PLACEMENT);
  expect(out.created).toBe(false);
  expect(out.role.Arn).toBe('arn:r');
});

test('ensureRole rethrows other errors', async () => {
  iamMock.on(CreateRoleCommand).rejects(iamError('MalformedPolicyDocument'));
  await expect(iam.ensureRole('r', '{}', 'd', [], PLACEMENT)).rejects.toThrow('MalformedPolicyDocument');
});

test('ensureInstanceProfile creates the profile under the path', async () => {
  iamMock.on(CreateInstanceProfileCommand).resolves({ InstanceProfile: profile([]) });
  await iam.ensureInstanceProfile('p', [], '/sitebot/prod/');
  expect(iamMock.commandCalls(CreateInstanceProfileCommand)[0].args[0].input).toEqual(
    expect.objectContaining({ InstanceProfileName: 'p', Path: '/sitebot/prod/' }),
  );
});

test('rolePolicy decodes the URL-encoded document; NoSuchEntity means none', async () => {
  iamMock
    .on(GetRolePolicyCommand)
    .resolves({ RoleName: 'r', PolicyName: 'p', PolicyDocument: encodeURIComponent('{"a":1}') });
  expect(await iam.rolePolicy('r', 'p')).toBe('{"a":1}');
  iamMock.on(GetRolePolicyCommand).rejects(iamError('NoSuchEntity'));
  expect(await iam.rolePolicy('r', 'p')).toBeUndefined();
});

test('ensureRoleInProfile skips a role already in the profile and tolerates LimitExceeded from a lost answer', async () => {
  iamMock.on(CreateInstanceProfileCommand).resolves({});
  await iam.ensureRoleInProfile(profile(['r']), 'r');
  expect(iamMock.commandCalls(AddRoleToInstanceProfileCommand)).toHaveLength(0);
  iamMock.on(AddRoleToInstanceProfileCommand).rejects(iamError('LimitExceeded'));
  await expect(iam.ensureRoleInProfile(profile([]), 'r')).resolves.toBeUndefined();
});
