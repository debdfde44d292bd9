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

test('ensureRole returns the existing role when CreateRole says EntityAlreadyExists', async () => {
  iamMock.on(CreateRoleCommand).rejects(iamError('EntityAlreadyExists'));
  iamMock.on(GetRoleCommand).resolves({ Role: role('r') });
  expect((await iam.ensureRole('r', '{}', 'd', []))?.Arn).toBe('arn:r');
});

test('ensureRole rethrows other errors', async () => {
  iamMock.on(CreateRoleCommand).rejects(iamError('MalformedPolicyDocument'));
  await expect(iam.ensureRole('r', '{}', 'd', [])).rejects.toThrow('MalformedPolicyDocument');
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
