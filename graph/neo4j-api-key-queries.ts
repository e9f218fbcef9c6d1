/** Named, parameterised Cypher run by Neo4jApiKeyStore. */

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
