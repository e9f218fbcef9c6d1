import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BulkImportError,
  BulkImportGraph,
  createNeo4jDriver,
  exportGraph,
  importIntoStoppedNeo4j,
  restoreEmptyLists,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../../graph/index.ts';
import { OrganizationNameResolver } from '../../graph/organization-names.ts';
import { freePort } from '../support/free-port.ts';

/**
 * The importer's side of the bulk path, on its own local Neo4j (the import needs the server stopped):
 * what the graph held before goes through CSV and `neo4j-admin database import` with every value as it
 * was (integers and floats, dates, empty lists, quotes, commas and line breaks in text), and a failed
 * import puts the store before it back.
 */
describe('the bulk import of a graph', () => {
  let home: string;
  let port: number;
  let driver: Driver;
  const open = () => {
    driver = createNeo4jDriver(
      { uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: 'neo4j' },
      { losslessIntegers: true },
    );
  };
  /** Nodes and relationships with their values, as sorted lines (element ids left out). */
  const snapshot = async () => {
    const { records } = await driver.executeQuery(`
MATCH (n) OPTIONAL MATCH (n)-[r]->(m)
RETURN labels(n) AS labels, properties(n) AS properties, type(r) AS type, properties(r) AS link, m.id AS to
ORDER BY n.id, to`);
    return records.map((record) => {
      const typed = (value: Record<string, unknown> | null) =>
        value &&
        Object.fromEntries(
          Object.entries(value)
            .sort()
            .map(([key, v]) => [
              key,
              neo4j.isInt(v)
                ? `int ${v}`
                : typeof v === 'number'
                  ? `float ${v}`
                  : Array.isArray(v)
                    ? v
                    : String(v),
            ]),
        );
      return JSON.stringify([
        record.get('labels'),
        typed(record.get('properties')),
        record.get('type'),
        typed(record.get('link')),
        record.get('to'),
      ]);
    });
  };

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'matscout-bulk-import-'));
    port = await freePort();
    await startLocalNeo4j({ home, port, log: () => {} });
    open();
    await driver.executeQuery(`
CREATE (a:Product:Thing {id: 'p1', name: 'Film "A", grade 2\nsecond line', count: 3, ratio: 1.0, share: 0.25,
  tags: ['x', 'y;z', 'with, comma'], none: [], numbers: [1, 2], at: datetime('2026-12-05T01:02:03Z'), day: date('2026-12-05'),
  ok: true, blank: ''})
CREATE (b:Note {id: 'n1', text: 'back\\\\slash and "quotes"'})
CREATE (c {note: 'no label, no id'})
CREATE (a)-[:ABOUT {weight: 2, score: 0.5, empty: []}]->(b)
CREATE (b)-[:SEE]->(c)`);
  }, 180_000);

  afterAll(async () => {
    await driver?.close();
    await stopLocalNeo4j(home);
    await rm(home, { recursive: true, force: true });
  });

  it('carries every node, relationship and value through the import', async () => {
    const before = await snapshot();
    const existing = await exportGraph(driver, undefined);
    const graph = new BulkImportGraph(existing, new OrganizationNameResolver([]), path.join(home, 'bulk'));
    const files = await graph.writeFiles(existing);
    expect(files.emptyLists).toEqual({ nodes: 1, relationships: 1 });
    await driver.close();
    await stopLocalNeo4j(home);
    await importIntoStoppedNeo4j({ home, files, reportFile: path.join(home, 'import.report') });
    await startLocalNeo4j({ home, port, log: () => {} });
    open();
    await restoreEmptyLists(driver, undefined, files.emptyLists);
    expect(await snapshot()).toEqual(before);
    expect(before).toHaveLength(3);
  }, 180_000);

  it('refuses, before any document is read, a value the importer cannot carry', async () => {
    const existing = await exportGraph(driver, undefined);
    const withPoint = {
      ...existing,
      nodes: [
        ...existing.nodes,
        { key: 'Lpoint', labels: ['Place'], properties: { at: new neo4j.types.Point(7203, 1, 2) } },
      ],
    };
    const graph = new BulkImportGraph(
      withPoint,
      new OrganizationNameResolver([]),
      path.join(home, 'bulk-point'),
    );
    await expect(graph.checkImportable(withPoint)).rejects.toBeInstanceOf(BulkImportError);
    await expect(graph.checkImportable(withPoint)).rejects.toThrow(
      /property at: a value of a type the import cannot carry/,
    );
    await expect(
      new BulkImportGraph(
        existing,
        new OrganizationNameResolver([]),
        path.join(home, 'bulk-ok'),
      ).checkImportable(existing),
    ).resolves.toBeUndefined();
  });

  it('puts the store back when the import fails', async () => {
    const before = await snapshot();
    await driver.close();
    await stopLocalNeo4j(home);
    const failed = importIntoStoppedNeo4j({
      home,
      files: { nodes: [`Thing=${path.join(home, 'missing.csv')}`], relationships: [] },
      reportFile: path.join(home, 'import.report'),
    });
    await expect(failed).rejects.toBeInstanceOf(BulkImportError);
    await expect(failed).rejects.toThrow(/neo4j-admin import failed/);
    await startLocalNeo4j({ home, port, log: () => {} });
    open();
    expect(await snapshot()).toEqual(before);
  }, 180_000);
});
