import type { ApiKey, ApiKeyRole } from './api-model.ts';

export interface CreatedApiKey {
  /** The secret key: shown once, never stored. */
  key: string;
  apiKey: ApiKey;
}

/** API keys stored as hashes; Neo4jApiKeyStore is the production implementation. */
export interface ApiKeyStore {
  createKey(input: { role: ApiKeyRole; name?: string }): Promise<CreatedApiKey>;
  /** The key's record when it exists and is not revoked; records the use (at most once a minute). */
  authenticate(key: string): Promise<ApiKey | undefined>;
  listKeys(): Promise<ApiKey[]>;
  /** Revokes the key (idempotent); undefined when no key has that id. */
  revokeKey(id: string): Promise<ApiKey | undefined>;
}
