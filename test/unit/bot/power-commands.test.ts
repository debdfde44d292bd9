/** `/site sleep|wake|hours` and `create --hours`: the grammar, and dispatch to the services for the owner only. */
import { dispatchCommand } from '../../../src/bot/dispatch';
import { parseCommand } from '../../../src/bot/grammar';
import type { BotServices, CommandContext } from '../../../src/bot/services';
import { ephemeral } from '../../../src/bot/views/reply';
import { mrkdwn } from '../../../src/bot/views/mrkdwn';
import { loadConfig } from '../../../src/config/config';
import { english } from '../../../src/i18n/english';
import { ENGLISH } from '../../../src/i18n/texts';
import { createMemoryStore } from '../../helpers/memory-store';
import { newEnvironment } from '../../helpers/records';

const limits = { defaultTtlMs: 86_400_000, maxTtlMs: 7 * 86_400_000 };
const parse = (text: string) => parseCommand(text, limits);

describe('grammar', () => {
  test.each([
    ['sleep demo', { kind: 'sleep', env: 'demo' }],
    ['wake demo', { kind: 'wake', env: 'demo' }],
    ['hours demo off', { kind: 'hours', env: 'demo', hours: 'off' }],
    [
      'hours demo 09:00-19:00',
      { kind: 'hours', env: 'demo', hours: { start: 540, end: 1140, days: [1, 2, 3, 4, 5] } },
    ],
    [
      'hours demo 08:30-18:00 daily',
      { kind: 'hours', env: 'demo', hours: { start: 510, end: 1080, days: [0, 1, 2, 3, 4, 5, 6] } },
    ],
    [
      'create demo --hours 09:00-19:00 --days mon-sat',
      {
        kind: 'create',
        env: 'demo',
        ttlMs: 86_400_000,
        multiAz: 'now',
        dryRun: false,
        explain: false,
        hours: { start: 540, end: 1140, days: [1, 2, 3, 4, 5, 6] },
      },
    ],
  ])('%j', (text, command) => {
    expect(parse(text)).toEqual(command);
  });

  test.each([
    ['sleep', /'sleep' needs an env name/],
    ['wake demo now', /'wake' takes one env name \(got 'now' after it\)/],
    ['sleep demo --force', /unknown option '--force'/],
    ['hours demo', /needs hours like 09:00-19:00/],
    ['hours demo 19:00-09:00', /start before they end/],
    ['hours demo 9-5', /not like 09:00-19:00/],
    ['hours demo 09:00-19:00 someday', /days 'someday'/],
    ['hours demo off now', /unexpected 'now' after 'off'/],
    ['create demo --days mon-fri', /--days goes with --hours/],
    ['create demo --hours 25:00-26:00', /not valid times/],
  ])('%j is refused', (text, message) => {
    const parsed = parse(text);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && english(parsed.error)).toMatch(message);
  });
});

describe('dispatch', () => {
  const config = loadConfig({ SITEBOT_ADMINS: 'UADMIN' });
  const ctx = (userId: string): CommandContext => ({
    userId,
    channelId: 'C1',
    client: {} as CommandContext['client'],
    respond: jest.fn(),
    t: ENGLISH,
    now: () => 1,
  });
  const ok = ephemeral(mrkdwn`ok`, []);

  test('the owner and an admin reach the services; someone else is refused and nothing runs', async () => {
    const store = createMemoryStore();
    await store.environments.create(newEnvironment({ owner: 'UOWNER' }));
    const services: BotServices = {
      power: jest.fn().mockResolvedValue(ok),
      hours: jest.fn().mockResolvedValue(ok),
    };
    for (const text of ['sleep demo', 'wake demo', 'hours demo off']) {
      const refused = await dispatchCommand(text, ctx('UOTHER'), { config, store, services });
      expect(refused.text).toMatch(/only <@UOWNER>/);
    }
    expect(services.power).not.toHaveBeenCalled();
    expect(services.hours).not.toHaveBeenCalled();
    expect(await dispatchCommand('sleep demo', ctx('UOWNER'), { config, store, services })).toBe(ok);
    expect(await dispatchCommand('wake demo', ctx('UADMIN'), { config, store, services })).toBe(ok);
    expect(await dispatchCommand('hours demo off', ctx('UOWNER'), { config, store, services })).toBe(ok);
    expect(services.power).toHaveBeenCalledWith({ kind: 'sleep', env: 'demo' }, expect.anything());
    expect(services.hours).toHaveBeenCalledWith(
      { kind: 'hours', env: 'demo', hours: 'off' },
      expect.anything(),
    );
  });
});
