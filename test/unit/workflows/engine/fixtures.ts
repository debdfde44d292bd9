/** Shared wiring for engine unit tests: memory store, manual clock and scheduler, runner, service. */
import type { RunKind } from '../../../../src/state/types';
import { ManualClock, ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner, type WorkflowRunnerOptions } from '../../../../src/workflows/engine/runner';
import { WorkflowService, type WorkflowServiceOptions } from '../../../../src/workflows/engine/service';
import type {
  ProgressSink,
  RunEvent,
  StepContext,
  StepDefinition,
  StepResult,
  WorkflowDefinition,
} from '../../../../src/workflows/engine/types';
import { createMemoryStore } from '../../../helpers/memory-store';

export const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);

export function step<Deps = unknown>(
  id: string,
  needs: string[],
  run: (ctx: StepContext<Deps>) => Promise<StepResult> = async () => ({ status: 'done' }),
): StepDefinition<Deps> {
  return { id, title: id, needs, run };
}

export function workflow<Deps = unknown>(
  steps: StepDefinition<Deps>[],
  extra: Partial<WorkflowDefinition<Deps>> = {},
  kind: RunKind = 'create',
): WorkflowDefinition<Deps> {
  return { kind, steps, ...extra };
}

export class RecordingSink implements ProgressSink {
  readonly events: { event: RunEvent; status: string; version: number }[] = [];
  onRunUpdate(run: { status: string; version: number }, event: RunEvent): void {
    this.events.push({ event, status: run.status, version: run.version });
  }
}

export function setup<Deps = unknown>(
  wf: WorkflowDefinition<Deps>,
  deps: Deps = {} as Deps,
  overrides: Partial<WorkflowRunnerOptions<Deps>> = {},
  serviceOverrides: Partial<WorkflowServiceOptions> = {},
) {
  const store = createMemoryStore();
  const clock = new ManualClock(T0);
  const scheduler = new ManualScheduler(clock);
  const sink = new RecordingSink();
  const workflows = { [wf.kind]: wf };
  const runner = new WorkflowRunner<Deps>({
    store,
    workflows,
    deps,
    scheduler,
    sink,
    clock,
    owner: 'runner-a',
    random: () => 0.5,
    retry: { baseMs: 1_000, maxMs: 10_000, maxAttempts: 3 },
    leaseMs: 30_000,
    ...overrides,
  });
  scheduler.attach(runner);
  let ids = 0;
  const service = new WorkflowService({
    store,
    workflows,
    scheduler,
    sink,
    clock,
    newRunId: (kind, env) => `${env}-${kind}-${++ids}`,
    ...serviceOverrides,
  });
  const start = (env = 'demo') =>
    service.startRun({ kind: wf.kind, env, requestedBy: 'U123', channel: 'C1', params: { ttl: '24h' } });
  const startOk = async (env = 'demo') => {
    const result = await start(env);
    if (!result.ok) throw new Error(JSON.stringify(result.message));
    return result.run;
  };
  return { store, clock, scheduler, sink, runner, service, start, startOk };
}

/** A promise the test resolves by hand. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
