import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CandidateOccurrenceWrite,
  candidateId,
  type DocumentBundle,
  Neo4jAuditLog,
  type Neo4jGraphStore,
  Neo4jVocabularyStore,
  type PendingCandidate,
  type PendingCandidates,
} from '../../graph/index.ts';
import { backfillPromotionMarks } from '../../graph/neo4j-document-writes.ts';
import { oneChunkNews, openTestStore, uniqueSuffix } from '../support/graph.ts';

/**
 * `promotableCandidates` with pending candidates (of documents a run holds, not yet written) counts them
 * as if they were stored: support is distinct documents, stored or pending, never one document twice.
 */
describe('promotion counting pending candidates on a real Neo4j 5.26', () => {
  let graph: Neo4jGraphStore;
  let store: Neo4jVocabularyStore;

  /** A one-chunk news document naming `surface` once, mined under `key` with `cue`. */
  const document = (
    id: string,
    key: string,
    surface: string,
    label: CandidateOccurrenceWrite['label'],
    cue = 'use',
  ) => {
    const text = `The ${surface} is made here.`;
    const occurrence: CandidateOccurrenceWrite = {
      label,
      key,
      surface,
      cue,
      chunkId: `${id}#0`,
      start: 4,
      end: 4 + surface.length,
      sentence: { start: 0, end: text.length },
      head: key.split(' ').at(-1) as string,
    };
    const bundle: DocumentBundle = {
      ...oneChunkNews(id, text),
      entities: [],
      mentions: [],
      facts: [],
      candidates: [occurrence],
    };
    return { id, bundle, candidates: [occurrence] };
  };
  /** Held documents as a run hands them over: one pending row per candidate, grouped by id. */
  const pendingCandidates = (
    held: readonly { id: string; candidates: readonly CandidateOccurrenceWrite[] }[],
    replacing: readonly string[],
  ): PendingCandidates => {
    const rows = new Map<
      string,
      PendingCandidate & {
        documentIds: string[];
        surfaces: { surface: string; count: number }[];
        cues: string[];
      }
    >();
    for (const { id: documentId, candidates } of held) {
      for (const occurrence of candidates) {
        const id = candidateId(occurrence.label, occurrence.key);
        const row = rows.get(id) ?? {
          id,
          label: occurrence.label,
          key: occurrence.key,
          documentIds: [],
          surfaces: [],
          cues: [],
        };
        rows.set(id, row);
        if (!row.documentIds.includes(documentId)) row.documentIds.push(documentId);
        const surface = row.surfaces.find((entry) => entry.surface === occurrence.surface);
        if (surface) surface.count += 1;
        else row.surfaces.push({ surface: occurrence.surface, count: 1 });
        if (!row.cues.includes(occurrence.cue)) row.cues.push(occurrence.cue);
      }
    }
    return { candidates: [...rows.values()], replacing };
  };
  const promotable = async (threshold: number, pending?: PendingCandidates) =>
    new Map(
      (await store.promotableCandidates(threshold, pending)).map((candidate) => [candidate.id, candidate]),
    );

  beforeAll(async () => {
    graph = openTestStore();
    await graph.migrate();
    store = new Neo4jVocabularyStore(graph.driver);
  });
  afterAll(() => graph.close());

  it('adds pending documents to the stored ones: two stored and one pending reach a threshold of 3', async () => {
    const key = `${uniqueSuffix('stored')} binder`;
    const id = candidateId('Material', key);
    const stored = [1, 2].map((n) => document(uniqueSuffix(`doc${n}`), key, key, 'Material'));
    await graph.writeDocuments(stored.map((entry) => entry.bundle));
    expect((await promotable(3)).has(id)).toBe(false);

    const held = document(uniqueSuffix('held'), key, key.toUpperCase(), 'Material');
    const candidate = (await promotable(3, pendingCandidates([held], []))).get(id);
    expect(candidate).toMatchObject({
      id,
      label: 'Material',
      key,
      support: 3,
      occurrences: 3,
      promoted: false,
    });
    // The most frequent surface names it (two stored occurrences against one pending).
    expect(candidate?.name).toBe(key);
    expect(candidate?.surfaces).toEqual([key, key.toUpperCase()]);
    // Without the pending document, nothing changed in the graph.
    expect((await promotable(3)).has(id)).toBe(false);
  });

  it('never counts a document twice: a pending new version of a stored document replaces its occurrences', async () => {
    const key = `${uniqueSuffix('replaced')} resin`;
    const id = candidateId('Material', key);
    const stored = [1, 2].map((n) => document(uniqueSuffix(`doc${n}`), key, key, 'Material'));
    await graph.writeDocuments(stored.map((entry) => entry.bundle));
    const again = stored[0] as (typeof stored)[number];
    // The stored document read again (same id): two documents in all, below the threshold.
    expect((await promotable(3, pendingCandidates([again], [again.id]))).has(id)).toBe(false);
    const fresh = document(uniqueSuffix('fresh'), key, key, 'Material');
    expect((await promotable(3, pendingCandidates([again, fresh], [again.id]))).get(id)?.support).toBe(3);
    // Stored in three documents, promotable; a pending new version of one that no longer names it
    // takes that document out of the count.
    await graph.writeDocuments([fresh.bundle]);
    expect((await promotable(3)).get(id)?.support).toBe(3);
    const without = { id: again.id, candidates: [] };
    expect((await promotable(3, pendingCandidates([without], [again.id]))).has(id)).toBe(false);
  });

  it('promotes from pending documents alone, and marks the candidate it creates as promoted', async () => {
    const key = `${uniqueSuffix('pending')} foam`;
    const id = candidateId('Material', key);
    const held = [1, 2, 3].map((n) => document(uniqueSuffix(`held${n}`), key, key, 'Material'));
    const candidate = (await promotable(3, pendingCandidates(held, []))).get(id);
    expect(candidate).toMatchObject({ support: 3, name: key, evidence: [] });
    const termId = `material:${key.replace(/ /g, '-')}`;
    await store.promoteCandidates(
      [
        {
          candidateId: id,
          key,
          term: { id: termId, label: 'Material', name: key, origin: 'mined', support: 3 },
        },
      ],
      { actor: 'test' },
    );
    const record = await store.getCandidate(id);
    expect(record).toMatchObject({
      id,
      key,
      label: 'Material',
      promoted: true,
      promotedTo: termId,
      support: 3,
    });
    expect(await store.get(termId)).toMatchObject({ origin: 'mined', name: key });
    // Promoted: no longer promotable, whatever is pending.
    expect((await promotable(3, pendingCandidates(held, []))).has(id)).toBe(false);
  });

  it('records one audit event per term of a promotion, each with its own candidate and support', async () => {
    const keys = [`${uniqueSuffix('audit')} foam`, `${uniqueSuffix('audit')} resin`];
    const promotions = keys.map((key, index) => ({
      candidateId: candidateId('Material', key),
      key,
      term: {
        id: `material:${key.replace(/ /g, '-')}`,
        label: 'Material' as const,
        name: key,
        origin: 'mined' as const,
        support: 3 + index,
      },
    }));
    const { version, promoted } = await store.promoteCandidates(promotions, { actor: 'test:audit' });
    expect(promoted).toEqual(promotions.map((promotion) => promotion.term.id));
    const audit = new Neo4jAuditLog(graph.driver);
    const events = await Promise.all(promotions.map((promotion) => audit.listForTarget(promotion.term.id)));
    expect(events).toEqual(
      promotions.map((promotion) => [
        {
          id: expect.any(String),
          type: 'vocabulary',
          actor: 'test:audit',
          at: expect.any(String),
          targetId: promotion.term.id,
          details: {
            action: 'promote',
            candidateId: promotion.candidateId,
            support: promotion.term.support,
            broader: [],
            version,
          },
        },
      ]),
    );
    expect(new Set(events.map(([event]) => event?.id)).size).toBe(2);
  });

  it('a stated use of the company material in one pending document promotes an application', async () => {
    const key = `${uniqueSuffix('stated')} liner`;
    const id = candidateId('Application', key);
    const held = document(uniqueSuffix('held'), key, key, 'Application', 'stated-use');
    expect((await promotable(3, pendingCandidates([held], []))).get(id)).toMatchObject({
      support: 1,
      cues: ['stated-use'],
    });
    // The same cue on a material is no reason, and a plain use cue needs the threshold.
    const material = `${uniqueSuffix('stated')} blend`;
    const plain = `${uniqueSuffix('plain')} liner`;
    const others = pendingCandidates(
      [
        document(uniqueSuffix('m'), material, material, 'Material', 'stated-use'),
        document(uniqueSuffix('p'), plain, plain, 'Application'),
      ],
      [],
    );
    const found = await promotable(3, others);
    expect(found.has(candidateId('Material', material))).toBe(false);
    expect(found.has(candidateId('Application', plain))).toBe(false);
  });

  it('a stored stated use promotes below the threshold; one counted before schema version 8 once migrated', async () => {
    const key = `${uniqueSuffix('stored-stated')} liner`;
    const id = candidateId('Application', key);
    const stated = document(uniqueSuffix('stated'), key, key, 'Application', 'stated-use');
    const plainKey = `${uniqueSuffix('stored-plain')} liner`;
    const plain = document(uniqueSuffix('plain'), plainKey, plainKey, 'Application');
    await graph.writeDocuments([stated.bundle, plain.bundle]);
    await graph.refreshStaleCandidates();
    const found = await promotable(3);
    expect(found.get(id)).toMatchObject({ support: 1, cues: ['stated-use'] });
    expect(found.has(candidateId('Application', plainKey))).toBe(false);

    // As a graph of version 7 holds it: counted, without the indexed mark promotion reads.
    await graph.driver.executeQuery('MATCH (t:TermCandidate {id: $id}) REMOVE t.statedUse', { id });
    await graph.driver.executeQuery("MATCH (v:SchemaVersion {id: 'graph'}) SET v.version = 7");
    expect((await promotable(3)).has(id)).toBe(false);
    await graph.migrate();
    expect((await promotable(3)).get(id)).toMatchObject({ support: 1, cues: ['stated-use'] });
  });

  it('leaves out retired candidates however many pending documents name them', async () => {
    const key = `${uniqueSuffix('retired')} sheet`;
    const id = candidateId('Material', key);
    await graph.writeDocuments([document(uniqueSuffix('doc'), key, key, 'Material').bundle]);
    await graph.driver.executeQuery('MATCH (t:TermCandidate {id: $id}) SET t.retired = true', { id });
    const held = [1, 2, 3].map((n) => document(uniqueSuffix(`held${n}`), key, key, 'Material'));
    expect((await promotable(3, pendingCandidates(held, []))).has(id)).toBe(false);
  });

  it('keeps what promotion reads by on open candidates only, and sets it on a graph of version 8 once migrated', async () => {
    const marks = async (id: string) => {
      const { records } = await graph.driver.executeQuery(
        'MATCH (t:TermCandidate {id: $id}) RETURN t.openSupport AS openSupport, t.statedUse AS statedUse',
        { id },
      );
      const record = records[0];
      return { openSupport: record?.get('openSupport') ?? null, statedUse: record?.get('statedUse') ?? null };
    };
    // Four stated uses of the company material, each in three stored documents: all open, all promotable.
    const keys = ['promoted', 'known', 'retired', 'open'].map((name) => `${uniqueSuffix(name)} liner`);
    const ids = keys.map((key) => candidateId('Application', key));
    const [promotedId, knownId, retiredId, openId] = ids as [string, string, string, string];
    for (const key of keys) {
      await graph.writeDocuments(
        [1, 2, 3].map((n) => document(uniqueSuffix(`doc${n}`), key, key, 'Application', 'stated-use').bundle),
      );
    }
    await graph.refreshStaleCandidates();
    for (const id of ids) expect(await marks(id)).toEqual({ openSupport: 3, statedUse: true });
    expect([...(await promotable(3)).keys()]).toEqual(expect.arrayContaining(ids));

    const termOf = (key: string) => `application:${key.replace(/ /g, '-')}`;
    const promote = (candidateId: string, key: string) =>
      store.promoteCandidates(
        [
          {
            candidateId,
            key,
            term: { id: termOf(key), label: 'Application', name: key, origin: 'mined', support: 3 },
          },
        ],
        { actor: 'test' },
      );
    const [promotedKey, , retiredKey] = keys as [string, string, string, string];
    await promote(promotedId, promotedKey);
    await store.markCandidatesKnown([{ candidateId: knownId, termId: termOf(promotedKey) }]);
    // Retiring a term retires the candidates promoted to it or known as it.
    await promote(retiredId, retiredKey);
    await store.retire(termOf(retiredKey), { actor: 'test' });
    for (const id of [promotedId, knownId, retiredId]) {
      expect(await marks(id)).toEqual({ openSupport: null, statedUse: null });
    }
    expect(await marks(openId)).toEqual({ openSupport: 3, statedUse: true });
    // A recount (here: a fourth document naming the known one) never puts the marks back on a closed one.
    await graph.writeDocuments([
      document(uniqueSuffix('doc4'), keys[1] as string, keys[1] as string, 'Application', 'stated-use')
        .bundle,
    ]);
    await graph.refreshStaleCandidates();
    expect(await marks(knownId)).toEqual({ openSupport: null, statedUse: null });
    const found = await promotable(3);
    expect(found.has(openId)).toBe(true);
    for (const id of [promotedId, knownId, retiredId]) expect(found.has(id)).toBe(false);

    // As a graph of version 8 holds them: no `openSupport`, `statedUse` on closed candidates too.
    await graph.driver.executeQuery(
      'MATCH (t:TermCandidate) WHERE t.id IN $ids SET t.statedUse = true REMOVE t.openSupport',
      { ids },
    );
    await graph.driver.executeQuery("MATCH (v:SchemaVersion {id: 'graph'}) SET v.version = 8");
    expect((await promotable(3)).get(openId)).toMatchObject({ support: 3 });
    await graph.migrate();
    expect(await marks(openId)).toEqual({ openSupport: 3, statedUse: true });
    for (const id of [promotedId, knownId, retiredId]) {
      expect(await marks(id)).toEqual({ openSupport: null, statedUse: null });
    }
    // The migration goes through the candidates a page at a time: in pages of a third of them here.
    await graph.driver.executeQuery(
      'MATCH (t:TermCandidate) WHERE t.id IN $ids SET t.statedUse = true REMOVE t.openSupport',
      { ids },
    );
    const all = await graph.driver.executeQuery('MATCH (t:TermCandidate) RETURN count(t) AS n');
    const pageSize = Math.max(1, Math.floor(Number(all.records[0]?.get('n')) / 3));
    await backfillPromotionMarks(graph.driver, undefined, pageSize);
    expect(await marks(openId)).toEqual({ openSupport: 3, statedUse: true });
    for (const id of [promotedId, knownId, retiredId]) {
      expect(await marks(id)).toEqual({ openSupport: null, statedUse: null });
    }
    const index = await graph.driver.executeQuery(
      "SHOW INDEXES YIELD name WHERE name STARTS WITH 'term_candidate_' RETURN collect(name) AS names",
    );
    expect(index.records[0]?.get('names')).toContain('term_candidate_open_support');
    expect(index.records[0]?.get('names')).not.toContain('term_candidate_support');
  });
});
