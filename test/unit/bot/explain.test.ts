/**
 * Explain mode in the bot: `/site explain` (the list, one step, an env's create in its thread)
 * and `--explain` on a drill (one explanation per step in the run's thread as it starts). Thread
 * posts go through the outbox, one id per step: nothing is posted twice, whoever asks.
 */
import { SlackOutbox } from '../../../src/bot/outbox';
import type { CommandContext } from '../../../src/bot/services';
import { buildBotServices } from '../../../src/bot/services/build';
import type { BotServiceDeps } from '../../../src/bot/services/deps';
import type { ChatClient } from '../../../src/bot/slack-chat';
import { SlackProgressSink } from '../../../src/bot/slack-progress-sink';
import { WORKFLOW_STEPS } from '../../../src/bot/workflow-steps';
import type { Reply } from '../../../src/bot/views/reply';
import { loadConfig } from '../../../src/config/config';
import { ENGLISH, textsFor } from '../../../src/i18n/texts';
import type { Run } from '../../../src/state/types';
import { checkMessage } from '../../../src/sandbox/slack/message-check';
import { resolveCreateConfig } from '../../../src/workflows/create/deps';
import { ManualClock, ManualScheduler } from '../../../src/workflows/engine/manual-scheduler';
import { WORKFLOW_OUTLINES } from '../../../src/workflows/outlines';
import { buildWorkflowService } from '../../../src/workflows/workflow-service';
import { MemoryOutbox } from '../../helpers/memory-outbox';
import { createMemoryStore } from '../../helpers/memory-store';
import { newEnvironment } from '../../helpers/records';

const T0 = 1_700_000_000_000;
const JA = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' });
const JAPANESE = /[\u3040-\u30ff]/;

interface Posted {
  channel: string;
  text: string;
  thread_ts?: string;
  blocks?: unknown[];
}

function slack() {
  const posts: Posted[] = [];
  let ts = 500;
  const chat: ChatClient = {
    chat: {
      postMessage: async (args) => {
        posts.push(args as Posted);
        return { ts: `${ts++}.000001` };
      },
      update: async () => ({}),
    },
  };
  const repo = new MemoryOutbox();
  const outbox: SlackOutbox = new SlackOutbox({
    repo,
    chat,
    store: createMemoryStore(),
    owner: 'test',
    now: () => T0,
    random: () => 0,
    log: () => undefined,
    scheduler: { deliverLater: async () => undefined },
  });
  return { posts, chat, repo, outbox };
}

const createConfig = resolveCreateConfig({
  region: 'ap-northeast-1',
  azs: ['ap-northeast-1a', 'ap-northeast-1c'],
});

/** A finished create of demo, started in C1 (its message 100.000001), every step done. */
function createRun(): Omit<Run, 'version'> {
  const steps = Object.fromEntries(
    WORKFLOW_OUTLINES.create.steps.map((s, i) => [
      s.id,
      { status: 'done' as const, attempts: 1, startedAt: T0 + i * 60_000, finishedAt: T0 + (i + 1) * 60_000 },
    ]),
  );
  steps.vpc = { ...steps.vpc, outputs: { vpcId: 'vpc-0abc' } } as (typeof steps)['vpc'];
  steps['database-multi-az'] = {
    ...steps['database-multi-az'],
    outputs: { dbAz: 'ap-northeast-1a', dbSecondaryAz: 'ap-northeast-1c' },
  } as (typeof steps)['vpc'];
  return {
    runId: 'demo-create-1',
    env: 'demo',
    kind: 'create',
    status: 'succeeded',
    requestedBy: 'U1',
    params: { multiAz: 'now' },
    steps,
    createdAt: T0,
    updatedAt: T0,
    finishedAt: T0 + 3_600_000,
    notify: { channel: 'C1', messageTs: '100.000001' },
  };
}

