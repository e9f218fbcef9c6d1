/** Named, parameterised Cypher run by Neo4jProductStore. */

export const productHashes = `
MATCH (p:Product) WHERE p.id IN $ids
RETURN p.id AS id, p.contentHash AS contentHash`;

/**
 * Replaces each product's properties and outgoing catalog links, MERGing the entities it points to
 * (created entities get both their label and :Entity, like the ingestion writer's).
 */
export const upsertProducts = `
UNWIND $rows AS row
MERGE (p:Product {id: row.id})
SET p = row.props
WITH p, row
CALL (p) {
  OPTIONAL MATCH (p)-[old:MADE_OF|KNOWN_FOR|HAS_PROPERTY]->()
  DELETE old
}
CALL (p, row) {
  UNWIND row.materials AS ref
  MERGE (m:Material {id: ref.id})
  ON CREATE SET m:Entity, m.name = ref.name, m.aliases = [], m.aliasText = ''
  MERGE (p)-[r:MADE_OF]->(m)
  SET r.primary = ref.primary
}
CALL (p, row) {
  UNWIND row.applications AS ref
  MERGE (a:Application {id: ref.id})
  ON CREATE SET a:Entity, a.name = ref.name, a.aliases = [], a.aliasText = ''
  MERGE (p)-[:KNOWN_FOR]->(a)
}
CALL (p, row) {
  UNWIND row.properties AS ref
  MERGE (x:Property {id: ref.id})
  ON CREATE SET x:Entity, x.name = ref.name, x.aliases = [], x.aliasText = ''
  MERGE (p)-[:HAS_PROPERTY]->(x)
}`;

export const listProducts = `
MATCH (p:Product)
RETURN properties(p) AS product
ORDER BY toLower(p.name), p.id
SKIP $offset LIMIT $limit`;

export const getProduct = `
MATCH (p:Product {id: $id})
RETURN properties(p) AS product`;

export const findProduct = `
MATCH (p:Product)
WHERE toLower(p.id) = $key OR p.id = $slugId OR toLower(p.name) = $key
   OR any(alias IN coalesce(p.aliases, []) WHERE toLower(alias) = $key)
RETURN properties(p) AS product
ORDER BY CASE WHEN toLower(p.id) = $key OR p.id = $slugId THEN 0 WHEN toLower(p.name) = $key THEN 1 ELSE 2 END, p.id
LIMIT 1`;
