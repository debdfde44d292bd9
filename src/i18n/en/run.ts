/**
 * A run's message as it is updated (src/bot/views/run-progress.ts, run-message.ts): the headline
 * with progress, one line per step, the critical path, the outcome and the thread reply.
 */
import { bold, code, mention, mrkdwn, type Mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';

const RUN_STATUS: Record<string, string> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

const DOING: Readonly<Record<string, string>> = {
  create: 'Creating',
  destroy: 'Tearing down',
  failover: 'Failover drill on',
  sleep: 'Putting to sleep:',
  wake: 'Waking',
};
const doing = (kind: string): string => DOING[kind] ?? kind;

export const run = (f: Formatter) => ({
  /** `*create demo*: running — 3 of 18 steps done, 1 skipped — 1m 20s` */
  headline: (a: {
    kind: string;
    env: string;
    status: string;
    done: number;
    of: number;
    skipped: number;
    ms: number;
  }): Mrkdwn =>
    mrkdwn`*${a.kind} ${a.env}*: ${RUN_STATUS[a.status] ?? a.status} — ${a.done} of ${a.of} steps done${
      a.skipped > 0 ? `, ${a.skipped} skipped` : ''
    } — ${f.duration(a.ms)}`,
  skipped: (): Mrkdwn => mrkdwn`skipped`,
  failedAfter: (a: { ms: number }): Mrkdwn => mrkdwn`failed after ${f.duration(a.ms)}`,
  failed: (): Mrkdwn => mrkdwn`failed`,
  criticalPath: (a: { done: boolean; ms: number; titles: string[] }): Mrkdwn =>
    mrkdwn`${a.done ? 'critical path' : 'critical path so far'} (${f.duration(a.ms)}): ${a.titles.join(' → ')}`,
  requestedBy: (a: { runId: string; user: string }): Mrkdwn =>
    mrkdwn`run ${code(a.runId)} requested by ${mention(a.user)}`,
  /** The fallback text of a message while its run goes. */
  underWay: (a: { kind: string; env: string; ms: number }): Mrkdwn =>
    mrkdwn`${doing(a.kind)} ${a.env}… ${f.duration(a.ms)} so far`,

  stepFailed: (a: { step: Mrkdwn; error: string }): Mrkdwn =>
    a.error ? mrkdwn`${a.step} failed: ${a.error}` : mrkdwn`${a.step} failed`,
  aStep: (): Mrkdwn => mrkdwn`a step`,
  nothingLeft: (): Mrkdwn => mrkdwn`Nothing was created yet.`,
  left: (a: { total: string; what: string }): Mrkdwn =>
    mrkdwn`Created so far and still there (they cost money until removed): ${a.total} — ${a.what}.`,
  /** The picture of a ready environment in its thread (src/bot/diagram-thread.ts). */
  diagramTitle: (a: { env: string }) => `${a.env}: what was built`,
  diagramComment: (a: { env: string }): Mrkdwn =>
    mrkdwn`What ${bold(a.env)} looks like now: the VPC over two AZs, the servers behind the ALB, the database primary and standby.`,
  ready: (a: { env: string; ms: number }): Mrkdwn =>
    mrkdwn`:white_check_mark: *${a.env} is ready* after ${f.duration(a.ms)}`,
  output: (a: { label: string; value: Mrkdwn | string }): Mrkdwn => mrkdwn`${a.label}: ${a.value}`,
  azs: (a: { azs: string; multiAz: boolean }): Mrkdwn =>
    mrkdwn`AZs: ${a.azs}${a.multiAz ? ' (DB Multi-AZ)' : ''}`,
  createFailed: (a: { env: string; ms: number; why: Mrkdwn }): Mrkdwn =>
    mrkdwn`:x: *create of ${a.env} failed* after ${f.duration(a.ms)}: ${a.why}.`,
  resumeOrClean: (a: { env: string }): Mrkdwn =>
    mrkdwn`Clean up with ${code(`/site destroy ${a.env}`)}, or run ${code(`/site create ${a.env}`)} again: it resumes where it stopped.`,
  createCancelled: (a: { env: string; by?: string; ms: number }): Mrkdwn =>
    mrkdwn`:no_entry_sign: *create of ${a.env} was cancelled*${a.by ? mrkdwn` by ${mention(a.by)}` : ''} after ${f.duration(a.ms)}.`,
  teardownFollows: (): Mrkdwn => mrkdwn`Its teardown starts now, in the message that asked for it.`,
  cleanUp: (a: { env: string }): Mrkdwn => mrkdwn`Clean up with ${code(`/site destroy ${a.env}`)}.`,
  teardownEnded: (a: { env: string; status: string; ms: number; error: string }): Mrkdwn =>
    mrkdwn`teardown of ${a.env} ${RUN_STATUS[a.status] ?? a.status} after ${f.duration(a.ms)}${a.error ? `: ${a.error}` : ''}. Run ${code(`/site destroy ${a.env}`)} again to resume.`,
  drillHeadline: (a: { headline: string; ms: number }): Mrkdwn =>
    mrkdwn`${bold(a.headline)} (${f.duration(a.ms)})`,
  drillEnded: (a: { env: string; status: string; ms: number; error: string }): Mrkdwn =>
    mrkdwn`failover drill on ${a.env} ${RUN_STATUS[a.status] ?? a.status} after ${f.duration(a.ms)}${a.error ? `: ${a.error}` : ''}`,
  retried: (): Mrkdwn => mrkdwn`Retried and overcome on the way:`,
  retriedLine: (a: { step: string; message: string; times: number }): Mrkdwn =>
    mrkdwn`• ${a.step}: ${a.message}${a.times > 1 ? ` (×${a.times})` : ''}`,

  // The private answer once a run has started (src/bot/views/run-started.ts).
  /** `hours`: the office hours it keeps, in words, when it has them. */
  started: (a: { kind: string; env: string; runId: string; hours?: string }): Mrkdwn =>
    mrkdwn`${doing(a.kind)} ${bold(a.env)} (run ${code(a.runId)}); progress in the channel.${a.hours ? ` Office hours: ${a.hours}.` : ''}`,
  resumed: (a: { env: string; runId: string }): Mrkdwn =>
    mrkdwn`Resuming the failed create of ${bold(a.env)} where it stopped (run ${code(a.runId)}); progress in its message in the channel.`,
  /** A shown run whose start was refused after all (a name taken meanwhile). */
  notStarted: (a: { reason: Mrkdwn }): Mrkdwn => mrkdwn`:no_entry: Not started: ${a.reason}`,
  explainFollows: (): Mrkdwn => mrkdwn`Each step is explained in the thread of that message as it starts.`,
});

export type RunTexts = ReturnType<typeof run>;
