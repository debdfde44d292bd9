/**
 * The seam between the HTTP server and each emulated service. A service names its SigV4
 * signing name (how requests find it), its wire protocol, and one `handle` that turns an
 * action plus its parsed input into a plain result (or throws `AwsError`). Serialization,
 * error envelopes, call counting and faults are the server's job.
 */
import type { World } from '../world';
import type { QueryParams } from './query';
import { AwsError, type WireProtocol } from './errors';

export interface RequestContext {
  world: World;
  region: string;
  requestId: string;
}

export interface EmulatedService {
  /** SigV4 scope service: 'ec2', 'rds', 'elasticloadbalancing', 'ssm', 'secretsmanager'. */
  signingName: string;
  protocol: WireProtocol;
  /** XML namespace of Query responses, e.g. `http://rds.amazonaws.com/doc/2014-10-31/`. */
  xmlns?: string;
  /** JSON services: the code for an injected 5xx (defaults to `InternalFailure`). */
  internalErrorCode?: string;
  /** Query/EC2 services get `QueryParams`; JSON services the parsed body. Action comes from
   *  `Action=` (Query) or the `X-Amz-Target` suffix (JSON). */
  handle(action: string, input: QueryParams | Record<string, unknown>, ctx: RequestContext): unknown;
}

export type ActionHandler<I> = (input: I, ctx: RequestContext) => unknown;

/** A table of handlers that take the service's model, bound once to `modelOf(world)` per call. */
export function withModel<I, M>(
  actions: Record<string, (input: I, model: M, ctx: RequestContext) => unknown>,
  modelOf: (world: World) => M,
): Record<string, ActionHandler<I>> {
  return Object.fromEntries(
    Object.entries(actions).map(([name, h]) => [
      name,
      (input: I, ctx: RequestContext) => h(input, modelOf(ctx.world), ctx),
    ]),
  );
}

/** Looks up an action in a table of handlers; unknown actions fail as AWS does per protocol. */
export function dispatch<I>(
  protocol: WireProtocol,
  table: Record<string, ActionHandler<I>>,
  action: string,
  input: I,
  ctx: RequestContext,
): unknown {
  const handler = Object.prototype.hasOwnProperty.call(table, action) ? table[action] : undefined;
  if (!handler) {
    if (protocol === 'json') throw new AwsError('UnknownOperationException', `Unknown operation ${action}`);
    throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
  }
  return handler(input, ctx);
}
