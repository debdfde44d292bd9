import type { Environment } from '../../../../src/state/types';
import {
  defaultReminderSettings,
  runReminderPass,
  type ReminderDeps,
  type ReminderNotifier,
} from '../../../../src/workflows/remind';
import { createMemoryStore, type MemoryStateStore } from '../../../helpers/memory-store';
import { newEnvironment } from '../../../helpers/records';

const H = 3_600_000;
const M = 60_000;
// 2026-11-27 00:00 UTC is 09:00 in Asia/Tokyo.
const T0 = Date.UTC(2026, 10, 26, 20, 0, 0);

/** Queues each key once, as the outbox does; `sent` is what would reach Slack. */
class RecordingNotifier implements ReminderNotifier {
  readonly sent: string[] = [];
  readonly keys = new Set<string>();
  private queue(key: string, what: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.sent.push(what);
    return true;
  }
  async warnExpiry(env: Environment, leadMs: number, key: string) {
    return this.queue(key, `warn ${env.name} ${leadMs / M}m`);
  }
  async reportOverdue(env: Environment, key: string) {
    return this.queue(key, `overdue ${env.name}`);
  }
  async reportAutoDestroy(env: Environment, started: boolean, _reason: string | undefined, key: string) {
    return this.queue(key, `auto-destroy ${env.name} ${started ? 'started' : 'refused'}`);
  }
  async postDigest(channel: string, envs: Environment[], key: string) {
    return this.queue(key, `digest ${channel} ${envs.map((e) => e.name).join(',')}`);
  }
}

async function seed(store: MemoryStateStore, name: string, channel: string, expiresAt: number) {
  await store.environments.create(
    newEnvironment({ name, channel, createdAt: T0 - 20 * H, updatedAt: T0 - 20 * H, expiresAt }),
  );
}

function setup() {
  const store = createMemoryStore();
  const notifier = new RecordingNotifier();
  const destroyed: string[] = [];
  let now = T0;
  const deps: ReminderDeps = {
    store,
    notifier,
    settings: defaultReminderSettings,
    digest: { atMinutes: 9 * 60, timeZone: 'Asia/Tokyo' },
    // As the real one does: the teardown run holds the env, which is now `destroying`.
    startDestroy: async (env) => {
      destroyed.push(env.name);
      await store.environments.update(env.name, env.version, {
        status: 'destroying',
        currentRunId: `${env.name}-destroy-${destroyed.length}`,
      });
      return { started: true };
    },
    now: () => now,
  };
  return { store, notifier, destroyed, deps, setNow: (t: number) => (now = t) };
}

