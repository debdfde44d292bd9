/**
 * Runs rendered to Slack: ONE message per run (the one in `run.notify`, or one posted on the
 * first update), edited in place with `chat.update`. Slack allows about one update per second
 * per message, so updates are coalesced: at most one per `minIntervalMs`, always ending with
 * the latest state; the final state is never dropped (it is retried, and awaited). When the run
 * ends, a thread reply mentions whoever asked.
 *
 * It talks to the Web API client only (no Bolt App), so the worker can use it too.
 */
import type { Run, RunKind } from '../state/types';
import type { ProgressSink, RunEvent } from '../workflows/engine/types';
import type { StepTitle } from './views/run-progress';
import { renderRunMessage, renderRunThreadReply } from './views/run-message';
import type { Block } from './views/reply';

/** The slice of `@slack/web-api`'s WebClient the sink calls. */
export interface ChatClient {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks?: Block[];
      thread_ts?: string;
    }): Promise<{ ts?: string }>;
    update(args: { channel: string; ts: string; text: string; blocks?: Block[] }): Promise<unknown>;
  };
}

/** Each workflow's steps in order, with titles and needs (the DAG the critical path follows). */
export type WorkflowSteps = Partial<Record<RunKind, readonly StepTitle[]>>;

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SlackProgressSinkOptions {
  client: ChatClient;
  steps: WorkflowSteps;
  /** Slack's limit is about 1 update per second per message. */
  minIntervalMs?: number;
  /** Real time for throttling. (A message's figures come from the run record, not a clock.) */
  timers?: Timers;
  /** How many times a failed final update is tried again. */
  finalRetries?: number;
  onError?(err: unknown, runId: string): void;
}

interface Slot {
  runId: string;
  channel: string;
  ts?: string;
  /** Newest state not yet sent. */
  pending?: Run;
  lastSentAt: number;
  timer?: unknown;
  sending?: Promise<void>;
  finalSent: boolean;
  idle: (() => void)[];
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Runs whose end was shown, remembered so a repeated end (a redone finish) is not shown twice. */
const REMEMBER_FINISHED = 1_000;

export class SlackProgressSink implements ProgressSink {
  private readonly slots = new Map<string, Slot>();
  private readonly finished = new Set<string>();
  private readonly minIntervalMs: number;
  private readonly timers: Timers;

  constructor(private readonly options: SlackProgressSinkOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 1_000;
    this.timers = options.timers ?? realTimers;
  }

  async onRunUpdate(run: Run, _event: RunEvent): Promise<void> {
    const channel = run.notify?.channel;
    if (!channel) return;
    if (this.finished.has(run.runId)) {
      // A repeated end is ignored; a failed run resumed (same run id) is shown again.
      if (run.status !== 'running') return;
      this.finished.delete(run.runId);
    }
    let slot = this.slots.get(run.runId);
    if (!slot) {
      slot = {
        runId: run.runId,
        channel,
        ts: run.notify?.messageTs,
        lastSentAt: -Infinity,
        finalSent: false,
        idle: [],
      };
      this.slots.set(run.runId, slot);
    }
    if (slot.finalSent) return;
    // Updates can arrive out of order from concurrent steps: keep the newest.
    if (!slot.pending || slot.pending.version <= run.version) slot.pending = structuredClone(run);
    this.pump(slot);
    if (run.status !== 'running') await this.settled(slot);
  }

  /** Resolves once every message has caught up with the latest state (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.slots.values()].map((slot) => this.settled(slot)));
  }

  /** The message a run is shown in, once known. */
  messageOf(runId: string): { channel: string; ts?: string } | undefined {
    const slot = this.slots.get(runId);
    return slot && { channel: slot.channel, ts: slot.ts };
  }

  private settled(slot: Slot): Promise<void> {
    if (this.isIdle(slot)) return Promise.resolve();
    return new Promise((resolve) => slot.idle.push(resolve));
  }

  private isIdle(slot: Slot): boolean {
    return !slot.pending && !slot.sending && slot.timer === undefined;
  }

  private pump(slot: Slot): void {
    if (slot.sending || slot.timer !== undefined || !slot.pending) return;
    const wait = slot.lastSentAt + this.minIntervalMs - this.timers.now();
    if (wait > 0) {
      slot.timer = this.timers.setTimeout(() => {
        slot.timer = undefined;
        this.pump(slot);
      }, wait);
      return;
    }
    const run = slot.pending;
    slot.pending = undefined;
    slot.sending = this.send(slot, run)
      .catch((err: unknown) => this.options.onError?.(err, slot.runId))
      .finally(() => {
        slot.sending = undefined;
        slot.lastSentAt = this.timers.now();
        if (slot.finalSent) slot.pending = undefined;
        if (slot.pending) {
          this.pump(slot);
          return;
        }
        if (slot.finalSent) {
          this.slots.delete(slot.runId);
          this.finished.add(slot.runId);
          if (this.finished.size > REMEMBER_FINISHED)
            this.finished.delete(this.finished.values().next().value as string);
        }
        for (const resolve of slot.idle.splice(0)) resolve();
      });
  }

  private async send(slot: Slot, run: Run): Promise<void> {
    const steps = this.options.steps[run.kind] ?? [];
    const message = renderRunMessage(run, steps);
    const final = run.status !== 'running';
    const retries = final ? (this.options.finalRetries ?? 3) : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        if (slot.ts) {
          await this.options.client.chat.update({ channel: slot.channel, ts: slot.ts, ...message });
        } else {
          const posted = await this.options.client.chat.postMessage({ channel: slot.channel, ...message });
          slot.ts = posted.ts;
        }
        break;
      } catch (err) {
        if (attempt >= retries) throw err;
        this.options.onError?.(err, slot.runId);
        await new Promise((resolve) => this.timers.setTimeout(() => resolve(undefined), this.minIntervalMs));
      }
    }
    if (!final) return;
    slot.finalSent = true;
    const reply = renderRunThreadReply(run, steps);
    if (reply && slot.ts) {
      await this.options.client.chat.postMessage({ channel: slot.channel, ...reply, thread_ts: slot.ts });
    }
  }
}

/** Step titles and needs of workflow definitions, for the sink and the status view. */
export function stepsOf(workflows: Partial<Record<RunKind, { steps: readonly StepTitle[] }>>): WorkflowSteps {
  const out: WorkflowSteps = {};
  for (const [kind, wf] of Object.entries(workflows) as [RunKind, { steps: readonly StepTitle[] }][]) {
    out[kind] = wf.steps.map((s) => ({ id: s.id, title: s.title, needs: [...(s.needs ?? [])] }));
  }
  return out;
}
