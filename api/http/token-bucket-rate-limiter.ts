export interface RateLimitDecision {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until one token is available again (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * In-memory token buckets, one per key: `capacity` tokens, refilled continuously at
 * `capacity / windowMs`. Per process only; a cluster needs a shared store.
 */
export class TokenBucketRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private readonly now: () => number;
  private readonly maxBuckets: number;

  constructor(options: { capacity: number; windowMs?: number; now?: () => number; maxBuckets?: number }) {
    if (!(options.capacity >= 1)) throw new RangeError('rate limit capacity must be at least 1');
    this.capacity = options.capacity;
    this.refillPerMs = options.capacity / (options.windowMs ?? 60_000);
    this.now = options.now ?? Date.now;
    this.maxBuckets = options.maxBuckets ?? 10_000;
  }

  take(key: string): RateLimitDecision {
    const now = this.now();
    const bucket = this.refill(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.store(key, bucket);
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    this.store(key, bucket);
    const waitMs = (1 - bucket.tokens) / this.refillPerMs;
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Number of buckets held (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.capacity, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt);
    return { tokens: Math.min(this.capacity, bucket.tokens + elapsed * this.refillPerMs), updatedAt: now };
  }

  private store(key: string, bucket: Bucket): void {
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size <= this.maxBuckets) return;
    // Full buckets carry no state; drop them first, then the least recently used.
    const now = this.now();
    for (const [candidate, value] of this.buckets) {
      if (this.buckets.size <= this.maxBuckets) return;
      if (this.refill(value, now).tokens >= this.capacity) this.buckets.delete(candidate);
    }
    for (const candidate of this.buckets.keys()) {
      if (this.buckets.size <= this.maxBuckets) return;
      this.buckets.delete(candidate);
    }
  }
}
