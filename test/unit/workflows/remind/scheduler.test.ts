import type { Environment, OnceMarkersRepository } from '../../../../src/state/types';
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

class RecordingNotifier implements ReminderNotifier {
  readonly sent: string[] = [];
  async warnExpiry(env: Environment, leadMs: number) {
    this.sent.push(`warn ${env.name} ${leadMs / M}m`);
  }
  async reportOverdue(env: Environment) {
    this.sent.push(`overdue ${env.name}`);
  }
  async reportAutoDestroy(env: Environment, started: boolean) {
    this.sent.push(`auto-destroy ${env.name} ${started ? 'started' : 'refused'}`);
  }
  async postDigest(channel: string, envs: Environment[]) {
    this.sent.push(`digest ${channel} ${envs.map((e) => e.name).join(',')}`);
  }
}

class MemoryMarkers implements OnceMarkersRepository {
  readonly keys = new Set<string>();
  async claim(key: string) {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
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
  const markers = new MemoryMarkers();
  const destroyed: string[] = [];
  let now = T0;
  const deps: ReminderDeps = {
    store,
    markers,
    notifier,
    settings: defaultReminderSettings,
    digest: { atMinutes: 9 * 60, timeZone: 'Asia/Tokyo' },
    startDestroy: async (env) => {
      destroyed.push(env.name);
      return { started: true };
    },
    now: () => now,
  };
  return { store, notifier, markers, destroyed, deps, setNow: (t: number) => (now = t) };
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
    deps.startDestroy = async (env) => {
      if (busy) return { started: false, reason: 'locked' };
      destroyed.push(env.name);
      return { started: true };
    };
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
