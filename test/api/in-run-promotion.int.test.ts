import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minedTermPromotion, reextractNow } from '../../api/vocabulary-runs.ts';
import type { IngestRun } from '../../graph/index.ts';
import { runIngestion } from '../../ingest/index.ts';
import { openVocabularyWorld, pressRelease, type VocabularyWorld, writeFiles } from './vocabulary-support.ts';

const termId = 'material:kraft-lignin';

/**
 * A long run promotes mined terms while it goes (after `promoteAfter` documents, then after twice as
 * many…): the documents analysed after a promotion already name the new term, and the re-extraction
 * that follows the run touches only the documents written before it, and in them only the chunks whose
 * extraction changed.
 */
describe('mined terms promoted during a run', () => {
  let world: VocabularyWorld;
  const releases = [
    ['Pulp mill finds a market in plywood', 'Kraft lignin is used in wood adhesives for plywood.'],
    ['Lignin coatings for steel', 'Kraft lignin is used in coatings for steel.'],
    ['Carbon fibre from the pulp mill', 'Kraft lignin is used in carbon fibers for car parts.'],
    ['Lignin for roads', 'Kraft lignin is used in asphalt for roads.'],
    ['Lignin in batteries', 'Kraft lignin is used in battery anodes.'],
    ['Lignin foams', 'Kraft lignin is used in rigid foams for insulation.'],
  ] as const;
  const files = writeFiles(
    'in-run-promotion',
    Object.fromEntries(
      releases.map(([title, body], index) => [
        `${index + 1}.md`,
        pressRelease(title, `2025-07-0${index + 1}`, body),
      ]),
    ),
  );
  let run: IngestRun;
  let promotedAt: number;

  const documents = async () => {
    const { records } = await world.graph.driver.executeQuery(
      'MATCH (d:Document) RETURN d.title AS title, d.id AS id, d.vocabularyVersion AS version',
    );
    const byTitle = new Map(records.map((r) => [String(r.get('title')), r]));
    return releases.map(([title]) => {
      const record = byTitle.get(title);
      if (!record) throw new Error(`not ingested: ${title}`);
      return { title, id: String(record.get('id')), version: Number(record.get('version')) };
    });
  };
  /** Per chunk of these documents: its text and the element ids of its mention links. */
  const mentionLinks = async (documentIds: string[]) => {
    const { records } = await world.graph.driver.executeQuery(
      `UNWIND $documentIds AS documentId
       MATCH (c:Chunk {documentId: documentId})
       OPTIONAL MATCH (c)-[m:MENTIONS]->()
       WITH c, m ORDER BY elementId(m)
       RETURN c.id AS id, c.text AS text, [x IN collect(m) | elementId(x)] AS links`,
      { documentIds },
    );
    return new Map(
      records.map((r) => [
        String(r.get('id')),
        { text: String(r.get('text')), links: r.get('links') as string[] },
      ]),
    );
  };
  const namesTerm = async (documentId: string) =>
    (await world.graph.listMentions(documentId)).some((mention) => mention.entityId === termId);

  beforeAll(async () => {
    world = await openVocabularyWorld({ MINING_PROMOTION_THRESHOLD: '3' }, { fresh: true });
    const before = await world.vocabulary.version();
    run = await runIngestion(
      {
        store: world.graph,
        extractor: world.extractor,
        promoteCandidates: minedTermPromotion(world, world.extractor),
      },
      // One document per batch: the first promotion is due once three are written.
      { inputs: files, batchSize: 1, promoteAfter: 3 },
    );
    promotedAt = await world.vocabulary.version();
    expect(promotedAt).toBeGreaterThan(before);
  });
  afterAll(() => world?.close());

  it('promotes the term before the run ends, and the documents analysed afterwards name it', async () => {
    expect(run.status).toBe('succeeded');
    expect(run.counts.added).toBe(releases.length);
    expect(run.counts.promoted).toBeGreaterThanOrEqual(1);
    expect(await world.vocabulary.get(termId)).toMatchObject({ origin: 'mined', name: 'Kraft lignin' });
    const stored = await documents();
    // The fourth document was analysed while the third was written, before the promotion; from the
    // fifth on, documents are extracted with the vocabulary that knows the term.
    const late = stored.slice(4);
    for (const document of late) {
      expect(document.version).toBe(promotedAt);
      expect(await namesTerm(document.id)).toBe(true);
    }
    for (const document of stored.slice(0, 4)) {
      expect(document.version).toBeLessThan(promotedAt);
      expect(await namesTerm(document.id)).toBe(false);
    }
  });

  it('the re-extraction after the run updates only the documents written before the promotion', async () => {
    const stale = (await documents()).slice(0, 4).map((document) => document.id);
    const before = await mentionLinks(stale);
    const reextraction = await reextractNow(world, { actor: 'test' }, world.extractor);
    expect(reextraction.status).toBe('succeeded');
    expect(reextraction.counts.updated).toBe(4);
    for (const document of await documents()) {
      expect(await namesTerm(document.id)).toBe(true);
      expect(document.version).toBeGreaterThanOrEqual(promotedAt);
    }
    // Nothing is left to do.
    expect((await reextractNow(world, { actor: 'test' }, world.extractor)).counts.items).toBe(0);
    // Only the chunks that name the term were rewritten: the others keep their very mention links.
    const after = await mentionLinks(stale);
    const untouched = [...before].filter(([, chunk]) => !chunk.text.includes('Kraft lignin'));
    const rewritten = [...before].filter(([, chunk]) => chunk.text.includes('Kraft lignin'));
    expect(untouched.some(([, chunk]) => chunk.links.length > 0)).toBe(true);
    expect(rewritten.length).toBeGreaterThanOrEqual(4);
    for (const [id, chunk] of untouched) expect(after.get(id)?.links).toEqual(chunk.links);
    for (const [id, chunk] of rewritten) {
      const links = after.get(id)?.links ?? [];
      // "lignin" inside "Kraft lignin" gave way to the narrower term: new links, none of the old ones.
      expect(links.length).toBeGreaterThan(0);
      expect(links.filter((link) => chunk.links.includes(link))).toEqual([]);
    }
  });

  it('promoteAfter 0 promotes only at the end of the run', async () => {
    const later = writeFiles('in-run-promotion-end', {
      'a.md': pressRelease('Soda lignin in adhesives', '2025-08-01', 'Soda lignin is used in adhesives.'),
      'b.md': pressRelease('Soda lignin in coatings', '2025-08-02', 'Soda lignin is used in coatings.'),
      'c.md': pressRelease('Soda lignin in foams', '2025-08-03', 'Soda lignin is used in foams.'),
      'd.md': pressRelease('Soda lignin in boards', '2025-08-04', 'Soda lignin is used in boards.'),
    });
    const before = await world.vocabulary.version();
    const endRun = await runIngestion(
      {
        store: world.graph,
        extractor: world.extractor,
        promoteCandidates: minedTermPromotion(world, world.extractor),
      },
      { inputs: later, batchSize: 1, promoteAfter: 0 },
    );
    expect(endRun.counts.added).toBe(4);
    expect(endRun.counts.promoted).toBeGreaterThanOrEqual(1);
    expect(await world.vocabulary.get('material:soda-lignin')).toMatchObject({ origin: 'mined' });
    // Every document of the run was extracted with the vocabulary it started with.
    const { records } = await world.graph.driver.executeQuery(
      "MATCH (d:Document) WHERE d.title STARTS WITH 'Soda lignin' RETURN d.vocabularyVersion AS version",
    );
    expect(records.map((record) => Number(record.get('version')))).toEqual([before, before, before, before]);
  });
});