describe('runReminderPass', () => {
  it('sends each warning exactly once across many passes', async () => {
    const { store, notifier, deps, setNow } = setup();
    await seed(store, 'demo', 'C1', T0 + 3 * H);
    for (let t = T0; t < T0 + 3 * H - M; t += 5 * M) {
      setNow(t);
      await runReminderPass(deps);
    }
    expect(notifier.sent.filter((s) => s.startsWith('warn'))).toEqual(['warn demo 120m', 'warn demo 30m']);
  });

  it('sends each warning exactly once when passes run concurrently', async () => {
    const { store, notifier, deps, setNow } = setup();
    await seed(store, 'demo', 'C1', T0 + 3 * H);
    setNow(T0 + H);
    const results = await Promise.all(Array.from({ length: 8 }, () => runReminderPass(deps)));
    expect(notifier.sent.filter((s) => s.startsWith('warn'))).toEqual(['warn demo 120m']);
    expect(results.reduce((n, r) => n + r.conflicts, 0)).toBe(7);
  });

  it('starts the teardown at expiry once, however many passes follow', async () => {
    const { store, destroyed, notifier, deps, setNow } = setup();
    await seed(store, 'demo', 'C1', T0 + H);
    for (const t of [T0 + H, T0 + H + 5 * M, T0 + 2 * H]) {
      setNow(t);
      await runReminderPass(deps);
    }
    expect(destroyed).toEqual(['demo']);
    expect(notifier.sent).toContain('auto-destroy demo started');
  });

  it('tries a refused auto-destroy again later instead of giving up', async () => {
    const { store, destroyed, notifier, deps, setNow } = setup();
    await seed(store, 'demo', 'C1', T0 + H);
    let busy = true;
    const start = deps.startDestroy;
    deps.startDestroy = async (env) => (busy ? { started: false, reason: 'locked' } : start(env));
    setNow(T0 + H);
    await runReminderPass(deps);
    setNow(T0 + H + 10 * M); // within the retry delay: left alone
    await runReminderPass(deps);
    expect(notifier.sent.filter((s) => s.startsWith('auto-destroy'))).toEqual(['auto-destroy demo refused']);
    busy = false;
    setNow(T0 + H + 15 * M);
    await runReminderPass(deps);
    expect(destroyed).toEqual(['demo']);
    expect(notifier.sent).toContain('auto-destroy demo started');
  });

  it('a pass that stopped after queuing a warning: the next one queues nothing more and claims it', async () => {
    const { store, notifier, deps, setNow } = setup();
    await seed(store, 'demo', 'C1', T0 + 3 * H);
    setNow(T0 + H);
    // The pass dies between queuing and claiming: every claim write fails.
    const update = store.environments.update.bind(store.environments);
    store.environments.update = async () => {
      throw new Error('process killed');
    };
    await expect(runReminderPass(deps)).rejects.toThrow('process killed');
    store.environments.update = update;
    expect(notifier.sent).toEqual(['warn demo 120m']);
    const next = await runReminderPass(deps);
    expect(next).toMatchObject({ warned: 0, conflicts: 0 });
    expect(notifier.sent).toEqual(['warn demo 120m']);
    expect(await runReminderPass(deps)).toMatchObject({ warned: 0 });
    const env = await store.environments.get('demo');
    expect(env?.meta?.reminders).toMatchObject({ warned: [2 * H] });
  });

  it('starts the teardown again when a pass claimed it and stopped before starting it', async () => {
    const { store, destroyed, notifier, deps, setNow } = setup();
    await seed(store, 'demo', 'C1', T0 + H);
    const start = deps.startDestroy;
    deps.startDestroy = async () => {
      throw new Error('process killed');
    };
    setNow(T0 + H);
    await expect(runReminderPass(deps)).rejects.toThrow('process killed');
    deps.startDestroy = start;
    setNow(T0 + H + 14 * M); // the claim may still be a pass at work: left alone
    await runReminderPass(deps);
    expect(destroyed).toEqual([]);
    setNow(T0 + H + 15 * M);
    expect((await runReminderPass(deps)).destroysStarted).toBe(1);
    expect(destroyed).toEqual(['demo']);
    expect(notifier.sent).toEqual(['auto-destroy demo started']);
  });

  it('posts one digest per channel per local day, at the configured local time', async () => {
    const { store, notifier, deps, setNow } = setup();
    await seed(store, 'alpha', 'C1', T0 + 48 * H);
    await seed(store, 'beta', 'C1', T0 + 48 * H);
    await seed(store, 'gamma', 'C2', T0 + 48 * H);
    setNow(T0 + 3 * H + 59 * M); // 08:59 in Tokyo
    await runReminderPass(deps);
    expect(notifier.sent).toEqual([]);
    setNow(T0 + 4 * H); // 09:00 in Tokyo
    await runReminderPass(deps);
    setNow(T0 + 5 * H);
    await runReminderPass(deps);
    expect(notifier.sent.sort()).toEqual(['digest C1 alpha,beta', 'digest C2 gamma']);
    setNow(T0 + 28 * H); // next day, 09:00
    await runReminderPass(deps);
    expect(notifier.sent.filter((s) => s.startsWith('digest'))).toHaveLength(4);
  });

  it('reads only active environments', async () => {
    const { store, notifier, deps, setNow } = setup();
    await seed(store, 'gone', 'C1', T0 + H);
    const env = await store.environments.get('gone');
    await store.environments.update('gone', env!.version, { status: 'destroyed' });
    setNow(T0 + 2 * H);
    const result = await runReminderPass(deps);
    expect(result.examined).toBe(0);
    expect(notifier.sent).toEqual([]);
  });
});
