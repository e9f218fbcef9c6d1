/** Named, parameterised Cypher run by Neo4jApiKeyStore. */

export const apiKeySchemaStatements = [
  {
    name: 'apikey_hash_unique',
    cypher: 'CREATE CONSTRAINT apikey_hash_unique IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE',
  },
  {
    name: 'apikey_id_unique',
    cypher: 'CREATE CONSTRAINT apikey_id_unique IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE',
  },
];

const keyFields = 'k {.id, .name, .role, .createdAt, .lastUsedAt, .revokedAt}';

export const createApiKey = `
CREATE (k:ApiKey)
SET k = $row`;

export const findApiKeyByHash = `
MATCH (k:ApiKey {hash: $hash})
RETURN ${keyFields} AS key`;

export const touchApiKey = `
MATCH (k:ApiKey {id: $id})
WHERE k.lastUsedAt IS NULL OR k.lastUsedAt < $staleBefore
SET k.lastUsedAt = $now`;

export const listApiKeys = `
MATCH (k:ApiKey)
RETURN ${keyFields} AS key
ORDER BY k.createdAt, k.id`;

export const revokeApiKey = `
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, $now)
RETURN ${keyFields} AS key`;
