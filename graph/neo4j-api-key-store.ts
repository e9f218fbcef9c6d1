import type { Driver } from 'neo4j-driver';
import { generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret.ts';
import type { ApiKeyStore, CreatedApiKey } from './api-key-store.ts';
import type { ApiKey, ApiKeyRole } from './api-model.ts';
import * as q from './neo4j-api-key-queries.ts';
import { Neo4jSessionStore, type Neo4jStoreOptions, withoutUndefined } from './neo4j-session.ts';

export interface Neo4jApiKeyStoreOptions extends Neo4jStoreOptions {
  now?: () => Date;
}

/** Uses are recorded at most this often per key, so authentication is a read on most requests. */
const touchIntervalMs = 60_000;

function toApiKey(value: Record<string, unknown>): ApiKey {
  return withoutUndefined(
    Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, entry ?? undefined])),
  ) as ApiKey;
}

/** ApiKeyStore on Neo4j: `(:ApiKey {id, name, role, hash, createdAt, lastUsedAt?, revokedAt?})`. */
export class Neo4jApiKeyStore extends Neo4jSessionStore implements ApiKeyStore {
  private readonly now: () => Date;

  constructor(driver: Driver, options: Neo4jApiKeyStoreOptions = {}) {
    super(driver, options);
    this.now = options.now ?? (() => new Date());
  }

  async createKey(input: { role: ApiKeyRole; name?: string }): Promise<CreatedApiKey> {
    const { id, key } = generateApiKey();
    const apiKey: ApiKey = {
      id,
      name: input.name?.trim() || id,
      role: input.role,
      createdAt: this.now().toISOString(),
    };
    await this.write((tx) => tx.run(q.createApiKey, { row: { ...apiKey, hash: hashApiKey(key) } }));
    return { key, apiKey };
  }

  async authenticate(key: string): Promise<ApiKey | undefined> {
    if (!looksLikeApiKey(key)) return undefined;
    const hash = hashApiKey(key);
    const record = await this.read(async (tx) => {
      const found = (await tx.run(q.findApiKeyByHash, { hash })).records[0];
      return found ? toApiKey(found.get('key')) : undefined;
    });
    if (!record || record.revokedAt) return undefined;
    const now = this.now();
    const staleBefore = new Date(now.getTime() - touchIntervalMs).toISOString();
    if (!record.lastUsedAt || record.lastUsedAt < staleBefore) {
      await this.write((tx) => tx.run(q.touchApiKey, { id: record.id, now: now.toISOString(), staleBefore }));
      record.lastUsedAt = now.toISOString();
    }
    return record;
  }

  async listKeys(): Promise<ApiKey[]> {
    return this.read(async (tx) => (await tx.run(q.listApiKeys)).records.map((r) => toApiKey(r.get('key'))));
  }

  async revokeKey(id: string): Promise<ApiKey | undefined> {
    return this.write(async (tx) => {
      const record = (await tx.run(q.revokeApiKey, { id, now: this.now().toISOString() })).records[0];
      return record ? toApiKey(record.get('key')) : undefined;
    });
  }
}
