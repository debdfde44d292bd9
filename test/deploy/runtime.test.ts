import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { LAMBDA_ENV, loadLambdaConfig, readSlackSecrets } from '../../src/handlers/runtime';

const NAMES = {
  signingSecret: '/sitebot/test/slack-signing-secret',
  botToken: '/sitebot/test/slack-bot-token',
};
// Test values shaped like the real thing, made up for this file.
const SIGNING = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const TOKEN = 'xoxb-111-222-testtokenvalue';

const lambdaEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  SITEBOT_REGION: 'ap-northeast-1',
  SITEBOT_TABLE_PREFIX: 'sitebot-test',
  [LAMBDA_ENV.signingSecretParameter]: NAMES.signingSecret,
  [LAMBDA_ENV.botTokenParameter]: NAMES.botToken,
  [LAMBDA_ENV.tickQueueUrl]: 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/sitebot-test-ticks',
  ...extra,
});

describe('Lambda runtime: Slack secrets from SSM', () => {
  const ssmMock = mockClient(SSMClient);
  const ssm = new SSMClient({ region: 'ap-northeast-1' });
  afterEach(() => ssmMock.reset());
  afterAll(() => ssmMock.restore());

  it('reads both SecureStrings in one decrypted GetParameters call', async () => {
    ssmMock.on(GetParametersCommand).resolves({
      Parameters: [
        { Name: NAMES.botToken, Value: TOKEN, Type: 'SecureString' },
        { Name: NAMES.signingSecret, Value: SIGNING, Type: 'SecureString' },
      ],
    });
    await expect(readSlackSecrets(ssm, NAMES)).resolves.toEqual({ signingSecret: SIGNING, botToken: TOKEN });
    const calls = ssmMock.commandCalls(GetParametersCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toEqual({
      Names: [NAMES.signingSecret, NAMES.botToken],
      WithDecryption: true,
    });
  });

  it('names a missing parameter and never echoes a value it did get', async () => {
    ssmMock.on(GetParametersCommand).resolves({
      Parameters: [{ Name: NAMES.botToken, Value: TOKEN, Type: 'SecureString' }],
      InvalidParameters: [NAMES.signingSecret],
    });
    const err = await readSlackSecrets(ssm, NAMES).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toContain(NAMES.signingSecret);
    expect(err?.message).not.toContain(TOKEN);
    expect(err?.message).toContain('docs/deploy.md');
  });

  it('builds the config with the SSM values, ignoring any secret in the environment', async () => {
    ssmMock.on(GetParametersCommand).resolves({
      Parameters: [
        { Name: NAMES.signingSecret, Value: SIGNING },
        { Name: NAMES.botToken, Value: TOKEN },
      ],
    });
    const config = await loadLambdaConfig(
      lambdaEnv({ SLACK_SIGNING_SECRET: 'from-env', SLACK_BOT_TOKEN: 'xoxb-from-env' }),
      ssm,
    );
    expect(config.slack.signingSecret).toBe(SIGNING);
    expect(config.slack.botToken).toBe(TOKEN);
    expect(config.tablePrefix).toBe('sitebot-test');
  });

  it('refuses to start without the parameter names, rather than fall back to sandbox defaults', async () => {
    const env = lambdaEnv();
    delete env[LAMBDA_ENV.signingSecretParameter];
    await expect(loadLambdaConfig(env, ssm)).rejects.toThrow(LAMBDA_ENV.signingSecretParameter);
    expect(ssmMock.commandCalls(GetParametersCommand)).toHaveLength(0);
  });
});
