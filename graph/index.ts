/** Domain model types and zod schemas (design.md section 3). */

/** Typed errors of the graph layer, each with a one-line fix hint. */
export * from './errors.ts';
/** The GraphStore contract and its write/read records. */
export type * from './graph-store.ts';
/** Local Neo4j 5.26 Community management (fetch jars, start, stop, status). */
export * from './local-neo4j.ts';
export * from './model.ts';
export type { Neo4jConnection, Neo4jGraphStoreOptions } from './neo4j-graph-store.ts';
/** The Neo4j implementation of GraphStore and driver helpers. */
export { createNeo4jDriver, Neo4jGraphStore, toLuceneQuery, verifyNeo4j } from './neo4j-graph-store.ts';
