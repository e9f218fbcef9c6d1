import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  migrateGraphSchema,
  Neo4jAnalyticsReader,
  Neo4jDocumentRetractor,
  type Neo4jGraphStore,
} from '../../graph/index.ts';
import { type AggregateWorld, makeAggregateWorld, seedAggregateWorld } from '../support/aggregate-world.ts';
import { openTestStore } from '../support/graph.ts';

describe('assignee links and the analytics reader on the real Neo4j', () => {
  let store: Neo4jGraphStore;
  let world: AggregateWorld;
  let reader: Neo4jAnalyticsReader;

  const rows = async (cypher: string, parameters: Record<string, unknown> = {}) =>
    (await store.driver.executeQuery(cypher, parameters)).records.map((record) => record.toObject());
  const assigneesOf = async (documentId: string) =>
    (
      await rows(
        'MATCH (:Document {id: $id})-[:ASSIGNED_TO]->(o:Organization) RETURN o.id AS id, o.name AS name ORDER BY id',
        { id: documentId },
      )
    ).map((row) => `${row.id}|${row.name}`);

  beforeAll(async () => {
    store = openTestStore();
    world = makeAggregateWorld();
    await seedAggregateWorld(store, world);
    reader = new Neo4jAnalyticsReader(store.driver);
  });
  afterAll(async () => {
    await store.close();
  });

  it('links every patent to its assignees, spellings and legal forms normalised to one organisation', async () => {
    const [d1, d2, d3] = world.documentIds;
    const acme = `org:acme${world.suffix}-chemicals|Acme${world.suffix} Chemicals`;
    const beta = `org:beta${world.suffix}-polymers|Beta${world.suffix} Polymers`;
    // "ACME… CHEMICALS, INC." and "Acme… Chemicals Inc": one organisation, title-cased, legal form cut.
    expect(await assigneesOf(d1 as string)).toEqual([acme]);
    expect(await assigneesOf(d2 as string)).toEqual([acme, beta]);
    expect(await assigneesOf(d3 as string)).toEqual([beta]);
    const [names] = await rows(
      'MATCH (o:Organization {id: $id}) RETURN o.assigneeNames AS names, o.aliases AS aliases',
      {
        id: `org:acme${world.suffix}-chemicals`,
      },
    );
    expect([...((names?.names ?? []) as string[])].sort()).toEqual([...world.acme].sort());
    expect(names?.aliases).toEqual([]);
  });

  it('the migration backfills patents stored without links, and only those', async () => {
    const id = `doc:agg-${world.suffix}-legacy`;
    await store.driver.executeQuery(
      "CREATE (:Document {id: $id, kind: 'patent', title: 'legacy', text: 'legacy', assignees: $assignees})",
      { id, assignees: [`Kabushiki Kaisha Delta${world.suffix}`, 'Mitsui Petrochemical Industries, Ltd.'] },
    );
    expect(await assigneesOf(id)).toEqual([]);
    // A graph migrated since version 6 has every patent linked: the backfill does not read them again.
    expect((await migrateGraphSchema(store.driver)).assigneeLinks).toBe(0);
    expect(await assigneesOf(id)).toEqual([]);
    // A graph recorded at version 5 (e.g. restored from an older backup) is backfilled.
    await store.driver.executeQuery("MATCH (v:SchemaVersion {id: 'graph'}) SET v.version = 5");
    const report = await migrateGraphSchema(store.driver);
    expect(report.assigneeLinks).toBeGreaterThanOrEqual(2);
    // A renamed company (bundled data file) resolves to its current name.
    expect(await assigneesOf(id)).toEqual([
      `org:delta${world.suffix}|Delta${world.suffix}`,
      'org:mitsui-chemicals|Mitsui Chemicals',
    ]);
    expect((await migrateGraphSchema(store.driver)).assigneeLinks).toBe(0);
    await store.driver.executeQuery('MATCH (d:Document {id: $id}) DETACH DELETE d', { id });
  });

  it('landscape: assignees with patent counts and first/last years, news organisations', async () => {
    const coc = await reader.landscape(world.id.coc as string, { limit: 10 });
    expect(coc.documents).toEqual({ patent: 2 });
    expect(coc.patentsWithoutAssignee).toBe(0);
    expect(coc.assignees.map(({ example: _e, ...organization }) => organization)).toEqual([
      {
        id: `org:acme${world.suffix}-chemicals`,
        name: `Acme${world.suffix} Chemicals`,
        documents: 2,
        firstYear: '2091',
        lastYear: '2093',
      },
      {
        id: `org:beta${world.suffix}-polymers`,
        name: `Beta${world.suffix} Polymers`,
        documents: 1,
        firstYear: '2093',
        lastYear: '2093',
      },
    ]);
    // The example is the newest patent's mention of the material.
    expect(coc.assignees[0]?.example?.chunk.document.id).toBe(world.documentIds[1]);

    const syringe = await reader.landscape(world.id.syringe as string, { limit: 10 });
    expect(syringe.documents).toEqual({ patent: 2, news: 3 });
    expect(syringe.assignees.map((organization) => [organization.name, organization.documents])).toEqual([
      [`Beta${world.suffix} Polymers`, 1],
      [`Acme${world.suffix} Chemicals`, 1],
    ]);
    expect(
      syringe.newsOrganizations.map((organization) => [
        organization.id,
        organization.documents,
        organization.firstYear,
      ]),
    ).toEqual([[world.id.gamma, 1, '2095']]);
  });

  it('landscape: organisations that PRODUCES facts say make the material', async () => {
    const pp = await reader.landscape(world.id.pp as string, { limit: 10 });
    expect(
      pp.producers.map(({ example, ...organization }) => [organization, example?.chunk.document.id]),
    ).toEqual([
      [
        { id: world.id.gamma, name: world.name.gamma, documents: 1, firstYear: '2095', lastYear: '2095' },
        world.documentIds[3],
      ],
    ]);
  });

  it('landscape: inventors of the patents that name no assignee', async () => {
    const pe = await reader.landscape(world.id.pe as string, { limit: 10 });
    expect(pe.assignees).toEqual([]);
    expect(pe.patentsWithoutAssignee).toBe(1);
    expect(pe.inventors.map(({ example: _e, ...inventor }) => inventor)).toEqual([
      {
        id: `inventor:dana roe${world.suffix}`,
        name: `Dana Roe${world.suffix}`,
        documents: 1,
        firstYear: '2095',
        lastYear: '2095',
      },
    ]);
  });

  it('trends: growth of dated mentions, recent window against the one before, undated counted apart', async () => {
    const trends = await reader.trends({
      label: 'Application',
      window: 3,
      until: 2096,
      minimumRecent: 1,
      limit: 50,
    });
    expect(trends.recentWindow).toEqual({ from: 2094, to: 2096 });
    expect(trends.previousWindow).toEqual({ from: 2091, to: 2093 });
    const expected = await rows(
      `UNWIND $ids AS id
       MATCH (a:Application {id: id})<-[:MENTIONS]-(:Chunk)-[:PART_OF]->(d:Document)
       WITH a, collect(DISTINCT d) AS docs
       RETURN a.id AS id,
              size([d IN docs WHERE d.publishedAt >= '2094' AND d.publishedAt < '2097']) AS recent,
              size([d IN docs WHERE d.publishedAt >= '2091' AND d.publishedAt < '2094']) AS previous,
              size([d IN docs WHERE d.publishedAt IS NULL]) AS undated`,
      { ids: [world.id.syringe, world.id.vial, world.id.tank] },
    );
    const ours = trends.ranked.filter((entry) => expected.some((row) => row.id === entry.id));
    expect(ours.map((entry) => entry.id)).toEqual([world.id.syringe, world.id.tank, world.id.vial]);
    for (const entry of ours) {
      const row = expected.find((candidate) => candidate.id === entry.id);
      expect([entry.recent, entry.previous, entry.undated]).toEqual([
        Number(row?.recent),
        Number(row?.previous),
        Number(row?.undated),
      ]);
    }
    // By hand from the fixture: syringe 3 recent (2094, 2095, 2096) vs 1 (2091), one undated item.
    expect(ours[0]).toMatchObject({ recent: 3, previous: 1, undated: 1, growth: 2 });
    expect(ours[0]?.years).toEqual([
      { year: '2091', documents: 1 },
      { year: '2094', documents: 1 },
      { year: '2095', documents: 1 },
      { year: '2096', documents: 1 },
    ]);
    expect(ours[0]?.example?.chunk.document.id).toBe(world.documentIds[4]);
  });

  it('requirements: properties with stated values, passages and the products that have them', async () => {
    const found = await reader.requirements(world.id.tank as string, { limit: 10 });
    expect(
      found.map((property) => [
        property.id,
        property.documents,
        property.values,
        property.products.map((p) => p.name),
      ]),
    ).toEqual([
      [world.id.barrier, 1, [], [world.productName]],
      [world.id.heat, 1, [{ value: 200, unit: '°C' }], []],
    ]);
    expect(found[0]?.passages[0]?.quote).toBe(
      `A ${world.name.tank} liner must withstand 200 °C and requires high ${world.name.barrier}.`,
    );
  });

  it('yearly counts: documents per year by kind, undated apart', async () => {
    const counts = await reader.yearlyCounts(world.id.pe as string);
    expect(counts.years.map(({ example: _e, ...year }) => year)).toEqual([
      { year: '2095', patents: 1, news: 0, total: 1 },
      { year: '2096', patents: 0, news: 1, total: 1 },
    ]);
    expect(counts.undated).toEqual({ patents: 0, news: 1, total: 1 });
    const newsOnly = await reader.yearlyCounts(world.id.pe as string, { kinds: ['news'] });
    expect(newsOnly.years.map((year) => year.year)).toEqual(['2096']);
  });

  it('competitors: materials used in the same applications, by shared applications then documents', async () => {
    const found = await reader.competitors({ materialId: world.id.coc as string, limit: 10 });
    expect(
      found.map((competitor) => [
        competitor.id,
        competitor.applications.map((a) => [a.id, a.documents]),
        competitor.documents,
      ]),
    ).toEqual([
      [
        world.id.pe,
        [
          [world.id.syringe, 2],
          [world.id.vial, 1],
        ],
        3,
      ],
      [world.id.pp, [[world.id.syringe, 2]], 2],
    ]);
    const inVials = await reader.competitors({ applicationId: world.id.vial as string, limit: 10 });
    expect(inVials.map((competitor) => competitor.id).sort()).toEqual([world.id.coc, world.id.pe].sort());
  });

  it('retraction removes the ASSIGNED_TO links and organisations left without any', async () => {
    const retractor = new Neo4jDocumentRetractor(store.driver);
    const record = (id: string) => ({
      auditEventId: `audit:agg-${world.suffix}-${id.slice(-1)}`,
      actor: 'key_test',
      at: '2096-06-01T10:00:00.000Z',
      reason: 'test',
    });
    const [d1, d2] = world.documentIds as [string, string];
    await retractor.retractDocument(d2, record(d2));
    const organizations = async () =>
      (
        await rows('MATCH (o:Organization) WHERE o.id IN $ids RETURN o.id AS id ORDER BY id', {
          ids: [`org:acme${world.suffix}-chemicals`, `org:beta${world.suffix}-polymers`],
        })
      ).map((row) => row.id);
    // Acme keeps d1, Beta keeps d3.
    expect(await organizations()).toEqual([
      `org:acme${world.suffix}-chemicals`,
      `org:beta${world.suffix}-polymers`,
    ]);
    await retractor.retractDocument(d1, record(d1));
    expect(await organizations()).toEqual([`org:beta${world.suffix}-polymers`]);
    const [links] = await rows(
      'MATCH (d:Document)-[r:ASSIGNED_TO]->() WHERE d.id IN $ids RETURN count(r) AS n',
      {
        ids: [d1, d2],
      },
    );
    expect(Number(links?.n)).toBe(0);
  });
});
