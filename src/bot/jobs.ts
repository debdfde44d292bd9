/**
 * Work the bot does after it has answered Slack. Every receiver (HTTP, Socket Mode, Lambda) acks
 * within Slack's 3 s with what it can answer from reads alone, and hands the rest — the commands
 * whose services post messages, start runs or write, and every button press — to a job queue.
 * Jobs are plain data (they cross SQS on AWS), checked with the schema below when they arrive.
 *
 * Transports: on Lambda the ticks queue (src/handlers/sqs-work-queue.ts) and the worker; in
 * the sandbox and a Socket Mode bot, `InProcessJobQueue` below. Both run the same job runner
 * (./job-runner.ts), so the sandbox exercises what Lambda does.
 */
import { z } from 'zod';

const id = z.string().max(64);

export const buttonPressSchema = z.object({
  actionId: z.string().min(1).max(255),
  value: z.string().max(2_000),
  userId: id,
  channelId: id,
  messageTs: z.string().max(64),
});

const common = {
  /** Unique per request: a job delivered twice runs once (src/bot/job-runner.ts). */
  id: z.string().min(1).max(64),
  /** Where the answer goes (usable 5 times within 30 minutes: src/bot/response-url.ts). */
  responseUrl: z.string().url().max(2_000),
  /** When the request reached us (real time, epoch ms). */
  receivedAt: z.number().int().nonnegative(),
};

export const botJobSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('command'),
    text: z.string().max(4_000),
    userId: id,
    channelId: id,
    ...common,
  }),
  z.object({ kind: z.literal('button'), press: buttonPressSchema, ...common }),
]);

export type BotJob = z.infer<typeof botJobSchema>;

export interface JobQueue {
  /** Resolves once the job is safely queued (then the receiver acks). */
  enqueue(job: BotJob): Promise<void>;
}

/** What a job did, for logs and tests: the reply it sent, if any. */
export interface JobOutcome {
  reply?: { response_type?: string; text: string; blocks?: unknown[] };
}

export type JobRunner = (job: BotJob) => Promise<JobOutcome>;

interface Settled {
  seq: number;
  job: BotJob;
  outcome?: JobOutcome;
  error?: unknown;
}

/**
 * Jobs run in this process, right after the ack (the sandbox, a Socket Mode bot). A job is
 * parsed as the worker parses an SQS message, so what passes here passes there. `stop()` waits
 * for the jobs still running, so nothing runs after its process has torn down.
 */
export class InProcessJobQueue implements JobQueue {
  private seq = 0;
  private readonly running = new Set<Promise<void>>();
  /** The last jobs queued and settled, for `queuedAfter` / `settledAfter` (tests). */
  private readonly recent: { seq: number; job: BotJob }[] = [];
  private readonly settled: Settled[] = [];
  private readonly waiters: { match: (s: Settled) => boolean; resolve: (s: Settled) => void }[] = [];
  private stopped = false;

  constructor(
    private readonly run: JobRunner,
    private readonly onError: (err: unknown, job: BotJob) => void = () => undefined,
  ) {}

  async enqueue(job: BotJob): Promise<void> {
    if (this.stopped) throw new Error('job queue stopped');
    const parsed = botJobSchema.parse(JSON.parse(JSON.stringify(job)));
    const seq = ++this.seq;
    this.recent.push({ seq, job: parsed });
    if (this.recent.length > 200) this.recent.shift();
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(parsed))
      .then(
        (outcome) => this.settle({ seq, job: parsed, outcome }),
        (error: unknown) => {
          this.onError(error, parsed);
          this.settle({ seq, job: parsed, error });
        },
      );
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
  }

  /** How many jobs were queued so far (a mark for `settledAfter`). */
  get queued(): number {
    return this.seq;
  }

  /** The first job queued after mark `seq` that `match` accepts, once it has run. */
  settledAfter(seq: number, match: (job: BotJob) => boolean): Promise<Settled> {
    const accept = (s: Settled) => s.seq > seq && match(s.job);
    const found = this.settled.find(accept);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match: accept, resolve }));
  }

  /** Whether a job queued after mark `seq` matches (it may still be running). */
  queuedAfter(seq: number, match: (job: BotJob) => boolean): boolean {
    return this.recent.some((j) => j.seq > seq && match(j.job));
  }

  /** Waits until no job is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Refuses new jobs and waits for the running ones. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private settle(s: Settled): void {
    this.settled.push(s);
    if (this.settled.length > 200) this.settled.shift();
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].match(s)) this.waiters.splice(i, 1)[0].resolve(s);
    }
  }
}
