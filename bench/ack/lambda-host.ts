/**
 * Plays the Lambda runtime for bench/ack's Lambda mode: loads a bundled handler (the file of a
 * packaged .serverless zip) with the environment it was forked with, then invokes it for every
 * event its parent sends, one container serving concurrent invocations. Reports how long each
 * invocation took, from the call to the resolved answer, measured here (not across IPC).
 */
import { performance } from 'node:perf_hooks';

interface Invoke {
  id: number;
  event: unknown;
  /** The function's timeout, for context.getRemainingTimeInMillis(). */
  timeoutMs: number;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle built for Lambda's CommonJS loader
const { handler } = require(process.argv[2]) as { handler: Handler };

process.on('message', (m: Invoke) => {
  const started = performance.now();
  const deadline = Date.now() + m.timeoutMs;
  const context = { getRemainingTimeInMillis: () => deadline - Date.now() };
  handler(m.event, context).then(
    (result) => process.send?.({ id: m.id, ms: performance.now() - started, result }),
    (err: unknown) =>
      process.send?.({
        id: m.id,
        ms: performance.now() - started,
        error: err instanceof Error ? err.message : String(err),
      }),
  );
});
process.send?.({ ready: true });
