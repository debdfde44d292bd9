/** Token buckets on a clock the test drives: no real time passes. */
import { RateLimiter, SLACK_RATE_RULES } from '../../../../src/sandbox/slack/rate-limits';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('RateLimiter', () => {
  it('chat.postMessage: a short burst per channel, then about one a second with Retry-After', () => {
    const c = clock();
    const limiter = new RateLimiter(c.now);
    const burst = SLACK_RATE_RULES['chat.postMessage'].burst;
    for (let i = 0; i < burst; i++) expect(limiter.take('chat.postMessage', 'C1')).toEqual({ ok: true });
    expect(limiter.take('chat.postMessage', 'C1')).toEqual({ ok: false, retryAfterSec: 1 });
    c.advance(999);
    expect(limiter.take('chat.postMessage', 'C1').ok).toBe(false);
    c.advance(1);
    expect(limiter.take('chat.postMessage', 'C1')).toEqual({ ok: true });
    expect(limiter.take('chat.postMessage', 'C1').ok).toBe(false);
  });

  it('chat.postMessage limits each channel on its own', () => {
    const limiter = new RateLimiter(clock().now);
    const burst = SLACK_RATE_RULES['chat.postMessage'].burst;
    for (let i = 0; i < burst; i++) limiter.take('chat.postMessage', 'C1');
    expect(limiter.take('chat.postMessage', 'C1').ok).toBe(false);
    expect(limiter.take('chat.postMessage', 'C2').ok).toBe(true);
  });

  it('chat.update (Tier 3): 50 per minute across the workspace, whatever the channel', () => {
    const c = clock();
    const limiter = new RateLimiter(c.now);
    for (let i = 0; i < 50; i++) expect(limiter.take('chat.update', `C${i}`).ok).toBe(true);
    const refused = limiter.take('chat.update', 'C99');
    // One call earned back every 1.2 s: Retry-After rounds up to whole seconds.
    expect(refused).toEqual({ ok: false, retryAfterSec: 2 });
    c.advance(1200);
    expect(limiter.take('chat.update', 'C99').ok).toBe(true);
  });

  it('a full minute refills a bucket, but never past its burst', () => {
    const c = clock();
    const limiter = new RateLimiter(c.now);
    for (let i = 0; i < 50; i++) limiter.take('chat.update', 'C1');
    c.advance(60 * 60_000);
    for (let i = 0; i < 50; i++) expect(limiter.take('chat.update', 'C1').ok).toBe(true);
    expect(limiter.take('chat.update', 'C1').ok).toBe(false);
  });

  it('methods without a rule are not limited', () => {
    const limiter = new RateLimiter(clock().now);
    for (let i = 0; i < 1000; i++) expect(limiter.take('auth.test', '').ok).toBe(true);
  });
});
