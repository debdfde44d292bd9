/**
 * Button presses re-checked from scratch: a press counts only on the message the bot posted for
 * that purpose, in the env's channel, by its owner or an admin. Everything else is refused and
 * changes nothing (the env record's version, the runs, the locks).
 */
import type { ButtonContext, ButtonPress } from '../../../src/bot/services';
import { handleButton } from '../../../src/bot/services/buttons';
import type { BotServiceDeps } from '../../../src/bot/services/deps';
import { WORKFLOW_STEPS } from '../../../src/bot/slack-sinks';
import { loadConfig } from '../../../src/config/config';
import { resolveCreateConfig } from '../../../src/workflows/create/deps';
import { destroyWorkflow } from '../../../src/workflows/destroy/workflow';
import { ManualClock, ManualScheduler } from '../../../src/workflows/engine/manual-scheduler';
import { WorkflowService } from '../../../src/workflows/engine/service';
import { createMemoryStore } from '../../helpers/memory-store';
import { newEnvironment } from '../../helpers/records';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

async function setup() {
  const store = createMemoryStore();
  const clock = new ManualClock(T0);
  const scheduler = new ManualScheduler(clock);
  const service = new WorkflowService({
    store,
    workflows: { destroy: destroyWorkflow },
    scheduler,
    clock,
  });
  const deps: BotServiceDeps = {
    config: loadConfig({ SITEBOT_ADMINS: 'UADMIN' }),
    store,
    service,
    createConfig: resolveCreateConfig({
      region: 'ap-northeast-1',
      azs: ['ap-northeast-1a', 'ap-northeast-1c'],
    }),
    steps: WORKFLOW_STEPS,
  };
  await store.environments.create(
    newEnvironment({
      owner: 'UOWNER',
      createdAt: T0 - HOUR,
      updatedAt: T0,
      expiresAt: T0 + HOUR,
      resources: { vpc: 'vpc-1' },
      meta: {
        destroyConfirmation: { channel: 'C1', ts: '10.000001', requestedBy: 'UOWNER', at: T0 },
        reminderMessages: ['20.000001'],
      },
    }),
  );
  const refusals: string[] = [];
  const updates: { ts: string; text: string }[] = [];
  const ctx: ButtonContext = {
    client: {
      chat: {
        update: async (args: { ts: string; text: string }) => {
          updates.push(args);
          return { ok: true };
        },
        postMessage: async () => ({ ok: true, ts: '30.000001' }),
      },
    } as unknown as ButtonContext['client'], // only chat.update/postMessage are called
    respond: async (msg: Parameters<ButtonContext['respond']>[0]) => {
      refusals.push(typeof msg === 'string' ? msg : (msg.text ?? ''));
      return new Response('ok');
    },
    now: () => clock.now(),
  };
  return { store, deps, ctx, refusals, updates };
}

const press = (over: Partial<ButtonPress>): ButtonPress => ({
  actionId: 'site_destroy_confirm',
  value: 'demo',
  userId: 'UOWNER',
  channelId: 'C1',
  messageTs: '10.000001',
  ...over,
});

describe('refused presses change nothing', () => {
  test.each([
    ['someone else', { userId: 'UOTHER' }, 'only <@UOWNER>'],
    ['another channel', { channelId: 'C2' }, 'not for demo in this channel'],
    ['not the confirmation message', { messageTs: '20.000001' }, 'not the current destroy confirmation'],
    ['an unknown env', { value: 'nope' }, 'no environment named nope'],
    ['an empty value', { value: '' }, 'no environment named (none)'],
    ['a reminder button on the confirmation', { actionId: 'site_remind_extend' }, 'not a reminder I sent'],
    ['an unknown action', { actionId: 'site_format_disk' }, 'unknown button'],
  ])('%s', async (_what, over, reason) => {
    const { store, deps, ctx, refusals, updates } = await setup();
    const before = await store.environments.get('demo');
    await handleButton(deps, press(over), ctx);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain(reason);
    expect(refusals[0]).toContain('Nothing was changed');
    expect(await store.environments.get('demo')).toEqual(before);
    expect(await store.runs.listByEnv('demo')).toEqual([]);
    expect(await store.locks.get('demo')).toBeUndefined();
    expect(updates).toEqual([]);
  });
});

test('an admin may confirm: the teardown starts in the confirmation message', async () => {
  const { store, deps, ctx, refusals } = await setup();
  await handleButton(deps, press({ userId: 'UADMIN' }), ctx);
  expect(refusals).toEqual([]);
  const [run] = await store.runs.listByEnv('demo');
  expect(run).toMatchObject({
    kind: 'destroy',
    requestedBy: 'UADMIN',
    notify: { channel: 'C1', messageTs: '10.000001' },
  });
  const env = await store.environments.get('demo');
  expect(env?.status).toBe('destroying');
  expect(env?.meta?.destroyConfirmation).toBeUndefined();
  // The same confirmation cannot be used twice.
  await handleButton(deps, press({}), ctx);
  expect(refusals[0]).toContain('not the current destroy confirmation');
  expect(await store.runs.listByEnv('demo')).toHaveLength(1);
});

test('Snooze 1h on our reminder silences the warnings for an hour, keeps the expiry, and retires that reminder', async () => {
  const { store, deps, ctx, refusals, updates } = await setup();
  await handleButton(deps, press({ actionId: 'site_remind_snooze', messageTs: '20.000001' }), ctx);
  expect(refusals).toEqual([]);
  const env = await store.environments.get('demo');
  expect(env?.expiresAt).toBe(T0 + HOUR);
  expect(env?.meta?.reminders).toMatchObject({ forExpiry: T0 + HOUR, snoozedUntil: T0 + HOUR });
  expect(env?.meta?.reminderMessages).toEqual([]);
  expect(updates[0]).toMatchObject({ ts: '20.000001' });
  expect(updates[0].text).toContain('snoozed the reminder for 1h');
  expect(updates[0].text).toContain('still expires in 1h');
  await handleButton(deps, press({ actionId: 'site_remind_snooze', messageTs: '20.000001' }), ctx);
  expect(refusals[0]).toContain('not a reminder I sent');
  expect((await store.environments.get('demo'))?.expiresAt).toBe(T0 + HOUR);
});
