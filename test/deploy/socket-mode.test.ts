/**
 * The Socket Mode entry's wiring, without connecting to Slack: a fake receiver stands in for
 * SocketModeReceiver, the state is on dynalite, and a slash command delivered through the
 * receiver reaches the real services (a dry-run plan comes back, which only the services answer).
 */
import { LogLevel, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { createAwsClients } from '../../src/aws/clients';
import { buildSocketModeBot, parseSocketModeEnv } from '../../src/handlers/socket-mode';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDynalite, type DynaliteHandle } from '../helpers/dynalite';
import { waitFor } from '../helpers/slack';

/** A response_url on loopback: keeps the bodies POSTed to it. */
async function startResponseUrl(): Promise<{ url: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/respond`, bodies, server };
}

/** Records the app it is given and lets the test deliver events; connects to nothing. */
class FakeReceiver implements Receiver {
  app?: App;
  started = false;
  constructor(readonly appToken: string) {}
  init(app: App): void {
    this.app = app;
  }
  async start(): Promise<void> {
    this.started = true;
  }
  async stop(): Promise<void> {
    this.started = false;
  }
  /** Delivers a body as Socket Mode would and returns what the listener acked with. */
  async deliver(body: Record<string, unknown>): Promise<unknown> {
    if (!this.app) throw new Error('receiver not initialised');
    let acked: unknown;
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        acked = response ?? null;
      },
    };
    await this.app.processEvent(event);
    return acked;
  }
}

/** A `/site <text>` slash command body as Socket Mode delivers it (by default its response URL leads nowhere). */
const slashCommand = (text: string, responseUrl = 'http://127.0.0.1:9/respond') => ({
  token: 'unused',
  team_id: 'T0TEST',
  channel_id: 'C1',
  user_id: 'U1',
  user_name: 'u1',
  command: '/site',
  text,
  api_app_id: 'A0TEST',
  response_url: responseUrl,
  trigger_id: '1.2.3',
});

const TOKENS = { SLACK_APP_TOKEN: 'xapp-1-A0TEST-000-testonly', SLACK_BOT_TOKEN: 'xoxb-000-testonly' };

describe('Socket Mode entry', () => {
  let dynamo: DynaliteHandle;
  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(async () => {
    await dynamo.close();
  });

  it('refuses a missing or non-app token with a clear message, naming no value', () => {
    expect(() => parseSocketModeEnv({ SLACK_BOT_TOKEN: TOKENS.SLACK_BOT_TOKEN })).toThrow(
      /SLACK_APP_TOKEN is not set/,
    );
    let message = '';
    try {
      parseSocketModeEnv({
        SLACK_APP_TOKEN: 'xoxb-secret-value-123',
        SLACK_BOT_TOKEN: TOKENS.SLACK_BOT_TOKEN,
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/SLACK_APP_TOKEN must be an app-level token \(xapp-…\)/);
    expect(message).not.toContain('secret-value-123');
    expect(() => parseSocketModeEnv({ SLACK_APP_TOKEN: TOKENS.SLACK_APP_TOKEN })).toThrow(
      /SLACK_BOT_TOKEN is not set/,
    );
    expect(parseSocketModeEnv(TOKENS)).toEqual(
      expect.objectContaining({ SLACK_APP_TOKEN: TOKENS.SLACK_APP_TOKEN, SITEBOT_REMIND_EVERY_MINUTES: 5 }),
    );
  });

  it('gives createApp the services through the receiver it builds with the app token', async () => {
    const receivers: FakeReceiver[] = [];
    // AWS on a dead loopback port: the dry run's preflight reports its checks as not made.
    const nowhere = 'http://127.0.0.1:9';
    const clients = createAwsClients({
      region: 'ap-northeast-1',
      endpoints: {
        dynamodb: dynamo.endpoint,
        ec2: nowhere,
        rds: nowhere,
        elbv2: nowhere,
        serviceQuotas: nowhere,
        iam: nowhere,
        ssm: nowhere,
        secretsManager: nowhere,
      },
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const errors: string[] = [];
    const bot = buildSocketModeBot(
      {
        ...TOKENS,
        SITEBOT_TABLE_PREFIX: dynamo.prefix,
        SITEBOT_REMIND_EVERY_MINUTES: '0',
        // Known bot ids: Bolt never calls auth.test; the Web API, if called at all, is a dead port.
        SLACK_BOT_ID: 'B0TEST',
        SLACK_BOT_USER_ID: 'U0TEST',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      },
      {
        clients,
        receiverFactory: (appToken) => {
          const r = new FakeReceiver(appToken);
          receivers.push(r);
          return r;
        },
        onError: (_err, where) => errors.push(where),
      },
    );
    expect(receivers).toHaveLength(1);
    const [receiver] = receivers;
    expect(receiver.appToken).toBe(TOKENS.SLACK_APP_TOKEN);
    expect(receiver.app).toBe(bot.app);

    await bot.start(); // resumes running runs (none) and starts the receiver
    expect(receiver.started).toBe(true);
    try {
      const answers = await startResponseUrl();
      try {
        // Acked at once; the dry-run plan (with its cost estimate) comes only from the create
        // service, run by the job after the ack and answered through the response_url.
        const acked = await receiver.deliver(slashCommand('create demo --dry-run', answers.url));
        expect(JSON.stringify(acked)).toMatch(/Working on it/);
        const plan = await waitFor(() => answers.bodies.find((b) => b.includes('demo')), 20_000);
        expect(plan).toMatch(/\$\d/);
      } finally {
        answers.server.close();
      }
      await expect(bot.runReminders()).resolves.toEqual(expect.objectContaining({ examined: 0 }));
    } finally {
      await bot.stop();
    }
    expect(receiver.started).toBe(false);
    expect(errors).toEqual([]);
  });
  it('names a missing table and `sitebot init` in its answer', async () => {
    const receivers: FakeReceiver[] = [];
    const bot = buildSocketModeBot(
      {
        ...TOKENS,
        SITEBOT_TABLE_PREFIX: 'never-initialized',
        SITEBOT_REMIND_EVERY_MINUTES: '0',
        SLACK_BOT_ID: 'B0TEST',
        SLACK_BOT_USER_ID: 'U0TEST',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      },
      {
        clients: createAwsClients({
          region: 'ap-northeast-1',
          endpoints: { dynamodb: dynamo.endpoint },
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
          maxAttempts: 1,
        }),
        receiverFactory: (appToken) => {
          const r = new FakeReceiver(appToken);
          receivers.push(r);
          return r;
        },
        logLevel: LogLevel.ERROR,
      },
    );
    // The operator's log names it too (Bolt's logger writes to console.error); kept out of the run's output.
    const logged: unknown[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args) => void logged.push(...args));
    const acked = await receivers[0].deliver(slashCommand('list')).finally(() => spy.mockRestore());
    expect(logged.join(' ')).toContain(
      '/site list failed: MissingTable: DynamoDB table never-initialized-environments does not exist',
    );
    expect((acked as { text: string }).text).toBe(
      ':x: Something went wrong with /site list (MissingTable: DynamoDB table never-initialized-environments does not exist: ' +
        "run `sitebot init` to create sitebot's tables). Nothing was changed by this command.",
    );
    expect(bot.app).toBe(receivers[0].app);
  });
});
