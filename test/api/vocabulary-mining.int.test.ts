import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reextractNow } from '../../api/vocabulary-runs.ts';
import { Neo4jAuditLog } from '../../graph/index.ts';
import { openVocabularyWorld, pressRelease, type VocabularyWorld, writeFiles } from './vocabulary-support.ts';

const candidateId = 'candidate:material:kraft lignin';
const termId = 'material:kraft-lignin';

/**
 * Open mining wired into ingestion: candidate support counted in the graph across documents, promotion
 * to an entity of origin `mined` once MINING_PROMOTION_THRESHOLD documents name it (3), and not before.
 */
describe('mined terms: support in the graph, promotion at the threshold', () => {
  let world: VocabularyWorld;
  const files = writeFiles('mining', {
    'adhesives.md': pressRelease(
      'Pulp mill finds a market in plywood',
      '2025-06-01',
      'Kraft lignin is used in wood adhesives for plywood.',
    ),
    'coatings.md': pressRelease(
      'Lignin coatings for steel',
      '2025-06-02',
      'Kraft lignin is used in coatings for steel.',
    ),
    'fibres.md': pressRelease(
      'Carbon fibre from the pulp mill',
      '2025-06-03',
      'Kraft lignin is used in carbon fibers for car parts.',
    ),
    'late.md': pressRelease('Lignin for roads', '2025-06-04', 'Kraft lignin is used in asphalt for roads.'),
  });
  const [adhesives, coatings, fibres, late] = files as [string, string, string, string];
  const documentOf = async (title: string) =>
    String(
      (
        await world.graph.driver.executeQuery('MATCH (d:Document {title: $title}) RETURN d.id AS id', {
          title,
        })
      ).records[0]?.get('id'),
    );

  beforeAll(async () => {
    // Fresh: support counts every document that states the term, and other files (candidate support)
    // ingest the same Kraft lignin statements.
    world = await openVocabularyWorld({ MINING_PROMOTION_THRESHOLD: '3' }, { fresh: true });
  });
  afterAll(() => world?.close());

  it('counts support per distinct document and does not promote below the threshold', async () => {
    const first = await world.ingest([adhesives, coatings]);
    expect(first.counts.added).toBe(2);
    expect(first.counts.candidates).toBeGreaterThanOrEqual(2);
    const candidate = await world.vocabulary.getCandidate(candidateId);
    expect(candidate).toMatchObject({ label: 'Material', key: 'kraft lignin', support: 2, promoted: false });
    expect(candidate?.surfaces).toEqual(['Kraft lignin']);
    // The evidence is the sentence, as a span of the chunk that holds it.
    expect(candidate?.evidence).toHaveLength(2);
    for (const evidence of candidate?.evidence ?? []) {
      const chunk = await world.graph.getChunk(evidence.chunkId);
      const document = await world.graph.getDocument(evidence.documentId);
      expect(document?.text.slice(evidence.start, evidence.end)).toMatch(/Kraft lignin is used in/);
      expect(evidence.start).toBeGreaterThanOrEqual(chunk?.start ?? Number.POSITIVE_INFINITY);
    }
    expect(await world.vocabulary.get(termId)).toBeUndefined();

    // Ingesting the same files again adds no support (nothing changed, nothing re-extracted).
    const again = await world.ingest([adhesives, coatings]);
    expect(again.counts.unchanged).toBe(2);
    expect((await world.vocabulary.getCandidate(candidateId))?.support).toBe(2);
  });

  it('promotes the term with the third document: origin mined, support, BROADER to the head term', async () => {
    const before = await world.vocabulary.version();
    const run = await world.ingest([fibres]);
    expect(run.counts.promoted).toBeGreaterThanOrEqual(1);
    const entry = await world.vocabulary.get(termId);
    expect(entry).toMatchObject({
      label: 'Material',
      name: 'Kraft lignin',
      origin: 'mined',
      support: 3,
      matched: true,
      broader: ['material:lignin'],
    });
    expect(await world.vocabulary.version()).toBeGreaterThan(before);
    expect(await world.vocabulary.getCandidate(candidateId)).toMatchObject({ promoted: true, support: 3 });
    // Promoted before it was written, the third document is stored naming the term already.
    const third = await world.graph.listMentions(await documentOf('Carbon fibre from the pulp mill'));
    expect(third.some((mention) => mention.entityId === termId)).toBe(true);
    const audit = await new Neo4jAuditLog(world.graph.driver).listForTarget(termId);
    expect(audit).toEqual([
      expect.objectContaining({
        type: 'vocabulary',
        actor: 'system:mining',
        details: expect.objectContaining({ action: 'promote', support: 3, candidateId }),
      }),
    ]);
  });

  it('the promotion re-extracts the two documents stored before it: the new entity gets mentions and facts', async () => {
    const run = await reextractNow(world, { actor: 'test' }, world.extractor);
    expect(run.counts.updated).toBe(2);
    for (const [title, application] of [
      ['Pulp mill finds a market in plywood', 'application:adhesive'],
      ['Lignin coatings for steel', 'application:coating'],
      ['Carbon fibre from the pulp mill', 'application:automotive-parts'],
    ] as const) {
      const documentId = await documentOf(title);
      const mentions = await world.graph.listMentions(documentId);
      const kraft = mentions.filter((mention) => mention.entityId === termId);
      expect(kraft.map((mention) => mention.surface)).toEqual(['Kraft lignin']);
      // The most specific term wins: "lignin" inside "Kraft lignin" is no mention of its own.
      const inside = mentions.filter(
        (mention) =>
          mention.entityId === 'material:lignin' &&
          kraft.some((outer) => mention.start >= outer.start && mention.end <= outer.end),
      );
      expect(inside).toEqual([]);
      const facts = await world.graph.driver.executeQuery(
        `MATCH (f:Fact {documentId: $documentId, type: 'USED_IN'})-[:SUBJECT]->(:Material {id: $termId}),
               (f)-[:OBJECT]->(a:Application)
         RETURN a.id AS application`,
        { documentId, termId },
      );
      expect(facts.records.map((record) => record.get('application'))).toContain(application);
    }
    // A known term is no candidate: its occurrences left with the re-extraction, the promoted record stays.
    expect(await world.vocabulary.getCandidate(candidateId)).toMatchObject({ promoted: true });
  });

  it('a retired mined term is no longer matched, and more documents do not promote it again', async () => {
    await world.vocabulary.retire(termId, { actor: 'test' });
    await reextractNow(world, { actor: 'test' }, world.extractor);
    const documentId = await documentOf('Lignin coatings for steel');
    expect((await world.graph.listMentions(documentId)).map((mention) => mention.entityId)).not.toContain(
      termId,
    );
    const beforeLate = await world.vocabulary.getCandidate(candidateId);
    const run = await world.ingest([late]);
    expect(run.counts.added).toBe(1);
    expect(await world.vocabulary.get(termId)).toMatchObject({ retired: true, matched: false });
    const afterLate = await world.vocabulary.getCandidate(candidateId);
    expect(afterLate).toMatchObject({ retired: true });
    // The rejected phrase collects no more occurrences, so it does not grow (and get recounted) every run.
    expect(afterLate?.support).toBe(beforeLate?.support);
    expect(afterLate?.evidence.map((evidence) => evidence.documentId)).not.toContain(
      await documentOf('Lignin for roads'),
    );
    expect((await world.vocabulary.promotableCandidates(3)).map((candidate) => candidate.id)).not.toContain(
      candidateId,
    );
  });
});
