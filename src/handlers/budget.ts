/**
 * How long the current Lambda invocation may still run, for the Slack client: a 429 is waited
 * out only if its Retry-After ends before this deadline (src/bot/slack-chat.ts); otherwise the
 * outbox takes the message back later, durably. One per container: Lambda runs one invocation
 * at a time in it.
 */

/** The part of Lambda's context object read here. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

/** Time kept back for what follows the last Slack call (saving, flushing, answering SQS). */
const MARGIN_MS = 5_000;

export class InvocationBudget {
  private until = Number.POSITIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts an invocation; without a context (tests, local runs) there is no deadline of its own. */
  start(context?: Partial<LambdaContext>): void {
    const remaining = context?.getRemainingTimeInMillis?.();
    this.until = remaining === undefined ? Number.POSITIVE_INFINITY : this.now() + remaining - MARGIN_MS;
  }

  /** Epoch ms by which Slack calls must be done. */
  readonly deadline = (): number => this.until;
}
