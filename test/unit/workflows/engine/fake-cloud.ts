/**
 * A toy cloud for engine tests: it counts creates per kind, finds resources by client token
 * (the idempotency AWS offers through ClientToken / deterministic names / tags), and makes
 * resources "available" only after a delay on the test's clock, so steps have to wait.
 */
import type { Clock } from '../../../../src/workflows/engine/clock';
import type { StepDefinition } from '../../../../src/workflows/engine/types';

interface Resource {
  id: string;
  kind: string;
  token: string;
  readyAt: number;
}

export class FakeCloud {
  private readonly resources: Resource[] = [];

  constructor(private readonly clock: Clock) {}

  create(kind: string, token: string, readyInMs = 0): string {
    const id = `${kind}-${this.resources.length + 1}`;
    this.resources.push({ id, kind, token, readyAt: this.clock.now() + readyInMs });
    return id;
  }

  findByToken(token: string): string | undefined {
    return this.resources.find((r) => r.token === token)?.id;
  }

  isReady(id: string): boolean {
    const r = this.resources.find((x) => x.id === id);
    if (!r) throw new Error(`no such resource ${id}`);
    return r.readyAt <= this.clock.now();
  }

  count(kind: string): number {
    return this.resources.filter((r) => r.kind === kind).length;
  }

  kinds(): string[] {
    return [...new Set(this.resources.map((r) => r.kind))].sort();
  }
}

export interface CloudDeps {
  cloud: FakeCloud;
}

/**
 * An idempotent create step in the shape real steps have: find by recorded id, else by token;
 * create only when missing and record the id at once; then wait until it is available.
 * `idempotent: false` skips the token lookup, to show the crash tests can catch duplicates.
 */
export function createStep(
  id: string,
  needs: string[],
  options: { readyInMs?: number; pollMs?: number; idempotent?: boolean } = {},
): StepDefinition<CloudDeps> {
  return {
    id,
    title: `Create ${id}`,
    needs,
    async run(ctx) {
      const token = `${ctx.runId}:${id}`;
      let resourceId = ctx.own.id as string | undefined;
      if (!resourceId && options.idempotent !== false) resourceId = ctx.deps.cloud.findByToken(token);
      if (!resourceId) {
        resourceId = ctx.deps.cloud.create(id, token, options.readyInMs ?? 0);
        await ctx.record({ id: resourceId });
      }
      if (!ctx.deps.cloud.isReady(resourceId)) {
        return {
          status: 'wait',
          retryInMs: options.pollMs ?? 5_000,
          note: `${id}: creating`,
          outputs: { id: resourceId },
        };
      }
      return { status: 'done', outputs: { id: resourceId } };
    },
  };
}
