/** The web-role step: role and profile under the deployment's IAM path, the role with its boundary. */
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
  type Role,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { misplacedRole, webRoleStep } from '../../../../src/workflows/create/steps/iam';
import { fakeContext, mockedDeps } from './fake-context';
import { english } from '../../../../src/i18n/english';

const iamMock = mockClient(IAMClient);
const PATH = '/sitebot/prod/';
const BOUNDARY = 'arn:aws:iam::123456789012:policy/sitebot-prod-web-boundary';
const SECRET = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:sitebot/demo/credentials-AbCdEf';

const iamError = (code: string) =>
  Object.assign(new Error(code), { name: `${code}Exception`, Code: code, $metadata: {} });
const role = (path: string, boundary?: string): Role => ({
  Path: path,
  RoleName: 'sitebot-demo-web',
  RoleId: 'AROA1',
  Arn: `arn:aws:iam::123456789012:role${path}sitebot-demo-web`,
  CreateDate: new Date(0),
  ...(boundary
    ? {
        PermissionsBoundary: {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: boundary,
        },
      }
    : {}),
});
const profile = (path: string) => ({
  Path: path,
  InstanceProfileName: 'sitebot-demo-web',
  InstanceProfileId: 'AIPA1',
  Arn: `arn:aws:iam::123456789012:instance-profile${path}sitebot-demo-web`,
  CreateDate: new Date(0),
  Roles: [],
});

function context() {
  const deps = mockedDeps();
  deps.config = { ...deps.config, iam: { path: PATH, permissionsBoundary: BOUNDARY } };
  return fakeContext(deps, { outputs: { credentials: { secretArn: SECRET } } });
}

beforeEach(() => {
  iamMock.reset();
  iamMock.on(GetRolePolicyCommand).rejects(iamError('NoSuchEntity'));
  iamMock.on(PutRolePolicyCommand).resolves({});
  iamMock.on(AddRoleToInstanceProfileCommand).resolves({});
});

test('creates the role under the path with the boundary, and the profile under the path', async () => {
  iamMock.on(CreateRoleCommand).resolves({ Role: role(PATH) });
  iamMock.on(CreateInstanceProfileCommand).resolves({ InstanceProfile: profile(PATH) });
  const result = await webRoleStep.run(context());
  expect(result.status).toBe('done');
  expect(iamMock.commandCalls(CreateRoleCommand)[0].args[0].input).toMatchObject({
    RoleName: 'sitebot-demo-web',
    Path: PATH,
    PermissionsBoundary: BOUNDARY,
  });
  expect(iamMock.commandCalls(CreateInstanceProfileCommand)[0].args[0].input).toMatchObject({ Path: PATH });
});

test('goes on with a role it made before (a retried step)', async () => {
  iamMock.on(CreateRoleCommand).rejects(iamError('EntityAlreadyExists'));
  iamMock.on(GetRoleCommand).resolves({ Role: role(PATH, BOUNDARY) });
  iamMock.on(CreateInstanceProfileCommand).rejects(iamError('EntityAlreadyExists'));
  iamMock.on(GetInstanceProfileCommand).resolves({ InstanceProfile: profile(PATH) });
  expect((await webRoleStep.run(context())).status).toBe('done');
});

test.each([
  ['at / (an older sitebot or someone else)', role('/')],
  ['under the path without the boundary', role(PATH)],
  ['under the path with another boundary', role(PATH, 'arn:aws:iam::aws:policy/AdministratorAccess')],
])('refuses, with what to do, a role of that name %s, and changes nothing', async (_label, existing) => {
  iamMock.on(CreateRoleCommand).rejects(iamError('EntityAlreadyExists'));
  iamMock.on(GetRoleCommand).resolves({ Role: existing });
  const result = await webRoleStep.run(context());
  expect(result).toMatchObject({ status: 'fail', error: { code: 'RoleNotManageable', retryable: false } });
  const message = result.status === 'fail' ? result.error.message : '';
  expect(message).toContain(PATH);
  expect(message).toContain('delete it');
  expect(iamMock.commandCalls(PutRolePolicyCommand)).toHaveLength(0);
  expect(iamMock.commandCalls(CreateInstanceProfileCommand)).toHaveLength(0);
});

test('refuses an instance profile of that name outside the path', async () => {
  iamMock.on(CreateRoleCommand).resolves({ Role: role(PATH) });
  iamMock.on(CreateInstanceProfileCommand).rejects(iamError('EntityAlreadyExists'));
  iamMock.on(GetInstanceProfileCommand).resolves({ InstanceProfile: profile('/') });
  const result = await webRoleStep.run(context());
  expect(result).toMatchObject({ status: 'fail', error: { code: 'RoleNotManageable' } });
  expect(iamMock.commandCalls(AddRoleToInstanceProfileCommand)).toHaveLength(0);
});

test('misplacedRole accepts exactly the path and boundary asked for', () => {
  const placement = { path: PATH, permissionsBoundary: BOUNDARY };
  expect(misplacedRole(role(PATH, BOUNDARY), placement)).toBeUndefined();
  expect(misplacedRole(role(PATH), { path: PATH })).toBeUndefined();
  expect(english(misplacedRole(role(PATH, BOUNDARY), { path: PATH }))).toMatch(
    /without a permissions boundary/,
  );
  expect(english(misplacedRole(role('/other/', BOUNDARY), placement))).toMatch(/at \/other\//);
});
