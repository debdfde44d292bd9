import { say } from '../../../../src/i18n/said';
/** When a drill may run: the env record checks (starter), the live checks (first step), and the starter itself. */
import type { Environment } from '../../../../src/state/types';
import type { StartRunInput, StartRunResult } from '../../../../src/workflows/engine/service';
import { checkEnvRecord, checkLive, type LiveFacts } from '../../../../src/workflows/failover/preconditions';
import { startFailover } from '../../../../src/workflows/failover/start';
import { createMemoryStore } from '../../../helpers/memory-store';
import { newEnvironment } from '../../../helpers/records';
import { english } from '../../../../src/i18n/english';
import { inEnglish } from '../../../helpers/english-said';

const READY = newEnvironment({
  resources: { 'web-1': 'i-1', 'web-2': 'i-2', 'target-group': 'arn:tg', db: 'demo-db' },
  outputs: { siteUrl: 'http://alb/', multiAz: 'true' },
});
const env = (patch: Partial<Environment> = {}): Environment => ({ ...READY, version: 1, ...patch });

describe('checkEnvRecord', () => {
  test('a ready, fully built env gives the ids to drill', () => {
    expect(checkEnvRecord('demo', env(), 'all', false)).toEqual({
      ok: true,
      subjects: {
        siteUrl: 'http://alb/',
        web: [
          { role: 'web-1', instanceId: 'i-1' },
          { role: 'web-2', instanceId: 'i-2' },
        ],
        targetGroupArn: 'arn:tg',
        dbId: 'demo-db',
      },
    });
  });

  test.each([
    ['missing', undefined, 'not-found', /no environment named demo/],
    ['destroyed', env({ status: 'destroyed' }), 'destroyed', /was destroyed/],
    ['creating', env({ status: 'creating' }), 'not-ready', /is creating, not ready/],
    ['failed', env({ status: 'failed' }), 'not-ready', /is failed, not ready/],
    ['destroying', env({ status: 'destroying' }), 'not-ready', /is destroying/],
    ['half-built', env({ resources: { 'web-1': 'i-1' } }), 'incomplete', /lacks web-2, target-group, db/],
    ['no site URL', env({ outputs: {} }), 'incomplete', /lacks site URL/],
  ])('%s env is refused', (_label, record, reason, message) => {
    const out = checkEnvRecord('demo', record, 'web', false);
    expect(out).toMatchObject({ ok: false, reason });
    expect(!out.ok && english(out.message)).toMatch(message);
  });

  test('a single-AZ DB is refused for db and all unless forced; web drills do not care', () => {
    for (const single of [
      env({ multiAz: 'off', outputs: { siteUrl: 'u' } }),
      env({ outputs: { siteUrl: 'u', multiAz: 'false' } }),
    ]) {
      for (const target of ['db', 'all'] as const) {
        const out = checkEnvRecord('demo', single, target, false);
        expect(out).toMatchObject({ ok: false, reason: 'single-az' });
        expect(!out.ok && english(out.message)).toMatch(
          /no standby.*outage, not a failover.*\/site failover demo db --force/,
        );
        expect(checkEnvRecord('demo', single, target, true).ok).toBe(true);
      }
      expect(checkEnvRecord('demo', single, 'web', false).ok).toBe(true);
    }
    // Created `later` and since converted: the create's outputs say so.
    expect(checkEnvRecord('demo', env({ multiAz: 'later' }), 'db', false).ok).toBe(true);
  });
});

