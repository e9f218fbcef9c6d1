import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Neo4jEvidenceReader, type Neo4jGraphStore } from '../../graph/index.ts';
import { openTestStore, uniqueSuffix } from '../support/graph.ts';
import { namedAfterId, useDocument } from '../support/use-document.ts';

describe('Neo4jEvidenceReader', () => {
  let store: Neo4jGraphStore;
  const suffix = uniqueSuffix('ev');
  const material = namedAfterId(`material:evpolymer${suffix}`);
  const lenses = namedAfterId(`application:evlenses${suffix}`);
  const vials = namedAfterId(`application:evvials${suffix}`);
  const older = useDocument({
    id: `patent:ev-${suffix}-1`,
    kind: 'patent',
    material,
    application: lenses,
    date: '2019-04-02',
  });
  const newer = useDocument({ id: `news:ev-${suffix}-2`, material, application: vials, date: '2023-06-30' });
  // The same pair stated as not suitable (negative) and as replaced: neither supports the use.
  const gloves = namedAfterId(`application:evgloves${suffix}`);
  const notSupporting = (['negative', 'replaced'] as const).map((polarity, i) => {
    const bundle = useDocument({
      id: `news:ev-${suffix}-n${i}`,
      material,
      application: gloves,
      date: `2021-01-0${i + 1}`,
    });
    return { ...bundle, facts: bundle.facts.map((fact) => ({ ...fact, polarity })) };
  });

  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
    await store.writeDocuments([older, newer, ...notSupporting]);
  });
  afterAll(async () => {
    await store.close();
  });

  const ours = <Row extends { documentId: string }>(rows: readonly Row[]): Row[] =>
    rows.filter((row) => row.documentId.includes(`-${suffix}-`));

  it('reads each USED_IN evidence span with its document, and the entities each document names', async () => {
    const rows = await new Neo4jEvidenceReader(store.driver).readEvidence();
    const fact = older.facts[0]?.evidence[0];
    expect(ours(rows.coMentions)).toEqual(
      expect.arrayContaining([
        {
          materialId: material.id,
          applicationId: lenses.id,
          documentId: older.document.id,
          kind: 'patent',
          publishedAt: '2019-04-02',
          assignees: [],
          confidence: 0.8,
          chunkId: fact?.chunkId,
          start: fact?.start,
          end: fact?.end,
        },
      ]),
    );
    expect(ours(rows.coMentions)).toHaveLength(2);
    // The rationale names materials as the vocabulary does.
    expect(rows.materialNames?.[material.id]).toBe(material.name);
    expect(
      ours(rows.mentions)
        .filter((row) => row.documentId === older.document.id || row.documentId === newer.document.id)
        .map((row) => `${row.entityType} ${row.entityId} ${row.documentId}`)
        .sort(),
    ).toEqual(
      [
        `application ${lenses.id} ${older.document.id}`,
        `application ${vials.id} ${newer.document.id}`,
        `material ${material.id} ${newer.document.id}`,
        `material ${material.id} ${older.document.id}`,
      ].sort(),
    );
  });

  it('leaves out documents published after asOf', async () => {
    const rows = await new Neo4jEvidenceReader(store.driver).readEvidence({ asOf: '2020-12-31' });
    expect(ours(rows.coMentions).map((row) => row.documentId)).toEqual([older.document.id]);
    expect(new Set(ours(rows.mentions).map((row) => row.documentId))).toEqual(new Set([older.document.id]));
  });

  it('never reads negative or replaced facts as support, in the evidence or in the fast path', async () => {
    const rows = await new Neo4jEvidenceReader(store.driver).readEvidence();
    expect(ours(rows.coMentions).filter((row) => row.applicationId === gloves.id)).toEqual([]);
    // Both documents still name the material and the application.
    expect(ours(rows.mentions).filter((row) => row.entityId === gloves.id)).toHaveLength(2);
    const session = store.driver.session();
    try {
      const result = await session.run(
        `MATCH (:Material {id: $material})-[u:USED_IN]->(a:Application) WHERE a.id IN [$lenses, $gloves]
         RETURN a.id AS id, u.docCount AS docCount`,
        { material: material.id, lenses: lenses.id, gloves: gloves.id },
      );
      expect(result.records.map((record) => [record.get('id'), Number(record.get('docCount'))])).toEqual([
        [lenses.id, 1],
      ]);
    } finally {
      await session.close();
    }
  });
});
