import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  GetParameterCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import { PUBLIC_AL2023 } from '../../../src/sandbox/aws/ec2/public-images';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.world.reset());

describe('SSM parameters', () => {
  it('serves the public Amazon Linux 2023 AMI parameters', async () => {
    for (const arch of ['x86_64', 'arm64'] as const) {
      const out = await emu.clients.ssm.send(
        new GetParameterCommand({
          Name: `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}`,
        }),
      );
      expect(out.Parameter).toMatchObject({ Type: 'String', Value: PUBLIC_AL2023[arch].imageId, Version: 1 });
      expect(out.Parameter!.LastModifiedDate).toBeInstanceOf(Date);
    }
  });

  it('keeps a SecureString: encrypted unless WithDecryption, versions, tags, delete', async () => {
    const name = '/sitebot/demo/db-password';
    const put = await emu.clients.ssm.send(
      new PutParameterCommand({ Name: name, Value: 's3cret!', Type: 'SecureString' }),
    );
    expect(put.Version).toBe(1);
    const hidden = await emu.clients.ssm.send(new GetParameterCommand({ Name: name }));
    expect(hidden.Parameter!.Value).not.toBe('s3cret!');
    const shown = await emu.clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    expect(shown.Parameter).toMatchObject({ Value: 's3cret!', Type: 'SecureString' });

    await expect(
      emu.clients.ssm.send(new PutParameterCommand({ Name: name, Value: 'x', Type: 'SecureString' })),
    ).rejects.toMatchObject({
      name: 'ParameterAlreadyExists',
    });
    const v2 = await emu.clients.ssm.send(
      new PutParameterCommand({ Name: name, Value: 'n3w', Overwrite: true }),
    );
    expect(v2.Version).toBe(2);

    await emu.clients.ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: name,
        Tags: [{ Key: 'sitebot:env', Value: 'demo' }],
      }),
    );
    const tags = await emu.clients.ssm.send(
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: name }),
    );
    expect(tags.TagList).toEqual([{ Key: 'sitebot:env', Value: 'demo' }]);

    await emu.clients.ssm.send(new DeleteParameterCommand({ Name: name }));
    await expect(emu.clients.ssm.send(new GetParameterCommand({ Name: name }))).rejects.toMatchObject({
      name: 'ParameterNotFound',
    });
    await expect(emu.clients.ssm.send(new DeleteParameterCommand({ Name: name }))).rejects.toMatchObject({
      name: 'ParameterNotFound',
    });
  });
});

describe('Secrets Manager', () => {
  const tags = [
    { Key: 'sitebot:env', Value: 'demo' },
    { Key: 'sitebot:managed', Value: 'true' },
  ];

  it('creates, reads, describes, tags, lists by tag and force-deletes a secret', async () => {
    const created = await emu.clients.secretsManager.send(
      new CreateSecretCommand({ Name: 'sitebot/demo/db', SecretString: '{"password":"pw"}', Tags: tags }),
    );
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:ap-northeast-1:\d{12}:secret:sitebot\/demo\/db-[A-Za-z]{6}$/,
    );
    await expect(
      emu.clients.secretsManager.send(
        new CreateSecretCommand({ Name: 'sitebot/demo/db', SecretString: 'x' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceExistsException' });

    const value = await emu.clients.secretsManager.send(new GetSecretValueCommand({ SecretId: created.ARN }));
    expect(value).toMatchObject({
      Name: 'sitebot/demo/db',
      SecretString: '{"password":"pw"}',
      VersionStages: ['AWSCURRENT'],
    });
    await emu.clients.secretsManager.send(
      new TagResourceCommand({ SecretId: 'sitebot/demo/db', Tags: [{ Key: 'extra', Value: '1' }] }),
    );
    const described = await emu.clients.secretsManager.send(
      new DescribeSecretCommand({ SecretId: 'sitebot/demo/db' }),
    );
    expect(described.Tags).toEqual(expect.arrayContaining([...tags, { Key: 'extra', Value: '1' }]));
    expect(described.CreatedDate).toBeInstanceOf(Date);

    await emu.clients.secretsManager.send(new CreateSecretCommand({ Name: 'other', SecretString: 'x' }));
    const listed = await emu.clients.secretsManager.send(
      new ListSecretsCommand({
        Filters: [
          { Key: 'tag-key', Values: ['sitebot:env'] },
          { Key: 'tag-value', Values: ['demo'] },
        ],
      }),
    );
    expect(listed.SecretList!.map((s) => s.Name)).toEqual(['sitebot/demo/db']);

    const deleted = await emu.clients.secretsManager.send(
      new DeleteSecretCommand({ SecretId: 'sitebot/demo/db', ForceDeleteWithoutRecovery: true }),
    );
    expect(deleted.DeletionDate).toBeInstanceOf(Date);
    await expect(
      emu.clients.secretsManager.send(new GetSecretValueCommand({ SecretId: 'sitebot/demo/db' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('schedules a deletion with a recovery window and finishes it on the virtual clock', async () => {
    await emu.clients.secretsManager.send(new CreateSecretCommand({ Name: 'later', SecretString: 'x' }));
    const out = await emu.clients.secretsManager.send(
      new DeleteSecretCommand({ SecretId: 'later', RecoveryWindowInDays: 7 }),
    );
    expect(out.DeletionDate!.getTime()).toBe(emu.world.clock.now() + 7 * 86_400_000);
    await expect(
      emu.clients.secretsManager.send(new GetSecretValueCommand({ SecretId: 'later' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    await expect(
      emu.clients.secretsManager.send(new CreateSecretCommand({ Name: 'later', SecretString: 'y' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    await expect(
      emu.clients.secretsManager.send(
        new DeleteSecretCommand({
          SecretId: 'later',
          RecoveryWindowInDays: 7,
          ForceDeleteWithoutRecovery: true,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    emu.advance(7 * 86_400_000);
    await expect(
      emu.clients.secretsManager.send(new DescribeSecretCommand({ SecretId: 'later' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
