/**
 * AWS-looking ids (`vpc-0123456789abcdef0`: a prefix and 17 hex digits), deterministic from a
 * seed and a counter so runs are reproducible. The counter survives `reset`, so an id is never
 * reused within one emulator, as on AWS.
 */
import { createHash, randomUUID } from 'node:crypto';

export class IdGenerator {
  private counter = 0;

  constructor(private readonly seed = 'sitebot-sandbox') {}

  /** `prefix-` + `hexLength` hex digits (17 for modern EC2 ids, 8 for e.g. `sg-` in old accounts). */
  next(prefix: string, hexLength = 17): string {
    this.counter += 1;
    const hex = createHash('sha256').update(`${this.seed}:${prefix}:${this.counter}`).digest('hex');
    return `${prefix}-${hex.slice(0, hexLength)}`;
  }

  /** A random request id (UUID), as AWS returns. */
  requestId(): string {
    return randomUUID();
  }

  /** Deterministic hex of any length, e.g. for ARN suffixes and version ids. */
  hex(length: number): string {
    this.counter += 1;
    return createHash('sha256').update(`${this.seed}:hex:${this.counter}`).digest('hex').slice(0, length);
  }
}
