import { ENGLISH } from '../../../src/i18n/texts';
import { checkChannel, checkOwnership, type AuthorizationPolicy } from '../../../src/bot/authorization';
import type { Command } from '../../../src/bot/grammar';
import { storedEnvironment } from '../../helpers/records';

const env = storedEnvironment({ owner: 'UOWNER' });

const open: AuthorizationPolicy = { allowedChannels: [], admins: ['UADMIN'] };
const closed: AuthorizationPolicy = { allowedChannels: ['C1', 'C2'], admins: ['UADMIN'] };
const list: Command = { kind: 'list', page: 1 };

/** One command of every kind, as the grammar makes them. */
const ONE_OF_EACH: { [K in Command['kind']]: Extract<Command, { kind: K }> } = {
  create: { kind: 'create', env: 'demo', ttlMs: 3_600_000, multiAz: 'now', dryRun: false, explain: false },
  status: { kind: 'status', env: 'demo', page: 1 },
  list: { kind: 'list', page: 1 },
  failover: { kind: 'failover', env: 'demo', target: 'all', force: false, explain: false },
  destroy: { kind: 'destroy', env: 'demo' },
  extend: { kind: 'extend', env: 'demo', byMs: 3_600_000 },
  sleep: { kind: 'sleep', env: 'demo' },
  wake: { kind: 'wake', env: 'demo' },
  hours: { kind: 'hours', env: 'demo', hours: 'off' },
  help: { kind: 'help' },
  explain: { kind: 'explain' },
  lang: { kind: 'lang' },
};

describe('channels', () => {
  test('an empty allow-list allows every channel', () => {
    expect(checkChannel(open, list, 'CANY', ENGLISH)).toEqual({ allowed: true });
  });
  test('a listed channel is allowed', () => {
    expect(checkChannel(closed, list, 'C2', ENGLISH)).toEqual({ allowed: true });
  });
  test('an unlisted channel is refused with a reason', () => {
    expect(checkChannel(closed, list, 'C9', ENGLISH)).toEqual({
      allowed: false,
      reason: expect.objectContaining({ text: expect.stringMatching(/not enabled/) }),
    });
  });
  test('help works in any channel', () => {
    expect(checkChannel(closed, { kind: 'help' }, 'C9', ENGLISH)).toEqual({ allowed: true });
  });
  test('lang works in any channel, with a language or without', () => {
    expect(checkChannel(closed, { kind: 'lang', lang: 'ja' }, 'C9', ENGLISH)).toEqual({ allowed: true });
    expect(checkChannel(closed, { kind: 'lang' }, 'C9', ENGLISH)).toEqual({ allowed: true });
  });
  test('in an unlisted channel only help and lang are allowed; in a listed one, every command', () => {
    const anywhere: readonly string[] = ['help', 'lang'];
    for (const command of Object.values(ONE_OF_EACH)) {
      expect([command.kind, checkChannel(closed, command, 'C9', ENGLISH).allowed]).toEqual([
        command.kind,
        anywhere.includes(command.kind),
      ]);
      expect([command.kind, checkChannel(closed, command, 'C1', ENGLISH).allowed]).toEqual([
        command.kind,
        true,
      ]);
    }
  });
});

describe('ownership', () => {
  test('the owner is allowed', () => {
    expect(checkOwnership(open, env, 'UOWNER', ENGLISH)).toEqual({ allowed: true });
  });
  test('an admin is allowed', () => {
    expect(checkOwnership(open, env, 'UADMIN', ENGLISH)).toEqual({ allowed: true });
  });
  test('anyone else is refused, and told who can', () => {
    const d = checkOwnership(open, env, 'UOTHER', ENGLISH);
    expect(d).toEqual({
      allowed: false,
      reason: expect.objectContaining({ text: expect.stringContaining('<@UOWNER>') }),
    });
  });
});
