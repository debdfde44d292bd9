/**
 * Create calls AWS gives no idempotency token (EC2's CreateVpc and CreateInternetGateway: no
 * ClientToken, nothing unique to collide on). An attempt answered with a 5xx, a throttle or a
 * dropped connection may still have made the resource
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html), and the SDK's
 * own retry would then make a second one. `sentOnce` marks such a command to be sent exactly
 * once: any failure the SDK would retry becomes an OutcomeUnknownError, which the SDK does not
 * retry, and the caller looks for what the attempt may have made before it tries again.
 *
 * ```ts
 * const out = await client.send(sentOnce(new CreateVpcCommand({ CidrBlock, TagSpecifications })));
 * ```
 */
import { errorCode, isRetryable } from './errors';

/** The call may or may not have taken effect; its answer was lost. */
export class OutcomeUnknownError extends Error {
  override readonly name = 'OutcomeUnknown';
  /**
   * What the call was answered with. Deliberately not `cause`: the SDK's retry strategy looks
   * through `cause` and would retry this error after all.
   */
  readonly answer: unknown;

  constructor(answer: unknown) {
    super(`the call may have worked, its answer was lost (${errorCode(answer) ?? String(answer)})`);
    this.answer = answer;
  }
}

type Handler = (args: unknown) => Promise<unknown>;

/** The one method of an SDK command's middleware stack this needs (its overloads typed loosely). */
interface FinalizeStack {
  add(
    middleware: (next: Handler) => Handler,
    options: { step: 'finalizeRequest'; priority: 'low'; name: string },
  ): void;
}

// Runs inside the SDK's retry loop (finalizeRequest, after the retry middleware): what it throws
// decides whether the loop tries again, and an OutcomeUnknownError is a client error to it.
const once =
  (next: Handler): Handler =>
  async (args) => {
    try {
      return await next(args);
    } catch (err) {
      if (isRetryable(err)) throw new OutcomeUnknownError(err);
      throw err;
    }
  };

/** `command` with the SDK's retries off for it alone (see the module comment). */
export function sentOnce<C extends { middlewareStack: object }>(command: C): C {
  // Every SDK v3 command's stack has this `add`; its typed overloads are per command.
  (command.middlewareStack as FinalizeStack).add(once, {
    step: 'finalizeRequest',
    priority: 'low',
    name: 'sitebotSendOnce',
  });
  return command;
}
