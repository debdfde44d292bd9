/**
 * The sandbox's own admin API under `/_sandbox/` (JSON; never subject to faults or counted):
 *   GET  /_sandbox/resources[?service=ec2&type=instance]  every live resource {service,type,id,state,tags,details}
 *   POST /_sandbox/reset                                  clear all resources, call counts and faults
 *   GET  /_sandbox/clock, POST /_sandbox/clock {"speed":N} | {"advanceMs":N}
 *   GET  /_sandbox/calls, DELETE /_sandbox/calls          API call counts by "service:Action"
 *   GET  /_sandbox/faults, POST /_sandbox/faults {throttleRate, serverErrorRate, insufficientCapacity,
 *        eniLingerMs, seed, throttleNext, serverErrorNext, eventualConsistencyMs, describeLagMs,
 *        afterActionRate, afterActionNext, afterActionEach, afterActionKinds, afterActionCalls}
 *        (the *Next counts fail exactly the next N calls, afterActionEach the first N of each action;
 *        eventualConsistencyMs hides fresh EC2 ids from by-id calls for that long, describeLagMs from
 *        listing Describes; afterAction* make the change, then answer a 5xx, a throttle or nothing)
 *   GET  /_sandbox/account                                quotas and the offerings taken away
 *   POST /_sandbox/quotas {vpcsPerRegion, applicationLoadBalancers, targetGroups, dbInstances, dbSubnetGroups,
 *        allocatedStorageGb}                               set quotas (a quota at the current usage is full)
 *   POST /_sandbox/offerings {removeInstanceTypes: [{instanceType, az?}],
 *        removeDbOfferings: [{instanceClass?, engineVersion?, az?}]}  take offerings away (see account.ts)
 *   GET  /_sandbox/health
 */
import { z } from 'zod';
import { offeringsInput, quotasInput } from './account';
import { AFTER_ACTION_KINDS } from './faults';
import type { World } from './world';

export interface AdminResponse {
  status: number;
  body: unknown;
}

const clockInput = z
  .object({ speed: z.number().min(0).optional(), advanceMs: z.number().min(0).optional() })
  .strict()
  .refine((v) => v.speed !== undefined || v.advanceMs !== undefined, 'give speed and/or advanceMs');

const faultsInput = z
  .object({
    throttleRate: z.number().min(0).max(1).optional(),
    serverErrorRate: z.number().min(0).max(1).optional(),
    insufficientCapacity: z
      .array(z.object({ instanceType: z.string().min(1), az: z.string().optional() }))
      .optional(),
    eniLingerMs: z.number().min(0).optional(),
    seed: z.number().int().optional(),
    throttleNext: z.number().int().min(0).optional(),
    eventualConsistencyMs: z.number().int().min(0).optional(),
    serverErrorNext: z.number().int().min(0).optional(),
    describeLagMs: z.number().int().min(0).optional(),
    afterActionRate: z.number().min(0).max(1).optional(),
    afterActionNext: z.number().int().min(0).optional(),
    afterActionEach: z.number().int().min(0).optional(),
    afterActionKinds: z.array(z.enum(AFTER_ACTION_KINDS)).min(1).optional(),
    afterActionCalls: z.array(z.string().regex(/^[a-z0-9-]+:(\*|[A-Za-z0-9]+)$/)).optional(),
  })
  .strict();

function parseBody(body: string): unknown {
  return body.trim() === '' ? {} : JSON.parse(body);
}

function clockState(world: World) {
  return {
    now: world.clock.now(),
    nowIso: new Date(world.clock.now()).toISOString(),
    speed: world.clock.speed,
  };
}

export function handleAdmin(world: World, method: string, url: URL, body: string): AdminResponse {
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /_sandbox/health':
        return { status: 200, body: { ok: true } };
      case 'GET /_sandbox/resources': {
        const service = url.searchParams.get('service');
        const type = url.searchParams.get('type');
        const resources = world
          .listResources()
          .filter((r) => (!service || r.service === service) && (!type || r.type === type));
        return { status: 200, body: { resources } };
      }
      case 'POST /_sandbox/reset':
        world.reset();
        return { status: 200, body: { ok: true } };
      case 'GET /_sandbox/clock':
        return { status: 200, body: clockState(world) };
      case 'POST /_sandbox/clock': {
        const input = clockInput.parse(parseBody(body));
        if (input.advanceMs !== undefined) world.clock.advance(input.advanceMs);
        if (input.speed !== undefined) world.clock.setSpeed(input.speed);
        return { status: 200, body: clockState(world) };
      }
      case 'GET /_sandbox/calls': {
        const calls = Object.fromEntries([...world.calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
        const total = [...world.calls.values()].reduce((a, b) => a + b, 0);
        return { status: 200, body: { calls, total } };
      }
      case 'DELETE /_sandbox/calls':
        world.calls.clear();
        return { status: 200, body: { ok: true } };
      case 'GET /_sandbox/faults':
        return { status: 200, body: world.faults.snapshot() };
      case 'POST /_sandbox/faults':
        world.faults.set(faultsInput.parse(parseBody(body)));
        return { status: 200, body: world.faults.snapshot() };
      case 'GET /_sandbox/account':
        return { status: 200, body: world.account.snapshot() };
      case 'POST /_sandbox/quotas':
        world.account.setQuotas(quotasInput.parse(parseBody(body)));
        return { status: 200, body: world.account.snapshot() };
      case 'POST /_sandbox/offerings':
        world.account.removeOfferings(offeringsInput.parse(parseBody(body)));
        return { status: 200, body: world.account.snapshot() };
      default:
        return { status: 404, body: { error: `no admin route ${route}` } };
    }
  } catch (err) {
    const message =
      err instanceof z.ZodError
        ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
        : String(err);
    return { status: 400, body: { error: message } };
  }
}
