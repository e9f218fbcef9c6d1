import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './api-test-app.ts';

describe('rate limiting over HTTP', () => {
  let app: TestApp;
  let now = new Date('2026-03-01T00:00:00.000Z');
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' }, deps: { clock: () => now } });
  });
  afterAll(() => app?.close());

  const get = (key: string) =>
    fetch(`${app.url}/v1/products?limit=1`, { headers: { authorization: `Bearer ${key}` } });

  it('answers 429 with Retry-After once a key spent its bucket; other keys are unaffected; tokens refill', async () => {
    const key = await app.keyFor('researcher');
    for (let i = 0; i < 3; i++) expect((await get(key)).status).toBe(200);
    const limited = await get(key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect(await limited.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: 'rate limit exceeded; retry in 20 s',
        details: { retryAfterSeconds: 20 },
      },
    });
    const other = await app.keyFor('researcher');
    expect((await get(other)).status).toBe(200);
    now = new Date(now.getTime() + 20_000);
    expect((await get(key)).status).toBe(200);
    expect((await get(key)).status).toBe(429);
  });

  it('limits failed authentication attempts per address, so keys cannot be guessed quickly', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await fetch(`${app.url}/v1/products`, { headers: { authorization: 'Bearer guess' } })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Health stays reachable.
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });
});