describe('checkLive', () => {
  const healthy: LiveFacts = {
    web: [
      { role: 'web-1', instanceId: 'i-1', state: 'running', health: 'healthy' },
      { role: 'web-2', instanceId: 'i-2', state: 'running', health: 'healthy' },
    ],
    db: { status: 'available', multiAz: true, az: 'a' },
  };

  test('2 healthy targets and an available Multi-AZ DB pass', () => {
    expect(checkLive('demo', healthy, 'all', false)).toEqual({ ok: true });
  });

  test('a web drill needs 2 healthy targets', () => {
    const facts: LiveFacts = { ...healthy, web: [healthy.web[0], { ...healthy.web[1], health: 'initial' }] };
    const out = checkLive('demo', facts, 'web', false);
    expect(out).toMatchObject({ ok: false, reason: 'unhealthy' });
    expect(!out.ok && english(out.message)).toMatch(
      /needs 2 healthy targets.*web-1 running\/healthy, web-2 running\/initial/,
    );
    expect(checkLive('demo', facts, 'db', false).ok).toBe(true);
  });

  test('a DB drill needs the DB available, and Multi-AZ unless forced', () => {
    expect(checkLive('demo', { web: [] }, 'db', false)).toMatchObject({ ok: false, reason: 'incomplete' });
    expect(
      checkLive('demo', { web: [], db: { status: 'modifying', multiAz: true } }, 'db', false),
    ).toMatchObject({
      ok: false,
      reason: 'unhealthy',
    });
    const single = { web: [], db: { status: 'available', multiAz: false } };
    expect(checkLive('demo', single, 'db', false)).toMatchObject({ ok: false, reason: 'single-az' });
    expect(checkLive('demo', single, 'db', true).ok).toBe(true);
  });
});

describe('startFailover', () => {
  function fakeService(result?: StartRunResult) {
    const calls: StartRunInput[] = [];
    return {
      calls,
      async startRun(input: StartRunInput): Promise<StartRunResult> {
        calls.push(input);
        return (
          result ?? {
            ok: true,
            run: {
              runId: 'r1',
              env: input.env,
              kind: input.kind,
              status: 'running',
              requestedBy: input.requestedBy,
              params: input.params,
              steps: {},
              createdAt: 0,
              updatedAt: 0,
              version: 1,
            },
          }
        );
      },
    };
  }

  test('starts a failover run with target (default all) and force as params', async () => {
    const store = createMemoryStore();
    await store.environments.create(READY);
    const service = fakeService();
    const out = await startFailover(service, store, { env: 'demo', requestedBy: 'U1', channel: 'C1' });
    expect(out.ok).toBe(true);
    expect(out.ok && english(out.message)).toMatch(
      /stop one web server.*then reboot the DB with failover.*http:\/\/alb\//,
    );
    expect(service.calls).toEqual([
      {
        kind: 'failover',
        env: 'demo',
        requestedBy: 'U1',
        channel: 'C1',
        params: { target: 'all', force: false },
      },
    ]);
  });

  test('refusals start nothing', async () => {
    const store = createMemoryStore();
    await store.environments.create({
      ...READY,
      multiAz: 'off',
      outputs: { siteUrl: 'u', multiAz: 'false' },
    });
    const service = fakeService();
    expect(
      await startFailover(service, store, { env: 'nope', requestedBy: 'U1', channel: 'C1' }),
    ).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
    expect(
      await startFailover(service, store, { env: 'demo', requestedBy: 'U1', channel: 'C1', target: 'db' }),
    ).toMatchObject({ ok: false, reason: 'single-az' });
    const isAllowed = (e: Environment, user: string) => e.owner === user;
    expect(
      inEnglish(
        await startFailover(service, store, {
          env: 'demo',
          requestedBy: 'U2',
          channel: 'C1',
          target: 'web',
          isAllowed,
        }),
      ),
    ).toMatchObject({
      ok: false,
      reason: 'not-allowed',
      message: expect.stringMatching(/owner or an admin/),
    });
    expect(service.calls).toEqual([]);
    expect(
      (
        await startFailover(service, store, {
          env: 'demo',
          requestedBy: 'U1',
          channel: 'C1',
          target: 'db',
          force: true,
          isAllowed,
        })
      ).ok,
    ).toBe(true);
    expect(service.calls[0].params).toEqual({ target: 'db', force: true });
  });

  test("the engine's lock refusal is passed on as is", async () => {
    const store = createMemoryStore();
    await store.environments.create(READY);
    const heldBy = { env: 'demo', runId: 'r0', kind: 'destroy' as const, holder: 'U9', acquiredAt: 0 };
    const service = fakeService({
      ok: false,
      reason: 'locked',
      heldBy,
      message: say('work.beingCreated', { env: 'demo' }),
    });
    expect(await startFailover(service, store, { env: 'demo', requestedBy: 'U1', channel: 'C1' })).toEqual({
      ok: false,
      reason: 'locked',
      message: say('work.beingCreated', { env: 'demo' }),
    });
  });
});
