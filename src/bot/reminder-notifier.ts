/**
 * The reminder scheduler's voice in Slack: expiry warnings and overdue notes with Extend 24 h,
 * Snooze 1 h and Destroy now buttons (their ts is kept in `env.meta.reminderMessages`, so only
 * those messages' buttons count), auto-destroy announcements, and the daily digest per channel.
 * Each goes through the outbox under the scheduler's key: queued once, delivered until Slack
 * takes it (src/bot/outbox.ts); the ts of a message with buttons is recorded once it is posted.
 */
import { formatPerDay, formatUsd } from '../cost/format';
import type { Environment, StateStore } from '../state/types';
import type { ReminderNotifier } from '../workflows/remind/scheduler';
import { environmentCost } from './env-cost';
import { formatDuration } from './format';
import type { NewOutboxMessage } from '../state/outbox-repository';
import { ACTION, actions } from './views/buttons';
import { context, header, section, type Block } from './views/reply';

export interface SlackReminderNotifierOptions {
  /** The outbox (src/bot/outbox.ts): `send` is false when the id was queued before. */
  outbox: { send(message: NewOutboxMessage): Promise<boolean> };
  store: Pick<StateStore, 'environments' | 'runs'>;
  now(): number;
}

function reminderButtons(env: string): Block {
  return actions(`remind:${env}`, [
    { actionId: ACTION.remindExtend, label: 'Extend 24 h', value: env, style: 'primary' },
    { actionId: ACTION.remindSnooze, label: 'Snooze 1 h', value: env },
    { actionId: ACTION.remindDestroy, label: 'Destroy now', value: env, style: 'danger' },
  ]);
}

function isoMinute(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d\d\.\d+Z$/, 'Z');
}

export class SlackReminderNotifier implements ReminderNotifier {
  constructor(private readonly options: SlackReminderNotifierOptions) {}

  async warnExpiry(env: Environment, leadMs: number, key: string): Promise<boolean> {
    const now = this.options.now();
    const cost = await environmentCost(this.options.store, env, now);
    const left = Math.max(0, env.expiresAt - now);
    const money = cost ? ` It has cost ${formatUsd(cost.soFar)} so far (${formatPerDay(cost.perDay)}).` : '';
    const text = `<@${env.owner}> *${env.name}* expires in ${formatDuration(left)} (at ${isoMinute(env.expiresAt)}) and will then be destroyed.${money}`;
    return this.postWithButtons(
      key,
      env,
      `:alarm_clock: ${text}`,
      `${env.name} expires in ${formatDuration(leadMs)}`,
    );
  }

  async reportOverdue(env: Environment, key: string): Promise<boolean> {
    const now = this.options.now();
    const cost = await environmentCost(this.options.store, env, now);
    const money = cost
      ? ` It has cost ${formatUsd(cost.soFar)} so far and costs ${formatPerDay(cost.perDay)}.`
      : '';
    const text = `<@${env.owner}> *${env.name}* expired ${formatDuration(now - env.expiresAt)} ago; auto-destroy is off for it, so it keeps running.${money}`;
    return this.postWithButtons(key, env, `:warning: ${text}`, `${env.name} is overdue`);
  }

  async reportAutoDestroy(
    env: Environment,
    started: boolean,
    reason: string | undefined,
    key: string,
  ): Promise<boolean> {
    const text = started
      ? `:wastebasket: *${env.name}* reached its expiry: tearing it down now (progress in its own message). <@${env.owner}>`
      : `:warning: *${env.name}* reached its expiry but its teardown could not start${reason ? `: ${reason}` : ''}. <@${env.owner}>`;
    return this.options.outbox.send({
      id: key,
      about: { purpose: 'reminder.auto-destroy', env: env.name },
      steps: [{ op: 'post', channel: env.channel, text, blocks: [section(text)] }],
    });
  }

  async postDigest(channel: string, envs: Environment[], key: string): Promise<boolean> {
    const now = this.options.now();
    const sorted = [...envs].sort((a, b) => a.name.localeCompare(b.name));
    let total = 0;
    let perDay = 0;
    const lines: string[] = [];
    for (const env of sorted) {
      const cost = await environmentCost(this.options.store, env, now);
      total += cost?.soFar ?? 0;
      perDay += cost?.perDay ?? 0;
      const money = cost ? `${formatUsd(cost.soFar)} so far · ${formatPerDay(cost.perDay)}` : 'cost unknown';
      const expiry =
        env.expiresAt >= now
          ? `expires in ${formatDuration(env.expiresAt - now)}`
          : `expired ${formatDuration(now - env.expiresAt)} ago`;
      lines.push(
        `*${env.name}* (${env.status}) — <@${env.owner}> — age ${formatDuration(now - env.createdAt)} — ${money} — ${expiry}`,
      );
    }
    const totalLine = `Channel total: ${formatUsd(total)} so far · ${formatPerDay(perDay)}`;
    const blocks: Block[] = [header(`Running environments (${envs.length})`)];
    for (let i = 0; i < lines.length; i += 20) blocks.push(section(lines.slice(i, i + 20).join('\n')));
    blocks.push(
      section(totalLine),
      context('Extend with `/site extend <env> <dur>`; tear down with `/site destroy <env>`.'),
    );
    return this.options.outbox.send({
      id: key,
      about: { purpose: 'reminder.digest' },
      steps: [{ op: 'post', channel, text: `${envs.length} running environment(s); ${totalLine}`, blocks }],
    });
  }

  /** A reminder with buttons; once posted, its ts is recorded so that its buttons count. */
  private postWithButtons(
    key: string,
    env: Environment,
    markdown: string,
    fallback: string,
  ): Promise<boolean> {
    return this.options.outbox.send({
      id: key,
      about: { purpose: 'reminder', env: env.name },
      steps: [
        {
          op: 'post',
          channel: env.channel,
          text: fallback,
          blocks: [section(markdown), reminderButtons(env.name)],
        },
        { op: 'remember-reminder', env: env.name },
      ],
    });
  }
}
