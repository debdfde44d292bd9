/**
 * One tick's handle on a run: the latest stored copy plus a queue that applies changes one at
 * a time with version-checked saves. Concurrent steps of the same tick therefore never race
 * each other, and a write that loses to someone else (cancelRun, a late runner) reloads the
 * run and re-applies the same change to it, so no step result is ever dropped.
 */
import { ConflictError, type Run, type RunsRepository } from '../../state/types';

/** A change to a run; applied to a fresh copy, possibly more than once after conflicts. */
export type RunMutation = (run: Run) => void;

const MAX_CONFLICT_RETRIES = 8;

export class RunSession {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runs: RunsRepository,
    private latest: Run,
    /** Called before every write; the crash harness throws from here. */
    private readonly beforeWrite: (reason: string) => void,
    private readonly now: () => number,
  ) {}

  get run(): Run {
    return this.latest;
  }

  /** Queue `mutate` after earlier changes; resolves with the stored run once it is saved. */
  apply(reason: string, mutate: RunMutation): Promise<Run> {
    const next = this.queue.then(() => this.save(reason, mutate));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async save(reason: string, mutate: RunMutation): Promise<Run> {
    for (let attempt = 0; ; attempt++) {
      const draft = structuredClone(this.latest);
      mutate(draft);
      draft.updatedAt = Math.max(draft.updatedAt, this.now());
      this.beforeWrite(reason);
      try {
        this.latest = await this.runs.save(draft);
        return this.latest;
      } catch (err) {
        if (!(err instanceof ConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw err;
        const fresh = await this.runs.get(this.latest.runId);
        if (!fresh) throw new Error(`run ${this.latest.runId} disappeared while saving (${reason})`);
        this.latest = fresh;
      }
    }
  }
}
