/**
 * Production's SDK retry budget (src/aws/clients.ts: DEFAULT_MAX_ATTEMPTS tries on throttling,
 * transient and 5xx errors) without its real-time backoff sleeps, so a suite on virtual time
 * does not wait seconds of wall clock per throttle. Which calls fail is the emulator's seeded RNG.
 */
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
