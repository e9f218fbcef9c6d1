import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  graphSchemaStatements,
  graphSchemaVersion,
  migrateGraphSchema,
  Neo4jScheduleStore,
  Neo4jSourceStore,
  readGraphSchemaVersion,
} from '../../graph/index.ts';
import { openTestStore, uniqueId } from '../support/graph.ts';

describe('the graph schema module', () => {
  const store = openTestStore();
  const { driver } = store;
  const schemaNames = async () => {
    const constraints = await driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN name');
    const indexes = await driver.executeQuery('SHOW INDEXES YIELD name RETURN name');
    return [...constraints.records, ...indexes.records].map((r) => String(r.get('name')));
  };
  beforeAll(() => migrateGraphSchema(driver));
  afterAll(() => store.close());

  it('names each statement once, and every statement is idempotent', () => {
    const statements = graphSchemaStatements({ embeddingDimension: 8 });
    const names = statements.map((statement) => statement.name);
    expect(new Set(names).size).toBe(names.length);
    for (const statement of statements) {
      expect(statement.cypher).toContain(`${statement.name} IF NOT EXISTS`);
    }
  });

  it('holds the constraints that the stores used to create themselves', async () => {
    expect(await schemaNames()).toEqual(
      expect.arrayContaining([
        'apikey_hash_unique',
        'apikey_id_unique',
        'auditevent_id_unique',
        'audit_event_target_id',
        'lease_key_unique',
        'runjob_run_id_unique',
        'ingestsource_id_unique',
        'ingestschedule_id_unique',
      ]),
    );
  });

  it('records its version, and a second run creates nothing', async () => {
    const again = await migrateGraphSchema(driver);
    expect(again.created).toEqual([]);
    expect(again.version).toBe(graphSchemaVersion);
    expect(await readGraphSchemaVersion(driver)).toBe(graphSchemaVersion);
  });

  it('constrains the labels the source and schedule stores write', async () => {
    const at = '2026-01-01T00:00:00.000Z';
    const sourceId = uniqueId('source');
    await new Neo4jSourceStore(driver).saveSource({
      id: sourceId,
      name: 'a folder',
      spec: { type: 'folder', path: '/tmp' },
      cursor: {},
      createdAt: at,
      updatedAt: at,
    });
    const scheduleId = uniqueId('schedule');
    await new Neo4jScheduleStore(driver).saveSchedule({
      id: scheduleId,
      cron: '0 3 * * *',
      sourceId,
      enabled: false,
      createdAt: at,
      updatedAt: at,
    });
    await expect(driver.executeQuery('CREATE (:IngestSource {id: $id})', { id: sourceId })).rejects.toThrow(
      /already exists/,
    );
    await expect(
      driver.executeQuery('CREATE (:IngestSchedule {id: $id})', { id: scheduleId }),
    ).rejects.toThrow(/already exists/);
    await driver.executeQuery('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', {
      ids: [sourceId, scheduleId],
    });
  });

  it('drops the retired constraints on labels no store writes', async () => {
    await driver.executeQuery(
      'CREATE CONSTRAINT source_id_unique IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE',
    );
    expect(await schemaNames()).toContain('source_id_unique');
    await migrateGraphSchema(driver);
    expect(await schemaNames()).not.toContain('source_id_unique');
  });
});
