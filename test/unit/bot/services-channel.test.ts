/**
 * When Slack will not take the bot's message. A command whose first message cannot be posted
 * (not invited, channel gone, archived) answers privately how to fix it, naming the command, and
 * starts nothing; a button press whose work is done but whose message cannot be edited tells the
 * presser privately, instead of "something went wrong".
 */
import type { CommandContext, EnvCommandContext } from '../../../src/bot/services';
import { buildBotServices } from '../../../src/bot/services/build';
import type { BotServiceDeps } from '../../../src/bot/services/deps';
import type { ChatClient } from '../../../src/bot/slack-chat';
import { slackPlatformError } from '../../../src/bot/slack-errors';
import { WORKFLOW_STEPS } from '../../../src/bot/slack-sinks';
import type { Reply } from '../../../src/bot/views/reply';
import { loadConfig } from '../../../src/config/config';
import { ENGLISH } from '../../../src/i18n/texts';
import { resolveCreateConfig } from '../../../src/workflows/create/deps';
import { ManualClock, ManualScheduler } from '../../../src/workflows/engine/manual-scheduler';
import { buildWorkflowService } from '../../../src/workflows/workflow-service';
import { createMemoryStore } from '../../helpers/memory-store';
import { newEnvironment } from '../../helpers/records';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

async function setup(failure: { post?: string; update?: string }) {
  const store = createMemoryStore();
  const clock = new ManualClock(T0);
  const deps: BotServiceDeps = {
    config: loadConfig({ SLACK_BOT_USER_ID: 'U0SITEBOT' }),
    store,
    service: buildWorkflowService({ store, scheduler: new ManualScheduler(clock), clock }),
    createConfig: resolveCreateConfig({
      region: 'ap-northeast-1',
      azs: ['ap-northeast-1a', 'ap-northeast-1c'],
    }),
    steps: WORKFLOW_STEPS,
  };
  await store.environments.create(
    newEnvironment({
      name: 'demo',
      owner: 'U1',
      status: 'ready',
      createdAt: T0 - HOUR,
      updatedAt: T0,
      expiresAt: T0 + HOUR,
      multiAz: 'now',
      resources: { vpc: 'vpc-1', 'web-1': 'i-1', 'web-2': 'i-2', 'target-group': 'tg-1', db: 'demo-db' },
      outputs: { siteUrl: 'http://demo.example/' },
      meta: { reminderMessages: ['20.000001'] },
    }),
  );
  const told: string[] = [];
  const chat: ChatClient = {
    chat: {
      postMessage: async () => {
        if (failure.post) throw slackPlatformError(failure.post);
        return { ts: '30.000001' };
      },
      update: async () => {
        if (failure.update) throw slackPlatformError(failure.update);
        return {};
      },
    },
  };
  const ctx: CommandContext = {
    userId: 'U1',
    channelId: 'C1',
    client: chat,
    respond: async (m) => void told.push(m.text),
    now: () => clock.now(),
    t: ENGLISH,
  };
  const env = (await store.environments.get('demo'))!;
  return { store, services: buildBotServices(deps), ctx, envCtx: { ...ctx, env } as EnvCommandContext, told };
}

async function nothingStarted(store: ReturnType<typeof createMemoryStore>, name: string): Promise<void> {
  expect(await store.runs.listByEnv(name)).toEqual([]);
  expect(await store.locks.get(name)).toBeUndefined();
}

const text = (reply: Reply) => reply.text;

test.each([
  ['not_in_channel', /not a member of this channel.*\/invite <@U0SITEBOT>.*`\/site create fresh`/],
  ['channel_not_found', /cannot see this channel.*\/invite <@U0SITEBOT>.*`\/site create fresh`/],
  ['is_archived', /archived.*`\/site create fresh` in another channel/],
])(
  '/site create where the bot cannot post (%s): told how to fix it; no record, run or lock',
  async (code, says) => {
    const { store, services, ctx } = await setup({ post: code });
    const reply = await services.startCreate!(
      { kind: 'create', env: 'fresh', ttlMs: HOUR, multiAz: 'now', dryRun: false, explain: false },
      ctx,
    );
    expect(reply.response_type).toBe('ephemeral');
    expect(text(reply)).toMatch(says);
    expect(text(reply)).toContain('Nothing was started');
    expect(await store.environments.get('fresh')).toBeUndefined();
    await nothingStarted(store, 'fresh');
  },
);

test('/site failover where the bot cannot post: the invite hint, no drill started', async () => {
  const { store, services, envCtx } = await setup({ post: 'not_in_channel' });
  const reply = await services.startFailover!(
    { kind: 'failover', env: 'demo', target: 'web', force: false, explain: false },
    envCtx,
  );
  expect(text(reply)).toMatch(/\/invite <@U0SITEBOT>.*`\/site failover demo web`/);
  await nothingStarted(store, 'demo');
});

test('/site destroy where the bot cannot post: the invite hint, no confirmation recorded', async () => {
  const { store, services, envCtx } = await setup({ post: 'not_in_channel' });
  const reply = await services.startDestroy!({ kind: 'destroy', env: 'demo' }, envCtx);
  expect(text(reply)).toMatch(/\/invite <@U0SITEBOT>.*`\/site destroy demo`/);
  expect((await store.environments.get('demo'))?.meta?.destroyConfirmation).toBeUndefined();
});

test("a reminder's Extend pressed on a message since deleted: extended, and the presser is told so", async () => {
  const { store, services, ctx, told } = await setup({ update: 'message_not_found' });
  await services.handleButton!(
    { actionId: 'site_remind_extend', value: 'demo', userId: 'U1', channelId: 'C1', messageTs: '20.000001' },
    ctx,
  );
  expect((await store.environments.get('demo'))?.expiresAt).toBe(T0 + HOUR + 24 * HOUR);
  expect(told).toEqual([expect.stringContaining('extended *demo* by')]);
  expect(told.join()).not.toContain('Something went wrong');
});