async function setup() {
  const store = createMemoryStore();
  const clock = new ManualClock(T0);
  const s = slack();
  const deps: BotServiceDeps = {
    config: loadConfig({}),
    store,
    service: buildWorkflowService({ store, scheduler: new ManualScheduler(clock), clock }),
    createConfig,
    steps: WORKFLOW_STEPS,
    outbox: s.outbox,
    runMessages: s.repo,
  };
  await store.environments.create(
    newEnvironment({ name: 'demo', channel: 'C1', lastRunId: 'demo-create-1' }),
  );
  await store.runs.create(createRun());
  const services = buildBotServices(deps);
  const ctx = (t = ENGLISH, channelId = 'C1'): CommandContext => ({
    userId: 'U2',
    channelId,
    client: s.chat,
    respond: async () => undefined,
    now: () => clock.now(),
    t,
  });
  return { ...s, store, services, ctx };
}

const fits = (r: Reply) => expect(checkMessage({ text: r.text, blocks: r.blocks }).ok).toBe(true);

describe('/site explain', () => {
  test('without a subject: every explained step of create and failover, with its title, privately', async () => {
    const { services, ctx } = await setup();
    for (const t of [ENGLISH, JA]) {
      const reply = await services.explain!({ kind: 'explain' }, ctx(t));
      expect(reply.response_type).toBe('ephemeral');
      const all = JSON.stringify(reply.blocks);
      for (const kind of ['create', 'failover'] as const)
        for (const step of WORKFLOW_OUTLINES[kind].steps) {
          expect(all).toContain(`\`${step.id}\``);
          expect(all).toContain(
            JSON.stringify((t.steps[kind] as Record<string, { title: string }>)[step.id].title).slice(1, -1),
          );
        }
      fits(reply);
    }
  });

  test('one step: what, why, the hands-on, how sitebot differs and one AWS page, in the reader’s language', async () => {
    const { services, ctx, posts } = await setup();
    const en = await services.explain!({ kind: 'explain', step: 'database' }, ctx());
    expect(en.response_type).toBe('ephemeral');
    expect(en.text).toContain(ENGLISH.steps.create.database.title);
    expect(JSON.stringify(en.blocks)).toContain('https://docs.aws.amazon.com/');
    const ja = await services.explain!({ kind: 'explain', step: 'database' }, ctx(JA));
    expect(ja.text).toContain(JA.steps.create.database.title);
    expect(JSON.stringify(ja.blocks)).toContain('https://docs.aws.amazon.com/ja_jp/');
    fits(en);
    fits(ja);
    // Nothing in the channel.
    expect(posts).toEqual([]);
  });

  test('a step both workflows have (preflight) is explained for each', async () => {
    const { services, ctx } = await setup();
    const reply = await services.explain!({ kind: 'explain', step: 'preflight' }, ctx());
    expect(reply.text).toContain(ENGLISH.steps.create.preflight.title);
    expect(reply.text).toContain(ENGLISH.steps.failover.preflight.title);
    fits(reply);
  });

  test("an env: its create's steps in the thread of its message, with that run's numbers, once", async () => {
    const { services, ctx, posts } = await setup();
    const first = await services.explain!({ kind: 'explain', env: 'demo' }, ctx());
    const n = WORKFLOW_OUTLINES.create.steps.length;
    expect(first.text).toContain(`Explained ${n} steps`);
    expect(posts).toHaveLength(n);
    expect(posts.every((p) => p.channel === 'C1' && p.thread_ts === '100.000001')).toBe(true);
    const all = posts.map((p) => p.text + JSON.stringify(p.blocks)).join('\n');
    expect(all).toContain('vpc-0abc');
    expect(all).toContain('ap-northeast-1c');
    // The step's real duration in this run.
    expect(all).toContain('This took 1m in this run');
    for (const p of posts) expect(checkMessage({ text: p.text, blocks: p.blocks ?? [] }).ok).toBe(true);

    // Asked again: nothing is posted twice.
    const again = await services.explain!({ kind: 'explain', env: 'demo' }, ctx());
    expect(again.text).toContain('already explained');
    expect(posts).toHaveLength(n);
  });

  test('a Japanese reader asking about an English run gets Japanese explanations, once', async () => {
    const { services, ctx, posts } = await setup();
    await services.explain!({ kind: 'explain', env: 'demo' }, ctx());
    const before = posts.length;
    const ja = await services.explain!({ kind: 'explain', env: 'demo' }, ctx(JA));
    expect(ja.text).toMatch(JAPANESE);
    const added = posts.slice(before);
    expect(added).toHaveLength(before);
    expect(added.every((p) => JAPANESE.test(p.text))).toBe(true);
    await services.explain!({ kind: 'explain', env: 'demo' }, ctx(JA));
    expect(posts).toHaveLength(2 * before);
  });

  test('refused privately from another channel, for an unknown env, and for an env without a create', async () => {
    const { services, ctx, posts, store } = await setup();
    const elsewhere = await services.explain!({ kind: 'explain', env: 'demo' }, ctx(ENGLISH, 'C999'));
    expect(elsewhere.response_type).toBe('ephemeral');
    expect(elsewhere.text).toContain('reports to C1');
    const unknown = await services.explain!({ kind: 'explain', env: 'nosuch' }, ctx());
    expect(unknown.text).toContain('No environment named nosuch');
    await store.environments.create(newEnvironment({ name: 'bare', channel: 'C1' }));
    const bare = await services.explain!({ kind: 'explain', env: 'bare' }, ctx());
    expect(bare.text).toContain('no create run');
    expect(posts).toEqual([]);
  });
});

