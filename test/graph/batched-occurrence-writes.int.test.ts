import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CandidateOccurrenceWrite,
  candidateId,
  type DocumentBundle,
  type Neo4jGraphStore,
} from '../../graph/index.ts';
import { oneChunkNews, openTestStore, uniqueSuffix } from '../support/graph.ts';

/**
 * One batch names the same candidate and the same entity many times (the writes send one row per
 * candidate and per entity with all their occurrences): every occurrence and mention is stored with its
 * own offsets, a candidate takes its name from its first occurrence and the last head and broader term
 * given, and a retired candidate collects nothing while the others in the same batch do.
 */
describe('a batch naming one candidate and one entity many times, on a real Neo4j 5.26', () => {
  let graph: Neo4jGraphStore;

  beforeAll(async () => {
    graph = openTestStore();
    await graph.migrate();
  });
  afterAll(() => graph.close());

  /** A one-chunk news document; `names` are the surfaces it contains, in order, with their offsets. */
  const documentNaming = (id: string, names: readonly string[]) => {
    const text = `${names.map((name) => `The ${name} works.`).join(' ')}`;
    const offsets: { start: number; end: number }[] = [];
    let from = 0;
    for (const name of names) {
      const start = text.indexOf(name, from);
      offsets.push({ start, end: start + name.length });
      from = start + name.length;
    }
    return { id, text, offsets, chunkId: `${id}#0` };
  };
  type NamingDocument = ReturnType<typeof documentNaming>;

  /** The `index`th name of `doc` as an Application candidate occurrence under `key`. */
  const occurrenceAt = (
    doc: NamingDocument,
    index: number,
    key: string,
    extra: Partial<CandidateOccurrenceWrite> = {},
  ): CandidateOccurrenceWrite => {
    const at = doc.offsets[index] as { start: number; end: number };
    return {
      label: 'Application',
      key,
      surface: doc.text.slice(at.start, at.end),
      cue: 'application-head',
      chunkId: doc.chunkId,
      ...at,
      sentence: { start: 0, end: doc.text.length },
      ...extra,
    };
  };

  const byChunkThenStart = (a: { chunkId: string; start: number }, b: { chunkId: string; start: number }) =>
    a.chunkId < b.chunkId ? -1 : a.chunkId > b.chunkId ? 1 : a.start - b.start;

  const seenIn = async (id: string) => {
    const { records } = await graph.driver.executeQuery(
      `MATCH (t:TermCandidate {id: $id})-[s:SEEN_IN]->(c:Chunk)
       RETURN c.id AS chunkId, s.documentId AS documentId, s.start AS start, s.end AS end, s.surface AS surface,
              s.cue AS cue, s.sentenceStart AS sentenceStart, s.sentenceEnd AS sentenceEnd
       ORDER BY chunkId, start`,
      { id },
    );
    return records.map((record) => record.toObject());
  };

  it('stores every occurrence and mention, names the candidate by its first surface, keeps the last head', async () => {
    const key = `${uniqueSuffix('grouped')} membrane`;
    const id = candidateId('Application', key);
    const entityId = `material:${uniqueSuffix('binder')}`;
    const first = documentNaming(uniqueSuffix('first'), [key, 'binder', key.toUpperCase(), 'binder']);
    const second = documentNaming(uniqueSuffix('second'), ['binder', key]);
    const occurrence = (doc: NamingDocument, index: number, extra: Partial<CandidateOccurrenceWrite>) =>
      occurrenceAt(doc, index, key, extra);
    const mention = (doc: NamingDocument, index: number) => {
      const at = doc.offsets[index] as { start: number; end: number };
      return { chunkId: doc.chunkId, entityId, ...at, surface: 'binder' };
    };
    const bundle = (
      doc: NamingDocument,
      candidates: CandidateOccurrenceWrite[],
      mentions: ReturnType<typeof mention>[],
    ): DocumentBundle => ({
      ...oneChunkNews(doc.id, doc.text),
      entities: [{ id: entityId, label: 'Material', name: 'binder', aliases: [] }],
      mentions,
      facts: [],
      candidates,
    });
    await graph.writeDocuments([
      bundle(
        first,
        [
          occurrence(first, 0, { head: 'membrane' }),
          occurrence(first, 2, { cue: 'title', head: 'membranes', broaderId: 'application:filter' }),
        ],
        [mention(first, 1), mention(first, 3)],
      ),
      bundle(second, [occurrence(second, 1, { cue: 'use-phrase' })], [mention(second, 0)]),
    ]);
    await graph.refreshStaleCandidates();

    const { records } = await graph.driver.executeQuery(
      'MATCH (t:TermCandidate {id: $id}) RETURN t {.label, .key, .head, .broaderId, .support, .occurrences} AS t',
      { id },
    );
    const stored = records[0]?.get('t') as Record<string, unknown>;
    expect({ ...stored, support: Number(stored.support), occurrences: Number(stored.occurrences) }).toEqual({
      label: 'Application',
      key,
      // The last head and broader term given in the batch; the third occurrence gave neither.
      head: 'membranes',
      broaderId: 'application:filter',
      support: 2,
      occurrences: 3,
    });
    expect(await seenIn(id)).toEqual(
      [
        { doc: first, index: 0, cue: 'application-head' },
        { doc: first, index: 2, cue: 'title' },
        { doc: second, index: 1, cue: 'use-phrase' },
      ]
        .map(({ doc, index, cue }) => {
          const at = doc.offsets[index] as { start: number; end: number };
          return {
            chunkId: doc.chunkId,
            documentId: doc.id,
            ...at,
            surface: doc.text.slice(at.start, at.end),
            cue,
            sentenceStart: 0,
            sentenceEnd: doc.text.length,
          };
        })
        .sort(byChunkThenStart),
    );

    const mentions = await graph.driver.executeQuery(
      `MATCH (c:Chunk)-[m:MENTIONS]->(:Entity {id: $entityId})
       RETURN c.id AS chunkId, m.start AS start, m.end AS end, m.surface AS surface ORDER BY chunkId, start`,
      { entityId },
    );
    const expectedMentions = [mention(first, 1), mention(first, 3), mention(second, 0)].map(
      ({ entityId: _entityId, ...rest }) => rest,
    );
    expect(mentions.records.map((record) => record.toObject())).toEqual(
      expectedMentions.sort(byChunkThenStart),
    );
  });

  it('names a new candidate by the surface of its first occurrence in the batch', async () => {
    const key = `${uniqueSuffix('named')} separator`;
    const id = candidateId('Application', key);
    const doc = documentNaming(uniqueSuffix('doc'), [key.toUpperCase(), key]);
    const occurrences = doc.offsets.map((_, index) => occurrenceAt(doc, index, key));
    await graph.writeDocuments([
      { ...oneChunkNews(doc.id, doc.text), entities: [], mentions: [], facts: [], candidates: occurrences },
    ]);
    const { records } = await graph.driver.executeQuery(
      'MATCH (t:TermCandidate {id: $id}) RETURN t.name AS name',
      {
        id,
      },
    );
    // Before support is counted (which names it by its most frequent surface), the first one names it.
    expect(records[0]?.get('name')).toBe(key.toUpperCase());
  });

  it('a retired candidate collects no occurrence; another candidate of the same batch does', async () => {
    const retiredKey = `${uniqueSuffix('retired')} gasket`;
    const liveKey = `${uniqueSuffix('live')} gasket`;
    const retiredId = candidateId('Application', retiredKey);
    const liveId = candidateId('Application', liveKey);
    const write = async (docId: string) => {
      const keys = [retiredKey, liveKey, retiredKey];
      const doc = documentNaming(docId, keys);
      await graph.writeDocuments([
        {
          ...oneChunkNews(doc.id, doc.text),
          entities: [],
          mentions: [],
          facts: [],
          candidates: keys.map((key, index) => occurrenceAt(doc, index, key)),
        },
      ]);
    };
    await write(uniqueSuffix('before'));
    expect(await seenIn(retiredId)).toHaveLength(2);
    await graph.driver.executeQuery('MATCH (t:TermCandidate {id: $id}) SET t.retired = true', {
      id: retiredId,
    });
    await write(uniqueSuffix('after'));
    expect(await seenIn(retiredId)).toHaveLength(2);
    expect(await seenIn(liveId)).toHaveLength(2);
  });

  it('a recount deletes a candidate left with no occurrence, but keeps a promoted or a retired one', async () => {
    const key = (name: string) => `${uniqueSuffix(name)} gasket`;
    const [gone, promoted, retired, kept] = [key('gone'), key('promoted'), key('retired'), key('kept')];
    const write = async (docId: string, keys: string[]) => {
      const doc = documentNaming(docId, keys);
      const { document, chunks } = oneChunkNews(doc.id, doc.text);
      await graph.writeDocuments([
        {
          document: { ...document, contentHash: `hash-${doc.text}` },
          chunks,
          entities: [],
          mentions: [],
          facts: [],
          candidates: keys.map((name, index) => occurrenceAt(doc, index, name)),
        },
      ]);
    };
    const replaced = uniqueSuffix('replaced');
    await write(replaced, [gone, promoted, retired, kept]);
    await write(uniqueSuffix('other'), [kept]);
    await graph.refreshStaleCandidates();
    const supportOf = async (name: string) => {
      const { records } = await graph.driver.executeQuery(
        'MATCH (t:TermCandidate {id: $id}) RETURN t.support AS support, t.stale AS stale',
        { id: candidateId('Application', name) },
      );
      return records.map((record) => record.toObject());
    };
    expect(await supportOf(gone)).toEqual([{ support: 1, stale: null }]);
    expect(await supportOf(kept)).toEqual([{ support: 2, stale: null }]);
    await graph.driver.executeQuery(
      `MATCH (p:TermCandidate {id: $promoted}), (r:TermCandidate {id: $retired})
       SET p.promoted = true, r.retired = true`,
      { promoted: candidateId('Application', promoted), retired: candidateId('Application', retired) },
    );

    // The new version of the document names none of them: their occurrences go with the old one.
    const fresh = key('fresh');
    await write(replaced, [fresh]);
    await graph.refreshStaleCandidates();
    expect(await supportOf(gone)).toEqual([]);
    expect(await supportOf(promoted)).toEqual([{ support: 0, stale: null }]);
    expect(await supportOf(retired)).toEqual([{ support: 0, stale: null }]);
    expect(await supportOf(kept)).toEqual([{ support: 1, stale: null }]);
    expect(await supportOf(fresh)).toEqual([{ support: 1, stale: null }]);
  });
});
