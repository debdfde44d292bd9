import {
  checkChannel,
  checkOwnership,
  requiresOwnership,
  type AuthorizationPolicy,
} from '../../../src/bot/authorization';
import type { Command } from '../../../src/bot/grammar';
import { storedEnvironment } from '../../helpers/records';

const env = storedEnvironment({ owner: 'UOWNER' });

const open: AuthorizationPolicy = { allowedChannels: [], admins: ['UADMIN'] };
const closed: AuthorizationPolicy = { allowedChannels: ['C1', 'C2'], admins: ['UADMIN'] };
const list: Command = { kind: 'list', page: 1 };

describe('channels', () => {
  test('an empty allow-list allows every channel', () => {
    expect(checkChannel(open, list, 'CANY')).toEqual({ allowed: true });
  });
  test('a listed channel is allowed', () => {
    expect(checkChannel(closed, list, 'C2')).toEqual({ allowed: true });
  });
  test('an unlisted channel is refused with a reason', () => {
    expect(checkChannel(closed, list, 'C9')).toEqual({
      allowed: false,
      reason: expect.objectContaining({ text: expect.stringMatching(/not enabled/) }),
    });
  });
  test('help works in any channel', () => {
    expect(checkChannel(closed, { kind: 'help' }, 'C9')).toEqual({ allowed: true });
  });
});

describe('ownership', () => {
  test('destroy, failover and extend need ownership; the rest do not', () => {
    expect(requiresOwnership({ kind: 'destroy', env: 'demo' })).toBe(true);
    expect(requiresOwnership({ kind: 'failover', env: 'demo', target: 'all', force: false })).toBe(true);
    expect(requiresOwnership({ kind: 'extend', env: 'demo', byMs: 1 })).toBe(true);
    expect(requiresOwnership({ kind: 'status', env: 'demo', page: 1 })).toBe(false);
    expect(requiresOwnership(list)).toBe(false);
  });
  test('the owner is allowed', () => {
    expect(checkOwnership(open, env, 'UOWNER')).toEqual({ allowed: true });
  });
  test('an admin is allowed', () => {
    expect(checkOwnership(open, env, 'UADMIN')).toEqual({ allowed: true });
  });
  test('anyone else is refused, and told who can', () => {
    const d = checkOwnership(open, env, 'UOTHER');
    expect(d).toEqual({
      allowed: false,
      reason: expect.objectContaining({ text: expect.stringContaining('<@UOWNER>') }),
    });
  });
});