describe('--explain on a failover drill', () => {
  function drill(version: number, steps: Run['steps'], status: Run['status'] = 'running'): Run {
    return {
      runId: 'demo-failover-1',
      env: 'demo',
      kind: 'failover',
      status,
      requestedBy: 'U1',
      params: { target: 'all', lang: 'ja', explain: true },
      steps,
      createdAt: T0,
      updatedAt: T0 + version,
      notify: { channel: 'C1', messageTs: '200.000001' },
      version,
      ...(status === 'running' ? {} : { finishedAt: T0 + 600_000 }),
    };
  }

  test("each step's explanation goes to the run's thread once, as it starts, in the run's language", async () => {
    const s = slack();
    const sink = new SlackProgressSink({
      client: s.chat,
      steps: WORKFLOW_STEPS,
      finals: s.outbox,
      minIntervalMs: 0,
      editSpacingMs: 0,
    });
    const pre = {
      status: 'done' as const,
      attempts: 1,
      startedAt: T0,
      finishedAt: T0 + 5_000,
      outputs: {
        web: [
          { role: 'web-1', instanceId: 'i-0001' },
          { role: 'web-2', instanceId: 'i-0002' },
        ],
        dbId: 'sitebot-demo-db',
        dbMultiAz: true,
        azBefore: 'ap-northeast-1a',
      },
    };
    await sink.onRunUpdate(
      drill(1, { preflight: { status: 'running', attempts: 1, startedAt: T0 } }),
      {} as never,
    );
    await sink.onRunUpdate(
      drill(2, { preflight: pre, 'web-drill': { status: 'running', attempts: 1, startedAt: T0 + 5_000 } }),
      {} as never,
    );
    await sink.onRunUpdate(
      drill(3, {
        preflight: pre,
        'web-drill': { status: 'done', attempts: 1, startedAt: T0 + 5_000, finishedAt: T0 + 60_000 },
        'db-drill': { status: 'running', attempts: 1, startedAt: T0 + 60_000 },
      }),
      {} as never,
    );
    await sink.flush();
    const thread = s.posts.filter((p) => p.thread_ts === '200.000001');
    const titles = ['preflight', 'web-drill', 'db-drill'].map(
      (id) => JA.steps.failover[id as 'preflight'].title,
    );
    expect(thread).toHaveLength(3);
    thread.forEach((p, i) => expect(p.text.startsWith(`${titles[i]}: `)).toBe(true));
    const all = thread.map((p) => p.text + JSON.stringify(p.blocks)).join('\n');
    expect(all).toContain('i-0002');
    expect(all).toContain('ap-northeast-1a');
    expect(all).toContain('504');
    for (const p of thread) expect(checkMessage({ text: p.text, blocks: p.blocks ?? [] }).ok).toBe(true);
  });
});
