import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reextractNow } from '../../api/vocabulary-runs.ts';
import { userTerm } from '../../api/vocabulary-service.ts';
import { openVocabularyWorld, pressRelease, type VocabularyWorld, writeFiles } from './vocabulary-support.ts';

/** Re-extraction is safe to interrupt: whole documents only, and the next run finishes the rest once. */
describe('re-extraction: interrupted, then resumed', () => {
  let world: VocabularyWorld;
  const titles = ['Zelvex in battery packs', 'Zelvex in adhesives', 'Zelvex in coatings'];
  const documentIds: string[] = [];

  const relationCounts = async () => {
    const result = await world.graph.driver.executeQuery(
      `MATCH (c:Chunk)-[m:MENTIONS]->(:Entity) WHERE c.documentId IN $ids
       WITH count(m) AS mentions, count(DISTINCT [c.id, m.start, m.end, elementId(endNode(m))]) AS distinctMentions
       CALL () {
         MATCH (f:Fact) WHERE f.documentId IN $ids
         RETURN count(f) AS facts, count(DISTINCT [f.documentId, f.type, f.id]) AS distinctFacts
       }
       RETURN mentions, distinctMentions, facts, distinctFacts`,
      { ids: documentIds },
    );
    return result.records[0]?.toObject() as Record<string, number>;
  };

  beforeAll(async () => {
    // Mining off: the trade name must become a term only through the engineer's change.
    world = await openVocabularyWorld({ MINING: 'off' });
    const files = writeFiles('resume', {
      'a.md': pressRelease(titles[0] as string, '2025-07-01', 'Zelvex is used in battery packs.'),
      'b.md': pressRelease(titles[1] as string, '2025-07-02', 'Zelvex is used in adhesives.'),
      'c.md': pressRelease(titles[2] as string, '2025-07-03', 'Zelvex is used in coatings.'),
    });
    const run = await world.ingest(files);
    expect(run.counts.added).toBe(3);
    for (const title of titles) {
      const rows = await world.graph.driver.executeQuery(
        'MATCH (d:Document {title: $title}) RETURN d.id AS id',
        {
          title,
        },
      );
      documentIds.push(String(rows.records[0]?.get('id')));
    }
    await world.vocabulary.add(userTerm({ label: 'material', name: 'Zelvex' }), { actor: 'test' });
  });
  afterAll(() => world?.close());

  it('an interrupted run leaves whole documents; the next run does only the rest', async () => {
    const controller = new AbortController();
    const interrupted = await reextractNow(
      world,
      {
        actor: 'test',
        batchSize: 1,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      },
      world.extractor,
    );
    expect(interrupted).toMatchObject({ kind: 're-extract', status: 'cancelled' });
    expect(interrupted.counts.documents).toBe(1);
    expect(interrupted.counts.updated).toBe(1);
    const pending = await world.vocabulary.pendingChanges();
    expect(pending.changes.map((change) => change.kind)).toContain('add');

    const resumed = await reextractNow(world, { actor: 'test', batchSize: 1 }, world.extractor);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.counts.documents).toBe(2);
    expect(resumed.counts.updated).toBe(2);
    expect((await world.vocabulary.pendingChanges()).changes).toEqual([]);

    for (const documentId of documentIds) {
      const zelvex = (await world.graph.listMentions(documentId)).filter(
        (mention) => mention.entityId === 'material:zelvex',
      );
      // Title and body each name it once.
      expect(zelvex.map((mention) => mention.surface)).toEqual(['Zelvex', 'Zelvex']);
    }
    const counts = await relationCounts();
    expect(counts.mentions).toBe(counts.distinctMentions);
    expect(counts.facts).toBe(counts.distinctFacts);

    const third = await reextractNow(world, { actor: 'test' }, world.extractor);
    expect(third.counts.documents).toBe(0);
    expect(await relationCounts()).toEqual(counts);
  });
});
