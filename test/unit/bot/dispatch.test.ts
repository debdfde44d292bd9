import { ENGLISH } from '../../../src/i18n/texts';
import { dispatchCommand } from '../../../src/bot/dispatch';
import type { BotServices, CommandContext } from '../../../src/bot/services';
import { ephemeral } from '../../../src/bot/views/reply';
import { mrkdwn } from '../../../src/bot/views/mrkdwn';
import { loadConfig, type Config } from '../../../src/config/config';
import { createMemoryStore } from '../../helpers/memory-store';
import { newEnvironment } from '../../helpers/records';

const T0 = 1_700_000_000_000;

function ctx(userId = 'UOWNER', channelId = 'C1'): CommandContext {
  return {
    userId,
    channelId,
    client: {} as CommandContext['client'], // dispatch itself never calls Slack
    respond: jest.fn(),
    now: () => T0,
    t: ENGLISH,
  };
}

const config: Config = loadConfig({ SITEBOT_ADMINS: 'UADMIN', SITEBOT_ALLOWED_CHANNELS: 'C1,C2' });

async function seeded() {
  const store = createMemoryStore();
  await store.environments.create(
    newEnvironment({
      owner: 'UOWNER',
      createdAt: T0 - 3_600_000,
      updatedAt: T0,
      expiresAt: T0 + 3_600_000,
      resources: { vpc: 'vpc-1' },
    }),
  );
  return store;
}

test('help needs no store access', async () => {
  const store = createMemoryStore();
  const spy = jest.spyOn(store.environments, 'listActive');
  const reply = await dispatchCommand('help', ctx(), { config, store, services: {} });
  expect(reply.text).toContain('/site create');
  expect(spy).not.toHaveBeenCalled();
});

test('malformed command: error plus usage, and no service is called', async () => {
  const startCreate = jest.fn();
  const reply = await dispatchCommand('create Demo', ctx(), {
    config,
    store: createMemoryStore(),
    services: { startCreate },
  });
  expect(reply.text).toMatch(/^:warning: env name 'Demo'/);
  expect(JSON.stringify(reply.blocks)).toContain('Usage: `/site create');
  expect(JSON.stringify(reply.blocks)).toContain('see `/site help`');
  expect(startCreate).not.toHaveBeenCalled();
});

test('typed text arrives escaped from Slack and is echoed escaped once, not twice', async () => {
  // A person typed `create <b>x</b>`; Slack sends `create &lt;b&gt;x&lt;/b&gt;`.
  const reply = await dispatchCommand('create &lt;b&gt;x&lt;/b&gt;', ctx(), {
    config,
    store: createMemoryStore(),
    services: {},
  });
  expect(reply.text).toContain("env name '&lt;b&gt;x&lt;/b&gt;'");
  expect(reply.text).not.toContain('&amp;lt;');
});

test('an escaped ampersand is read as typed, still refused, and echoed escaped once', async () => {
  const startCreate = jest.fn();
  const reply = await dispatchCommand('create a&amp;b', ctx(), {
    config,
    store: createMemoryStore(),
    services: { startCreate },
  });
  expect(reply.text).toContain("env name 'a&amp;b'");
  expect(startCreate).not.toHaveBeenCalled();
});

test('a channel outside the allow-list is refused before anything else', async () => {
  const startCreate = jest.fn();
  const reply = await dispatchCommand('create demo', ctx('UOWNER', 'C9'), {
    config,
    store: createMemoryStore(),
    services: { startCreate },
  });
  expect(reply.text).toMatch(/not enabled in this channel/);
  expect(startCreate).not.toHaveBeenCalled();
});

test('list and status read the store', async () => {
  const store = await seeded();
  const deps = { config, store, services: {} };
  expect((await dispatchCommand('list', ctx(), deps)).text).toContain('demo');
  expect((await dispatchCommand('status demo', ctx(), deps)).text).toBe('demo: ready, expires in 1h');
  expect((await dispatchCommand('status nope', ctx(), deps)).text).toBe('No environment named nope.');
});

