/**
 * Memoises a pure function of a string with a bounded cache: ingestion meets the same words and
 * surfaces thousands of times, and the cache is emptied when it reaches `limit` entries so that memory
 * stays flat over a backfill. Only for functions whose result is immutable (strings, numbers,
 * booleans, null or frozen values): every caller gets the same result object.
 */
export function boundedMemo<T>(fn: (key: string) => T, limit = 100_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string): T => {
    const cached = cache.get(key);
    if (cached !== undefined || cache.has(key)) return cached as T;
    const value = fn(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
