import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey, Neo4jApiKeyStore } from '../../graph/index.ts';
import { openTestStore } from '../support/graph.ts';

describe('Neo4jApiKeyStore', () => {
  const graph = openTestStore();
  let now = new Date('2026-01-01T00:00:00.000Z');
  const store = new Neo4jApiKeyStore(graph.driver, { now: () => now });
  beforeAll(() => graph.migrate());
  afterAll(() => graph.close());

  it('creates a key that authenticates, and stores only its hash', async () => {
    const { key, apiKey } = await store.createKey({ role: 'reviewer', name: 'ci' });
    expect(key).toMatch(/^msk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      id: expect.stringMatching(/^key_/),
      name: 'ci',
      role: 'reviewer',
      createdAt: now.toISOString(),
    });
    expect(await store.authenticate(key)).toMatchObject({ id: apiKey.id, role: 'reviewer' });

    const session = graph.driver.session();
    try {
      const record = (
        await session.run('MATCH (k:ApiKey {id: $id}) RETURN properties(k) AS p', { id: apiKey.id })
      ).records[0];
      const properties = record?.get('p') as Record<string, unknown>;
      expect(properties.hash).toBe(hashApiKey(key));
      // The secret is everything after 'msk_<id>_' (base64url may itself contain '_').
      const secret = key.split('_').slice(2).join('_');
      for (const value of Object.values(properties)) {
        expect(String(value)).not.toContain(secret.slice(0, 12));
        expect(String(value)).not.toContain(key);
      }
    } finally {
      await session.close();
    }
  });

  it('refuses unknown, malformed and revoked keys', async () => {
    const { key, apiKey } = await store.createKey({ role: 'researcher' });
    expect(await store.authenticate(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
    expect(await store.authenticate('not-a-key')).toBeUndefined();
    expect((await store.revokeKey(apiKey.id))?.revokedAt).toBe(now.toISOString());
    expect(await store.authenticate(key)).toBeUndefined();
    expect(await store.revokeKey('key_000000000000')).toBeUndefined();
  });

  it('records the last use at most once a minute and lists keys', async () => {
    const { key, apiKey } = await store.createKey({ role: 'engineer' });
    now = new Date('2026-01-01T00:10:00.000Z');
    await store.authenticate(key);
    now = new Date('2026-01-01T00:10:30.000Z');
    await store.authenticate(key);
    let listed = (await store.listKeys()).find((k) => k.id === apiKey.id);
    expect(listed?.lastUsedAt).toBe('2026-01-01T00:10:00.000Z');
    now = new Date('2026-01-01T00:11:01.000Z');
    await store.authenticate(key);
    listed = (await store.listKeys()).find((k) => k.id === apiKey.id);
    expect(listed?.lastUsedAt).toBe('2026-01-01T00:11:01.000Z');
    expect(listed).not.toHaveProperty('hash');
  });
});
