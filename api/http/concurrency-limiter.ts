import { HttpError } from './http-errors.ts';

/** A key already holds as many of something (chats, streams) as it may at once. */
export class TooManyConcurrentError extends HttpError {
  constructor(what: string, limit: number) {
    super(
      429,
      'TOO_MANY_CONCURRENT',
      `this API key already has ${limit} ${what} in progress (the limit per key); wait for one to finish`,
      { headers: { 'Retry-After': '1' }, details: { limit, what } },
    );
  }
}

/** How many of one thing each key holds right now, with a cap; in memory, per process. */
export class PerKeyConcurrencyLimiter {
  private readonly held = new Map<string, number>();
  private readonly limit: number;
  private readonly what: string;

  constructor(options: { limit: number; what: string }) {
    if (!(options.limit >= 1)) throw new RangeError('a concurrency limit must be at least 1');
    this.limit = options.limit;
    this.what = options.what;
  }

  /** Takes a slot for the key or throws TooManyConcurrentError; call the returned release exactly once. */
  acquire(key: string): () => void {
    const current = this.held.get(key) ?? 0;
    if (current >= this.limit) throw new TooManyConcurrentError(this.what, this.limit);
    this.held.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const remaining = (this.held.get(key) ?? 1) - 1;
      if (remaining <= 0) this.held.delete(key);
      else this.held.set(key, remaining);
    };
  }

  /** Slots the key holds (tests, metrics). */
  inUse(key: string): number {
    return this.held.get(key) ?? 0;
  }
}
