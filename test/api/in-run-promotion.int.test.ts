import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minedTermPromotion, reextractNow } from '../../api/vocabulary-runs.ts';
import type { IngestRun } from '../../graph/index.ts';
import { runIngestion } from '../../ingest/index.ts';
import { openVocabularyWorld, pressRelease, type VocabularyWorld, writeFiles } from './vocabulary-support.ts';

const termId = 'material:kraft-lignin';

/**
 * A run promotes mined terms before it writes them: it holds a window of analysed documents, counts
 * their candidates with the stored ones, promotes what reaches the threshold and analyses again the held
 * documents that name a new term. Every document of the window is written once, naming the term; only
 * documents written by earlier windows (or runs) are left to the re-extraction that follows.
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
  const namesTerm = async (documentId: string, id = termId) =>
    (await world.graph.listMentions(documentId)).some((mention) => mention.entityId === id);

  beforeAll(async () => {
    world = await openVocabularyWorld({ MINING_PROMOTION_THRESHOLD: '3' }, { fresh: true });
    const before = await world.vocabulary.version();
    run = await runIngestion(
      {
        store: world.graph,
        extractor: world.extractor,
        promoteCandidates: minedTermPromotion(world, world.extractor),
      },
      // One document per batch: the window (all six) is counted before anything is written.
      { inputs: files, batchSize: 1 },
    );
    promotedAt = await world.vocabulary.version();
    expect(promotedAt).toBeGreaterThan(before);
  });
  afterAll(() => world?.close());

  it('promotes the term before writing, so every document of the window is written naming it', async () => {
    expect(run.status).toBe('succeeded');
    expect(run.counts.added).toBe(releases.length);
    expect(run.counts.promoted).toBeGreaterThanOrEqual(1);
    expect(await world.vocabulary.get(termId)).toMatchObject({ origin: 'mined', name: 'Kraft lignin' });
    for (const document of await documents()) {
      expect(document.version).toBe(promotedAt);
      expect(await namesTerm(document.id)).toBe(true);
    }
    // The candidate that became the term is marked so, with the six documents as its support.
    const candidate = await world.vocabulary.getCandidate('candidate:material:kraft lignin');
    expect(candidate).toMatchObject({ promoted: true, promotedTo: termId });
    expect(await world.vocabulary.get(termId)).toMatchObject({ support: releases.length });
    // Nothing is left for the re-extraction after the run.
    expect((await reextractNow(world, { actor: 'test' }, world.extractor)).counts.items).toBe(0);
  });

  it('counts a window with what earlier windows stored: only their documents are re-extracted', async () => {
    const sulfite = [
      ['Briquettes for stoves', 'Sulfite lignin is used in briquettes.'],
      ['Admixtures for concrete', 'Sulfite lignin is used in concrete admixtures.'],
      ['Dispersants for dyes', 'Sulfite lignin is used in dye dispersants.'],
      ['Pellets for animal feed', 'Sulfite lignin is used in animal feed pellets.'],
      ['Boards of gypsum', 'Sulfite lignin is used in gypsum boards.'],
    ] as const;
    const inputs = writeFiles(
      'in-run-promotion-windows',
      Object.fromEntries(
        sulfite.map(([title, body], index) => [
          `${index + 1}.md`,
          pressRelease(title, `2025-09-0${index + 1}`, body),
        ]),
      ),
    );
    const before = await world.vocabulary.version();
    // Windows of two: the first two documents (support 2) are written as they are; the next window
    // brings the stored two to the threshold.
    const windowed = await runIngestion(
      {
        store: world.graph,
        extractor: world.extractor,
        promoteCandidates: minedTermPromotion(world, world.extractor),
      },
      { inputs, batchSize: 1, lookAhead: 2 },
    );
    expect(windowed.status).toBe('succeeded');
    expect(windowed.counts.added).toBe(sulfite.length);
    const term = await world.vocabulary.get('material:sulfite-lignin');
    expect(term).toMatchObject({ origin: 'mined', support: 4 });
    const { records } = await world.graph.driver.executeQuery(
      "MATCH (d:Document) WHERE d.publishedAt STARTS WITH '2025-09' RETURN d.id AS id, d.vocabularyVersion AS version ORDER BY d.publishedAt",
    );
    const stored = records.map((record) => ({
      id: String(record.get('id')),
      version: Number(record.get('version')),
    }));
    expect(stored).toHaveLength(sulfite.length);
    for (const [index, document] of stored.entries()) {
      expect(document.version > before).toBe(index >= 2);
      expect(await namesTerm(document.id, 'material:sulfite-lignin')).toBe(index >= 2);
    }
    const stale = stored.slice(0, 2).map((document) => document.id);
    const linksBefore = await mentionLinks(stale);
    const reextraction = await reextractNow(world, { actor: 'test' }, world.extractor);
    expect(reextraction.counts.updated).toBe(2);
    for (const document of stored) expect(await namesTerm(document.id, 'material:sulfite-lignin')).toBe(true);
    // Only the chunks that name the term were rewritten: the others keep their very mention links.
    const linksAfter = await mentionLinks(stale);
    const untouched = [...linksBefore].filter(([, chunk]) => !chunk.text.includes('Sulfite lignin'));
    const rewritten = [...linksBefore].filter(([, chunk]) => chunk.text.includes('Sulfite lignin'));
    expect(untouched.some(([, chunk]) => chunk.links.length > 0)).toBe(true);
    expect(rewritten.length).toBeGreaterThanOrEqual(2);
    for (const [id, chunk] of untouched) expect(linksAfter.get(id)?.links).toEqual(chunk.links);
    for (const [id, chunk] of rewritten) {
      const links = linksAfter.get(id)?.links ?? [];
      // "lignin" inside "Sulfite lignin" gave way to the narrower term: new links, none of the old ones.
      expect(links.length).toBeGreaterThan(0);
      expect(links.filter((link) => chunk.links.includes(link))).toEqual([]);
    }
  });

  it('lookAhead 0 writes documents as they come and promotes only at the end of the run', async () => {
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
      { inputs: later, batchSize: 1, lookAhead: 0 },
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
