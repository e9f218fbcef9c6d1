import { inject } from 'vitest';
import { createNeo4jDriver, type DocumentBundle, Neo4jGraphStore } from '../../graph/index.ts';

/** The environment that points matscout (a config, or a CLI child process) at the suite's Neo4j. */
export function testNeo4jEnv(): { NEO4J_URI: string; NEO4J_USER: string; NEO4J_PASSWORD: string } {
  return {
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: inject('neo4jUser'),
    NEO4J_PASSWORD: inject('neo4jPassword'),
  };
}

/** A store on the suite's real Neo4j (started by the global setup). */
export function openTestStore(options: { embeddingDimension?: number } = {}): Neo4jGraphStore {
  const driver = createNeo4jDriver({
    uri: inject('neo4jUri'),
    user: inject('neo4jUser'),
    password: inject('neo4jPassword'),
  });
  return new Neo4jGraphStore(driver, options);
}

let counter = 0;
/** A unique id prefix so tests never trample each other's data. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** `uniqueId` in lower-case letters and digits only, for names and ids built from it ("org:acme<suffix>"). */
export function uniqueSuffix(prefix: string): string {
  return uniqueId(prefix)
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase();
}

/** A news document of the test source, its text as given, in one chunk of the whole text. */
export function oneChunkNews(id: string, text: string): Pick<DocumentBundle, 'document' | 'chunks'> {
  return {
    document: {
      id,
      kind: 'news',
      title: id,
      text,
      publishedAt: '2025-01-01',
      language: 'en',
      source: 'test',
      contentHash: `hash-${id}`,
      ingestRunId: 'run-test',
      cpc: [],
      ipc: [],
      assignees: [],
      inventors: [],
    },
    chunks: [{ id: `${id}#0`, documentId: id, text, start: 0, end: text.length, section: 'body', index: 0 }],
  };
}

/** Removes the documents a test wrote, found by the unique suffix it put in their titles. */
export async function deleteDocumentsTitled(store: Neo4jGraphStore, suffix: string): Promise<void> {
  await store.driver.executeQuery('MATCH (d:Document) WHERE d.title CONTAINS $suffix DETACH DELETE d', {
    suffix,
  });
}
