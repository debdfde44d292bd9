/**
 * "Cancel and destroy": the create was asked to stop and the request kept on the env
 * (`meta.pendingDestroy`). When that create run ends, this sink starts the teardown, shown in
 * the confirmation message that asked for it.
 */
import { english } from '../i18n/english';
import type { Run, StateStore } from '../state/types';
import type { PendingDestroy } from '../workflows/destroy/start';
import { startDestroy } from '../workflows/destroy/start';
import type { WorkflowService } from '../workflows/engine/service';
import type { ProgressSink, RunEvent } from '../workflows/engine/types';
import { confirmationOf } from './services/destroy';

export class PendingDestroyTrigger implements ProgressSink {
  constructor(
    private readonly options: {
      store: StateStore;
      /** Late-bound: the service is built after the sinks it is given. */
      service(): WorkflowService;
      now(): number;
      onError?(err: unknown): void;
    },
  ) {}

  async onRunUpdate(run: Run, event: RunEvent): Promise<void> {
    if (event.type !== 'finished' || run.kind !== 'create') return;
    const { store } = this.options;
    const env = await store.environments.get(run.env);
    const pending = env?.meta?.pendingDestroy as PendingDestroy | undefined;
    if (!env || !pending) return;
    const confirmation = confirmationOf(env);
    const result = await startDestroy(this.options.service(), store, {
      env: run.env,
      requestedBy: pending.requestedBy,
      channel: pending.channel,
      notify: {
        channel: pending.channel,
        ...(confirmation?.channel === pending.channel ? { messageTs: confirmation.ts } : {}),
      },
      now: this.options.now(),
    });
    if (result.status !== 'started') {
      this.options.onError?.(new Error(english(result.message)));
      return;
    }
    const latest = await store.environments.get(run.env);
    if (latest?.meta?.destroyConfirmation) {
      const { destroyConfirmation: _c, ...meta } = latest.meta;
      await store.environments.update(run.env, latest.version, { meta }).catch(() => undefined);
    }
  }
}

/** Several sinks as one: each is told in turn; one failing does not stop the others. */
export function fanOutSink(sinks: ProgressSink[], onError?: (err: unknown) => void): ProgressSink {
  return {
    async onRunUpdate(run, event) {
      for (const sink of sinks) {
        try {
          await sink.onRunUpdate(run, event);
        } catch (err) {
          onError?.(err);
        }
      }
    },
  };
}
