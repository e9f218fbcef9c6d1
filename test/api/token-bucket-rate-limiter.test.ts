import { describe, expect, it } from 'vitest';
import { TokenBucketRateLimiter } from '../../api/http/token-bucket-rate-limiter.ts';

describe('TokenBucketRateLimiter', () => {
  it('allows a burst up to capacity, then refuses with Retry-After until a token refills', () => {
    let now = 0;
    const limiter = new TokenBucketRateLimiter({ capacity: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, true]);
    const refused = limiter.take('k');
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 20 });
    now += 19_999;
    expect(limiter.take('k').allowed).toBe(false);
    now += 1;
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps one bucket per key', () => {
    const limiter = new TokenBucketRateLimiter({ capacity: 1, now: () => 0 });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('refills continuously and never above capacity', () => {
    let now = 0;
    const limiter = new TokenBucketRateLimiter({ capacity: 2, windowMs: 1000, now: () => now });
    limiter.take('k');
    limiter.take('k');
    now += 10_000;
    expect(limiter.take('k').remaining).toBe(1);
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k').allowed).toBe(false);
  });

  it('bounds its memory, dropping full buckets first', () => {
    let now = 0;
    const limiter = new TokenBucketRateLimiter({
      capacity: 1,
      windowMs: 1000,
      now: () => now,
      maxBuckets: 2,
    });
    limiter.take('a');
    now += 5000; // a is full again
    limiter.take('b');
    limiter.take('c');
    expect(limiter.size).toBe(2);
    // b and c are kept (empty buckets), so they are still limited.
    expect(limiter.take('b').allowed).toBe(false);
  });

  it('rejects a capacity below one', () => {
    expect(() => new TokenBucketRateLimiter({ capacity: 0 })).toThrow(RangeError);
  });
});
