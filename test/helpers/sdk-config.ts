/**
 * SDK client settings for suites on the emulator's virtual time:
 * - ImmediateRetry: production's SDK retry budget (src/aws/clients.ts: DEFAULT_MAX_ATTEMPTS tries
 *   on throttling, transient and 5xx errors) without its real-time backoff sleeps, so a suite
 *   does not wait seconds of wall clock per throttle. Which calls fail is the emulator's seeded RNG.
 * - SameRealmHttpHandler: the SDK's Node HTTP handler, with socket errors made again in this
 *   realm. Jest runs tests in a vm context, so Node's own errors (a reset connection) fail the
 *   SDK's `instanceof Error` and it rethrows them as a bare wrapper that has lost their `code`;
 *   outside Jest they arrive intact, and this handler makes the tests see what production sees.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { DEFAULT_MAX_ATTEMPTS } from '../../src/aws/clients';

export class ImmediateRetry implements RetryStrategyV2 {
  constructor(private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return token(0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const next = previous.getRetryCount() + 1;
    if (info.errorType === 'CLIENT_ERROR' || next >= this.maxAttempts)
      throw info.error ?? new Error('retries exhausted');
    return token(next);
  }

  recordSuccess(): void {}
}

const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 0 });

export class SameRealmHttpHandler extends NodeHttpHandler {
  override async handle(
    ...args: Parameters<NodeHttpHandler['handle']>
  ): ReturnType<NodeHttpHandler['handle']> {
    try {
      return await super.handle(...args);
    } catch (err) {
      if (err instanceof Error || typeof err !== 'object' || err === null) throw err;
      const { name, message, code } = err as { name?: string; message?: string; code?: string };
      throw Object.assign(new Error(message), { name: name ?? 'Error', code });
    }
  }
}
