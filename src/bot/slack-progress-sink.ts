/**
 * Runs rendered to Slack: ONE message per run (the one in `run.notify`, or one posted on the
 * first update), edited in place with `chat.update`. Slack allows about one update per second
 * per message, so updates are coalesced: at most one per `minIntervalMs`, always ending with
 * the latest state. A message that can no longer be edited (deleted, not ours, too old) is
 * replaced by a new one, remembered for the run's later ticks wherever they run. An update that
 * fails otherwise is skipped: the next one carries the newer state.
 *
 * The end of a run — its final state and the thread reply that mentions whoever asked — must
 * arrive: it goes through the outbox (src/bot/outbox.ts), which retries it until Slack takes
 * it (as a new message if the run's message is gone) or logs with the run why it never can.
 *
 * It talks to the Web API client only (no Bolt App), so the worker can use it too.
 */
import { DEFAULT_LANG, DEFAULT_LANGUAGE_SETTINGS, type LanguageSettings } from '../i18n/locale';
import type { Texts } from '../i18n/texts';
import { voiceOf } from '../i18n/voice';
import type { NewOutboxMessage, OutboxStep, RunMessagePointer } from '../state/outbox-repository';
import type { Run } from '../state/types';
import type { ProgressSink, RunEvent } from '../workflows/engine/types';
import {
  explainSettingsOfRun,
  explanationMessageId,
  isExplainedKind,
  startedStepExplanations,
  type ExplainSettings,
} from './explanations';
import { runTexts } from './language';
import type { ChatClient } from './slack-chat';
import { classifySlackError } from './slack-errors';
import { renderExplanation } from './views/explanation';
import { renderRunMessage, renderRunThreadReply, type RunMessage } from './views/run-message';
import type { WorkflowSteps } from './workflow-steps';

export type { ChatClient } from './slack-chat';

export type { WorkflowSteps } from './workflow-steps';

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SlackProgressSinkOptions {
  client: ChatClient;
  steps: WorkflowSteps;
  /** The workspace's language and time zones; each run is shown in its starter's language. */
  language?: LanguageSettings;
  /** The create settings a create's explanations cite (region, AZs, sizes); default: the defaults. */
  explainConfig?: ExplainSettings['create'];
  /** Slack's limit is about 1 update per second per message. */
  minIntervalMs?: number;
  /** Progress edits of all messages together at most one per this many ms (default EDIT_SPACING_MS). */
  editSpacingMs?: number;
  /** Real time for throttling. (A message's figures come from the run record, not a clock.) */
  timers?: Timers;
  /** Where a run's end goes so that it arrives: the outbox. */
  finals: { send(message: NewOutboxMessage): Promise<boolean> };
  /** Where a replaced progress message is remembered, for ticks in other processes. */
  messages?: {
    runMessage(runId: string): Promise<RunMessagePointer | undefined>;
    setRunMessage(runId: string, pointer: RunMessagePointer, now: number): Promise<void>;
  };
  onError?(err: unknown, runId: string): void;
}

interface Slot {
  runId: string;
  channel: string;
  ts?: string;
  /** The replacement message recorded by another process, looked up once per slot. */
  located: Promise<void>;
  /** The bot cannot post in the channel: progress edits stop (the end still goes to the outbox). */
  muted?: boolean;
  /** Newest state not yet sent. */
  pending?: Run;
  lastSentAt: number;
  timer?: unknown;
  sending?: Promise<void>;
  finalSent: boolean;
  idle: (() => void)[];
  /** Steps whose explanation was posted in the thread (`--explain`). */
  explained: Set<string>;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Runs whose end was shown, remembered so a repeated end (a redone finish) is not shown twice. */
const REMEMBER_FINISHED = 1_000;

/**
 * Progress edits of all messages together at most one per this many ms (40 a minute):
 * chat.update is Tier 3, "50+ per minute" per workspace
 * (https://docs.slack.dev/reference/methods/chat.update), and the outbox's final edits and the
 * button services' edits draw on the same allowance. The per-message interval alone would let
 * one long run edit 60 times a minute, and two runs 120.
 */
export const EDIT_SPACING_MS = 1_500;

export class SlackProgressSink implements ProgressSink {
  private readonly slots = new Map<string, Slot>();
  private readonly finished = new Set<string>();
  private readonly minIntervalMs: number;
  private readonly editSpacingMs: number;
  private readonly timers: Timers;
  /** No progress edit of any message before then: the pace above, or a 429's Retry-After. */
  private nextEditAt = -Infinity;

