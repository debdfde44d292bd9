/** Shared checks of the workflow e2e tests: messages in the stand-in, and secrets never in them. */
import type { EnvironmentStatus } from '../../src/state/types';
import type { SandboxMessage, TestSandbox } from '../helpers/sandbox';
import { waitFor } from '../helpers/slack';

/** Top-level channel messages the bot posted (no thread replies, no ephemerals). */
export function channelMessages(messages: SandboxMessage[]): SandboxMessage[] {
  return messages.filter((m) => m.user === 'U0SITEBOT' && !m.thread_ts && !m.ephemeral_to);
}

export function threadReplies(messages: SandboxMessage[], ts: string): SandboxMessage[] {
  return messages.filter((m) => m.thread_ts === ts);
}

/** Everything a person could read in a message: its text and its blocks. */
export function readable(m: SandboxMessage): string {
  return `${m.text}\n${JSON.stringify(m.blocks)}`;
}

/** Waits for a message in `channel` matching `test`, and returns it. */
export function waitForMessage(
  sb: TestSandbox,
  test: (m: SandboxMessage) => boolean,
  options: { channel?: string; timeoutMs?: number } = {},
): Promise<SandboxMessage> {
  return waitFor(
    async () => (await sb.messages(options.channel ?? 'C1')).find(test),
    options.timeoutMs ?? 60_000,
  );
}

const HOUR = 3_600_000;

/**
 * 00:00 in Tokyo of the first Tokyo weekday from the 3rd of next month (UTC): far from a
 * month's end, always a weekday, so office hours' edges fall the same way on every run.
 */
export function testDay(now: number): number {
  const d = new Date(now);
  let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 3) - 9 * HOUR; // 00:00 JST
  while ([0, 6].includes(new Date(t + 9 * HOUR).getUTCDay())) t += 24 * HOUR;
  return t;
}

/**
 * With the clock stopped (speed 0), runs the workflows in virtual time until `env` has `status`:
 * the deadline (4 h by default) is virtual, so a busy machine is slower but never fails it.
 */
export async function runUntilStatus(
  sb: TestSandbox,
  env: string,
  status: EnvironmentStatus,
  withinMs = 4 * HOUR,
): Promise<void> {
  await sb.workflows!.runUntil(async () => (await sb.store.environments.get(env))?.status === status, {
    withinMs,
  });
}

/** Waits for the top-level "<env> is ready" message a create ends with (a create takes a minute or so). */
export function waitForReady(sb: TestSandbox, env: string, channel = 'C1'): Promise<SandboxMessage> {
  return waitForMessage(sb, (m) => !m.thread_ts && m.text.includes(`${env} is ready`), {
    channel,
    timeoutMs: 90_000,
  });
}

/**
 * The secret values the sandbox holds: every string in every secret the emulator's Secrets
 * Manager has (DB and WordPress admin passwords), the bot token and the signing secret.
 */
export function knownSecrets(sb: TestSandbox): string[] {
  const values: string[] = [sb.config.slack.botToken, sb.config.slack.signingSecret];
  const world = sb.emulator?.world;
  for (const secret of world?.secretsManager.secrets.values() ?? []) {
    if (!secret.secretString) continue;
    try {
      const parsed: unknown = JSON.parse(secret.secretString);
      if (typeof parsed === 'object' && parsed !== null) {
        for (const v of Object.values(parsed)) if (typeof v === 'string' && v.length >= 8) values.push(v);
      }
    } catch {
      values.push(secret.secretString);
    }
  }
  return values;
}

/** Fails when any message in any of `channels` contains one of `secrets`. */
export async function expectNoSecrets(sb: TestSandbox, secrets: string[], channels = ['C1']): Promise<void> {
  for (const channel of channels) {
    for (const m of await sb.messages(channel)) {
      const text = readable(m);
      for (const secret of secrets) expect(text.includes(secret)).toBe(false);
    }
  }
}
