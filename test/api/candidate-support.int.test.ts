import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reextractNow } from '../../api/vocabulary-runs.ts';
import { type GraphStore, type IngestRun, Neo4jDocumentRetractor } from '../../graph/index.ts';
import { runIngestion } from '../../ingest/index.ts';
import { openVocabularyWorld, pressRelease, type VocabularyWorld, writeFiles } from './vocabulary-support.ts';

/** A candidate as stored, and as its SEEN_IN occurrences define it (counted here, in the test). */
interface CandidateCheck {
  id: string;
  stored: { support: unknown; occurrences: unknown; cues: string[]; surfaces: unknown; stale: unknown };
  expected: { support: number; occurrences: number; cues: string[]; surfaces: string[] };
}

/**
 * Ingestion marks the candidates a batch touches and counts their support once per run: after any
 * sequence of runs, replacements, retractions and killed runs, every candidate must hold exactly what
 * its occurrences say (support = distinct documents, occurrences, cues, surfaces by frequency).
 */
// A news item's id covers its first 200 characters: a longer opening keeps the id when the rest changes.
const preamble =
  'The pulp mill reported its quarterly results on Tuesday and said that the new line in the north of the site ' +
  'will start next spring after a long period of planning, permits, talks with neighbours and careful tests.';

describe('mined candidate support stays exact across runs', () => {
  let world: VocabularyWorld;
  const files = writeFiles('support', {
    'adhesives.md': pressRelease(
      'Pulp mill finds a market in plywood',
      '2025-06-01',
      'Kraft lignin is used in wood adhesives for plywood. Organosolv lignin is used in foams.',
    ),
    'coatings.md': pressRelease(
      'Lignin coatings for steel',
      '2025-06-02',
      'Kraft lignin is used in coatings for steel. Kraft lignins are used in primers.',
    ),
    'fibres.md': pressRelease(
      'Carbon fibre from the pulp mill',
      '2025-06-03',
      `${preamble} Kraft lignin is used in carbon fibers for car parts.`,
    ),
    'roads.md': pressRelease(
      'Lignin for roads',
      '2025-06-04',
      'Organosolv lignin is used in asphalt for roads.',
    ),
    'foams.md': pressRelease('Lignin foams', '2025-06-05', 'Organosolv lignin is used in rigid foams.'),
  });
  const [adhesives, coatings, fibres, roads, foams] = files as [string, string, string, string, string];

  const checks = async (): Promise<CandidateCheck[]> => {
    const { records } = await world.graph.driver.executeQuery(
      `MATCH (t:TermCandidate)
       OPTIONAL MATCH (t)-[s:SEEN_IN]->(:Chunk)
       RETURN t.id AS id, t {.support, .occurrences, .cues, .surfaces, .stale} AS stored,
              collect({documentId: s.documentId, cue: s.cue, surface: s.surface}) AS seen`,
    );
    return records.map((record) => {
      const stored = record.get('stored') as CandidateCheck['stored'];
      const seen = (
        record.get('seen') as { documentId: string | null; cue: string; surface: string }[]
      ).filter((s) => s.documentId !== null);
      const frequency = new Map<string, number>();
      for (const s of seen) frequency.set(s.surface, (frequency.get(s.surface) ?? 0) + 1);
      const surfaces = [...frequency.entries()]
        .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
        .map(([surface]) => surface);
      return {
        id: String(record.get('id')),
        stored: { ...stored, cues: [...((stored.cues as string[] | null) ?? [])].sort() },
        expected: {
          support: new Set(seen.map((s) => s.documentId)).size,
          occurrences: seen.length,
          cues: [...new Set(seen.map((s) => s.cue))].sort(),
          surfaces,
        },
      };
    });
  };
  const expectExact = async () => {
    const all = await checks();
    expect(all.length).toBeGreaterThan(0);
    for (const check of all) {
      expect({ id: check.id, ...check.stored }).toEqual({
        id: check.id,
        ...check.expected,
        stale: null,
      });
    }
    return all;
  };
  const supportOf = async (id: string) => (await checks()).find((check) => check.id === id)?.stored.support;
  const ingest = (
    inputs: string[],
    store: GraphStore = world.graph,
    signal?: AbortSignal,
  ): Promise<IngestRun> =>
    runIngestion(
      { store, extractor: world.extractor },
      { inputs, batchSize: 1, ...(signal ? { signal } : {}) },
    );

  beforeAll(async () => {
    // A high threshold: this suite is about counting, promotion has its own.
    world = await openVocabularyWorld({ MINING_PROMOTION_THRESHOLD: '100' }, { fresh: true });
  });
  afterAll(() => world?.close());

  it('is exact after several runs, each counting the candidates it touched once', async () => {
    expect((await ingest([adhesives, coatings])).counts.added).toBe(2);
    await expectExact();
    expect(await supportOf('candidate:material:kraft lignin')).toBe(2);
    expect((await ingest([fibres, roads])).counts.added).toBe(2);
    await expectExact();
    expect(await supportOf('candidate:material:kraft lignin')).toBe(3);
    expect(await supportOf('candidate:material:organosolv lignin')).toBe(2);
    // Nothing changed: nothing is written and the counts stay.
    expect((await ingest([adhesives, coatings, fibres, roads])).counts.unchanged).toBe(4);
    await expectExact();
  });

  it('is exact after a document is replaced and after one is retracted', async () => {
    writeFileSync(
      fibres,
      pressRelease(
        'Carbon fibre from the pulp mill',
        '2025-06-03',
        `${preamble} Organosolv lignin is used in carbon fibers.`,
      ),
    );
    const replacedRun = await ingest([fibres]);
    expect(replacedRun.counts.updated).toBe(1);
    await expectExact();
    expect(await supportOf('candidate:material:kraft lignin')).toBe(2);
    expect(await supportOf('candidate:material:organosolv lignin')).toBe(3);

    const { records } = await world.graph.driver.executeQuery(
      'MATCH (d:Document {title: $title}) RETURN d.id AS id',
      { title: 'Lignin for roads' },
    );
    const roadsId = String(records[0]?.get('id'));
    const retractor = new Neo4jDocumentRetractor(world.graph.driver);
    await retractor.retractDocument(roadsId, {
      auditEventId: 'audit:test-support',
      actor: 'key_test',
      at: '2026-06-01T10:00:00.000Z',
      reason: 'licence withdrawn',
    });
    await expectExact();
    expect(await supportOf('candidate:material:organosolv lignin')).toBe(2);
  });

  it('is exact after a re-extraction rewrites every document, batch after batch', async () => {
    const before = await expectExact();
    // Every stored extraction looks outdated, so each document's occurrences are deleted and written again.
    await world.graph.driver.executeQuery('MATCH (d:Document) SET d.extractionHash = $outdated', {
      outdated: 'outdated',
    });
    const run = await reextractNow(world, { all: true, actor: 'test', batchSize: 1 }, world.extractor);
    expect(run.status).toBe('succeeded');
    expect(run.counts.updated).toBe(run.counts.documents);
    expect(run.counts.documents).toBeGreaterThanOrEqual(3);
    const after = await expectExact();
    const byId = (checks: CandidateCheck[]) =>
      Object.fromEntries(checks.map((check) => [check.id, check.expected]));
    expect(byId(after)).toEqual(byId(before));
  });

  it('a killed run leaves its candidates stale; readers and the next run count them exactly', async () => {
    // The process dies before the end of the run: the final count never happens.
    const killed = new AbortController();
    const dying: GraphStore = new Proxy(world.graph, {
      get(target, property, receiver) {
        if (property === 'refreshStaleCandidates') return async () => 0;
        if (property === 'writeDocuments') {
          return async (...args: Parameters<GraphStore['writeDocuments']>) => {
            const written = await target.writeDocuments(...args);
            killed.abort();
            return written;
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const run = await ingest([foams, roads], dying, killed.signal);
    expect(run.status).toBe('cancelled');
    expect(run.counts.added).toBeGreaterThanOrEqual(1);
    const stale = await world.graph.driver.executeQuery(
      'MATCH (t:TermCandidate) WHERE t.stale = true RETURN count(t) AS stale',
    );
    expect(Number(stale.records[0]?.get('stale'))).toBeGreaterThan(0);
    // A reader counts what is stale before it reads.
    const read = await world.vocabulary.getCandidate('candidate:material:organosolv lignin');
    const [checked] = (await expectExact()).filter((check) => check.id === read?.id);
    expect(read?.support).toBe(checked?.expected.support);

    // Stale again (as a kill leaves it), then the next run repairs everything.
    await world.graph.driver.executeQuery('MATCH (t:TermCandidate) SET t.stale = true, t.support = 0');
    const next = await ingest([foams, roads]);
    expect(next.counts.added + next.counts.unchanged).toBe(2);
    await expectExact();
    expect(await supportOf('candidate:material:organosolv lignin')).toBe(4);
  });
});