  constructor(private readonly options: SlackProgressSinkOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 1_000;
    this.editSpacingMs = options.editSpacingMs ?? EDIT_SPACING_MS;
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
        located: Promise.resolve(),
        lastSentAt: -Infinity,
        finalSent: false,
        idle: [],
        explained: new Set(),
      };
      slot.located = this.locate(slot);
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
    // A run's end is not held back: it goes through the outbox, which honours Retry-After itself.
    const ending = slot.pending.status !== 'running';
    const due = Math.max(slot.lastSentAt + this.minIntervalMs, ending ? -Infinity : this.nextEditAt);
    const wait = due - this.timers.now();
    if (wait > 0) {
      slot.timer = this.timers.setTimeout(() => {
        slot.timer = undefined;
        this.pump(slot);
      }, wait);
      return;
    }
    const run = slot.pending;
    slot.pending = undefined;
    // Taken now, before the send's first await: a slot pumped meanwhile waits its turn.
    if (!ending) this.nextEditAt = Math.max(this.nextEditAt, this.timers.now() + this.editSpacingMs);
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

  /**
   * Picks up the message another process posted for this run (a replacement, or the first one
   * of a run started without: auto-destroy), so every tick edits the same message.
   */
  private async locate(slot: Slot): Promise<void> {
    if (!this.options.messages) return;
    const pointer = await this.options.messages.runMessage(slot.runId).catch(() => undefined);
    if (pointer?.channel === slot.channel) slot.ts = pointer.ts;
  }

  private async send(slot: Slot, run: Run): Promise<void> {
    await slot.located;
    const t = runTexts(this.options.language ?? DEFAULT_LANGUAGE_SETTINGS, run);
    const steps = this.options.steps(t, run.kind);
    const message = renderRunMessage(t, run, steps);
    if (run.status === 'running') {
      if (!slot.muted) await this.sendProgress(slot, message);
      await this.explainStarted(slot, t, run);
      return;
    }
    await this.explainStarted(slot, t, run);
    slot.finalSent = true;
    const reply = renderRunThreadReply(t, run, steps);
    const calls: OutboxStep[] = [
      slot.ts
        ? { op: 'update', channel: slot.channel, ts: slot.ts, ...message }
        : { op: 'post', channel: slot.channel, ...message },
    ];
    if (reply) calls.push({ op: 'post', channel: slot.channel, ...reply, threadOnLast: true });
    await this.options.finals.send({
      // One per end of the run: a repeated end (a finish redone elsewhere) is the same message.
      id: `run-end#${run.runId}#${run.finishedAt ?? run.version}`,
      about: { purpose: `${run.kind}.finished`, env: run.env, runId: run.runId },
      steps: calls,
    });
  }

  /** Edits the progress message; one that is gone is replaced; other failures wait for the next edit. */
  private async sendProgress(slot: Slot, message: RunMessage): Promise<void> {
    const { client } = this.options;
    if (slot.ts) {
      try {
        await client.chat.update({ channel: slot.channel, ts: slot.ts, ...message });
        return;
      } catch (err) {
        const failure = classifySlackError(err);
        // Slack said how long to wait: no edit of any message before then (the state is kept).
        if (failure.kind === 'retry' && failure.retryAfterMs !== undefined)
          this.nextEditAt = Math.max(this.nextEditAt, this.timers.now() + failure.retryAfterMs);
        if (failure.kind === 'channel') slot.muted = true;
        if (failure.kind !== 'message-gone') throw err;
        this.options.onError?.(err, slot.runId);
      }
    }
    let posted: { ts?: string };
    try {
      posted = await client.chat.postMessage({ channel: slot.channel, ...message });
    } catch (err) {
      if (classifySlackError(err).kind === 'channel') slot.muted = true;
      throw err;
    }
    if (!posted.ts) return;
    slot.ts = posted.ts;
    // Remembered, so that the run's next tick, wherever it runs, edits this one.
    const pointer = { channel: slot.channel, ts: posted.ts };
    await this.options.messages?.setRunMessage(slot.runId, pointer, this.timers.now());
  }

  /**
   * `--explain`: one thread reply per step of a create or a drill, posted once the step has
   * started, in order, with this run's facts. Remembered per slot (a restarted bot may explain
   * a step again).
   */
  private async explainStarted(slot: Slot, t: Texts, run: Run): Promise<void> {
    if (!isExplainedKind(run.kind) || !voiceOf(run.params).explain || !slot.ts) return;
    const fromRun = explainSettingsOfRun(run);
    const settings = { ...fromRun, create: this.options.explainConfig ?? fromRun.create };
    for (const step of startedStepExplanations(t, run, settings)) {
      if (slot.explained.has(step.id)) continue;
      slot.explained.add(step.id);
      const reply = renderExplanation(t, step.title, step.explanation, step.state);
      // Through the outbox under one id per step: sent once, by whichever process ticks first.
      await this.options.finals.send({
        id: explanationMessageId(run, step.id, t.lang, this.options.language?.lang ?? DEFAULT_LANG),
        about: { purpose: 'run.explain', env: run.env, runId: run.runId },
        steps: [{ op: 'post', channel: slot.channel, ...reply, threadTs: slot.ts }],
      });
    }
  }
}