test('without services, valid commands answer "not available yet"', async () => {
  const store = await seeded();
  const deps = { config, store, services: {} };
  expect((await dispatchCommand('create other', ctx(), deps)).text).toBe(
    '/site create is not available yet.',
  );
  expect((await dispatchCommand('destroy demo', ctx(), deps)).text).toBe(
    '/site destroy is not available yet.',
  );
  expect((await dispatchCommand('failover demo db', ctx(), deps)).text).toBe(
    '/site failover is not available yet.',
  );
  expect((await dispatchCommand('extend demo 1h', ctx(), deps)).text).toBe(
    '/site extend is not available yet.',
  );
});

describe('with services plugged in', () => {
  const ok = ephemeral(mrkdwn`started`, []);
  const services = (): Required<BotServices> => ({
    startCreate: jest.fn().mockResolvedValue(ok),
    startDestroy: jest.fn().mockResolvedValue(ok),
    startFailover: jest.fn().mockResolvedValue(ok),
    extend: jest.fn().mockResolvedValue(ok),
    power: jest.fn().mockResolvedValue(ok),
    hours: jest.fn().mockResolvedValue(ok),
    handleButton: jest.fn().mockResolvedValue(undefined),
    explain: jest.fn().mockResolvedValue(ok),
    setLang: jest.fn().mockResolvedValue(ok),
  });

  test('create goes to startCreate with the parsed command', async () => {
    const s = services();
    const reply = await dispatchCommand('create shop --ttl 2h', ctx(), {
      config,
      store: createMemoryStore(),
      services: s,
    });
    expect(reply).toBe(ok);
    expect(s.startCreate).toHaveBeenCalledWith(
      { kind: 'create', env: 'shop', ttlMs: 7_200_000, multiAz: 'now', dryRun: false, explain: false },
      expect.objectContaining({ userId: 'UOWNER', channelId: 'C1' }),
    );
  });

  test('the owner and an admin reach destroy/failover/extend, with the env loaded', async () => {
    const store = await seeded();
    const s = services();
    await dispatchCommand('destroy demo', ctx('UOWNER'), { config, store, services: s });
    await dispatchCommand('failover demo web --force', ctx('UADMIN'), { config, store, services: s });
    await dispatchCommand('extend demo 3h', ctx('UADMIN'), { config, store, services: s });
    expect(s.startDestroy).toHaveBeenCalledWith(
      { kind: 'destroy', env: 'demo' },
      expect.objectContaining({ env: expect.objectContaining({ name: 'demo', owner: 'UOWNER' }) }),
    );
    expect(s.startFailover).toHaveBeenCalledWith(
      { kind: 'failover', env: 'demo', target: 'web', force: true, explain: false },
      expect.anything(),
    );
    expect(s.extend).toHaveBeenCalledWith(
      { kind: 'extend', env: 'demo', byMs: 10_800_000 },
      expect.anything(),
    );
  });

  test('someone else is refused and no service runs', async () => {
    const store = await seeded();
    const s = services();
    for (const text of ['destroy demo', 'failover demo', 'extend demo 1h']) {
      const reply = await dispatchCommand(text, ctx('UOTHER'), { config, store, services: s });
      expect(reply.text).toMatch(/only <@UOWNER>/);
    }
    expect(s.startDestroy).not.toHaveBeenCalled();
    expect(s.startFailover).not.toHaveBeenCalled();
    expect(s.extend).not.toHaveBeenCalled();
  });

  test('a missing or destroyed env is reported and no service runs', async () => {
    const store = await seeded();
    const env = await store.environments.get('demo');
    await store.environments.update('demo', env!.version, { status: 'destroyed' });
    const s = services();
    expect((await dispatchCommand('destroy demo', ctx(), { config, store, services: s })).text).toBe(
      'No environment named demo.',
    );
    expect((await dispatchCommand('extend ghost 1h', ctx(), { config, store, services: s })).text).toBe(
      'No environment named ghost.',
    );
    expect(s.startDestroy).not.toHaveBeenCalled();
    expect(s.extend).not.toHaveBeenCalled();
  });
});
