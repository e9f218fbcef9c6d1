import { createHash, randomUUID } from 'node:crypto';
import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import { FreshReadCoalescer } from './fresh-read-coalescer.ts';
import type { EntityLabel, TermOrigin } from './model.ts';
import { type AuditEvent, recordAuditEvents } from './neo4j-audit-log.ts';
import { refreshStaleCandidates, refreshUsedInPaths, type UsedInPair } from './neo4j-document-writes.ts';
import { Neo4jSessionStore, type Neo4jStoreOptions, withoutUndefined } from './neo4j-session.ts';
import * as q from './neo4j-vocabulary-queries.ts';
import type { KeptVocabularySnapshot } from './vocabulary-snapshot-file.ts';
import {
  addingChanges,
  maxVersionsCaughtUp,
  snapshotOrder,
  stampInstant,
  withAddedTerms,
} from './vocabulary-snapshots.ts';
import {
  type CandidatePromotion,
  type CatalogProductTerms,
  type CatalogTermsResult,
  type ChangeContext,
  type PendingCandidate,
  type PendingCandidates,
  type PendingChanges,
  type SeedResult,
  type TermCandidateRecord,
  TermConflictError,
  type TermDefinition,
  UnknownTermError,
  type VocabularyChange,
  type VocabularyChangeKind,
  type VocabularyChangeResult,
  type VocabularyEntry,
  type VocabularyLabel,
  type VocabularyListFilter,
  type VocabularyPage,
  type VocabularySnapshot,
  type VocabularyStore,
  type VocabularyTermRecord,
} from './vocabulary-store.ts';

export interface Neo4jVocabularyStoreOptions extends Neo4jStoreOptions {
  now?: () => Date;
  /** Ids of audit events (default `audit-<uuid>`). */
  generateId?: () => string;
  /** Where the last snapshot is kept for the next process (`VocabularySnapshotFile`): reads start from it. */
  keptSnapshot?: KeptVocabularySnapshot;
}

const termLabels: readonly string[] = q.termLabels;

type Row = Record<string, unknown>;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The term as written to a node: lists instead of unions, and a digest of the definition. */
function termRow(term: TermDefinition): Row {
  const caseSensitiveAll = term.caseSensitive === true;
  const row = withoutUndefined({
    id: term.id,
    name: term.name,
    aliases: [...new Set((term.aliases ?? []).filter((alias) => alias !== term.name))],
    acronyms: [...new Set(term.acronyms ?? [])],
    caseSensitive: Array.isArray(term.caseSensitive) ? [...term.caseSensitive] : [],
    caseSensitiveAll: caseSensitiveAll || undefined,
    inflect: term.inflect,
    origin: term.origin,
    formula: term.formula,
    class: term.class,
    unit: term.unit,
    domain: term.domain,
    support: term.support,
  });
  return { ...row, termHash: createHash('sha256').update(JSON.stringify(row)).digest('hex').slice(0, 24) };
}

function toEntry(props: Row, label: string, broader: unknown): VocabularyEntry {
  if (label === 'Product') {
    return withoutUndefined({
      id: String(props.id),
      label: 'Product',
      name: String(props.name),
      aliases: strings(props.aliases),
      acronyms: [],
      origin: 'catalog',
      matched: true,
      retired: false,
      broader: [],
      materialId: props.materialId === undefined ? undefined : String(props.materialId),
    }) as unknown as VocabularyEntry;
  }
  const matched = props.term === true;
  const retired = props.retired === true;
  return withoutUndefined({
    id: String(props.id),
    label: label as EntityLabel,
    name: String(props.name),
    aliases: matched ? strings(props.termAliases) : strings(props.aliases),
    acronyms: strings(props.acronyms),
    origin: props.origin as TermOrigin | undefined,
    matched: matched && !retired,
    retired,
    mergedInto: props.mergedInto as string | undefined,
    broader: strings(broader),
    formula: props.formula as string | undefined,
    class: props.class as string | undefined,
    unit: props.unit as string | undefined,
    domain: props.domain as string | undefined,
    support: typeof props.support === 'number' ? props.support : undefined,
  }) as unknown as VocabularyEntry;
}

/** One term of a snapshot, as `snapshotTerms` returns it. */
function snapshotTermOf(record: Neo4jRecord): VocabularyTermRecord {
  const props = record.get('term') as Row;
  const caseSensitive = props.caseSensitiveAll === true ? true : strings(props.caseSensitive);
  return withoutUndefined({
    id: String(props.id),
    label: record.get('label') as EntityLabel,
    name: String(props.name),
    aliases: strings(props.termAliases),
    acronyms: strings(props.acronyms),
    caseSensitive,
    inflect: typeof props.inflect === 'boolean' ? props.inflect : undefined,
    origin: (props.origin as TermOrigin | undefined) ?? 'lexicon',
    broader: strings(record.get('broader')),
    formula: props.formula as string | undefined,
    class: props.class as string | undefined,
    unit: props.unit as string | undefined,
    domain: props.domain as string | undefined,
    support: typeof props.support === 'number' ? props.support : undefined,
    termOrder:
      props.termOrder === null || props.termOrder === undefined ? undefined : Number(props.termOrder),
  }) as unknown as VocabularyTermRecord;
}

function toCandidate(candidate: Row, evidence: unknown): TermCandidateRecord {
  return {
    id: String(candidate.id),
    label: candidate.label === 'Application' ? 'Application' : 'Material',
    key: String(candidate.key),
    name: String(candidate.name),
    surfaces: strings(candidate.surfaces),
    support: Number(candidate.support ?? 0),
    occurrences: Number(candidate.occurrences ?? 0),
    cues: strings(candidate.cues),
    promoted: candidate.promoted === true,
    ...(candidate.promotedTo ? { promotedTo: String(candidate.promotedTo) } : {}),
    retired: candidate.retired === true,
    evidence: (Array.isArray(evidence) ? evidence : []).filter(Boolean) as TermCandidateRecord['evidence'],
  };
}

const codepointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Pending candidates (of documents not yet written) that reach promotion once counted with their
 * stored occurrences, counted as `refreshStaleCandidates` would after the write: support is distinct
 * documents, the most frequent surface names it. A first look at the stored counts leaves out those
 * that cannot get there, so only a few are tallied in full.
 */
async function promotablePending(
  tx: ManagedTransaction,
  pending: PendingCandidates,
  threshold: number,
): Promise<TermCandidateRecord[]> {
  const ids = pending.candidates.map((candidate) => candidate.id);
  const states = new Map(
    (await tx.run(q.candidateStates, { ids })).records.map((record) => [
      String(record.get('id')),
      {
        support: Number(record.get('support')),
        statedUse: record.get('statedUse') === true,
        closed: record.get('closed') === true,
      },
    ]),
  );
  const statedUse = (candidate: PendingCandidate, storedUse: boolean) =>
    candidate.label === 'Application' && (storedUse || candidate.cues.includes('stated-use'));
  const shortlist = pending.candidates.filter((candidate) => {
    const state = states.get(candidate.id);
    if (state?.closed) return false;
    return (
      statedUse(candidate, state?.statedUse === true) ||
      (state?.support ?? 0) + candidate.documentIds.length >= threshold
    );
  });
  if (shortlist.length === 0) return [];
  const tallies = new Map(
    (
      await tx.run(q.storedTallies, {
        ids: shortlist.filter((candidate) => states.has(candidate.id)).map((candidate) => candidate.id),
        replacing: [...pending.replacing],
      })
    ).records.map((record) => [String(record.get('id')), record.toObject() as Row]),
  );
  const promotable: TermCandidateRecord[] = [];
  for (const candidate of shortlist) {
    const tally = tallies.get(candidate.id);
    const documents = new Set([...strings(tally?.documents), ...candidate.documentIds]);
    const cues = [...new Set([...strings(tally?.cues), ...candidate.cues])];
    const counts = new Map<string, number>();
    const storedSurfaces = Array.isArray(tally?.surfaces) ? (tally.surfaces as Row[]) : [];
    for (const { surface, count } of [
      ...storedSurfaces.map((row) => ({ surface: String(row.surface), count: Number(row.count) })),
      ...candidate.surfaces,
    ]) {
      counts.set(surface, (counts.get(surface) ?? 0) + count);
    }
    const surfaces = [...counts]
      .sort(([a, x], [b, y]) => y - x || codepointOrder(a, b))
      .map(([surface]) => surface);
    const support = documents.size;
    if (support < threshold && !statedUse(candidate, cues.includes('stated-use'))) continue;
    promotable.push({
      id: candidate.id,
      label: candidate.label,
      key: candidate.key,
      name: surfaces[0] ?? String(tally?.name ?? candidate.key),
      surfaces,
      support,
      occurrences: Number(tally?.occurrences ?? 0) + candidate.surfaces.reduce((sum, s) => sum + s.count, 0),
      cues,
      promoted: false,
      retired: false,
      evidence: (Array.isArray(tally?.evidence) ? tally.evidence : []).filter(
        Boolean,
      ) as TermCandidateRecord['evidence'],
    });
  }
  return promotable;
}

function toChange(props: Row): VocabularyChange {
  return {
    version: Number(props.version),
    kind: String(props.kind) as VocabularyChangeKind,
    surfaces: strings(props.surfaces),
    entityIds: strings(props.entityIds),
    documentIds: strings(props.documentIds),
    all: props.all === true,
    at: String(props.at ?? ''),
    actor: String(props.actor ?? ''),
  };
}

const lower = (text: string) => text.trim().toLowerCase();

/**
 * VocabularyStore on Neo4j. Terms are the entity nodes themselves (`term: true`, curated names in
 * `termAliases`/`acronyms`, `origin`, `retired`); products are terms through their names. The version
 * lives on `(:VocabularyVersion {id: 'vocabulary'})`, each change on a `(:VocabularyChange)`.
 */
export class Neo4jVocabularyStore extends Neo4jSessionStore implements VocabularyStore {
  private readonly now: () => Date;
  private readonly generateId: () => string;
  private readonly keptSnapshot: KeptVocabularySnapshot | undefined;
  private readonly versionReads = new FreshReadCoalescer(() =>
    this.read(async (tx) => q.readStampedVersion(tx)),
  );

  constructor(driver: Driver, options: Neo4jVocabularyStoreOptions = {}) {
    super(driver, options);
    this.now = options.now ?? (() => new Date());
    this.generateId = options.generateId ?? (() => `audit-${randomUUID()}`);
    this.keptSnapshot = options.keptSnapshot;
  }

  /** Callers asking together share one read (ingestion asks once per document), never an older one. */
  async version(): Promise<number> {
    return (await this.versionReads.get()).version;
  }

  /** Shares its read with `version()`. */
  async stamp(): Promise<string> {
    return (await this.versionReads.get()).stamp;
  }

  async seededDigest(): Promise<string | undefined> {
    return this.read(async (tx) => {
      const digest = (await tx.run(q.readVersion)).records[0]?.get('digest');
      return typeof digest === 'string' ? digest : undefined;
    });
  }

  async snapshot(since?: VocabularySnapshot): Promise<VocabularySnapshot> {
    if (!this.keptSnapshot) return this.readSnapshot(since);
    const snapshot = await this.readSnapshot(since ?? (await this.keptSnapshot.latest()));
    this.keptSnapshot.keep(snapshot);
    return snapshot;
  }

  private async readSnapshot(since: VocabularySnapshot | undefined): Promise<VocabularySnapshot> {
    return this.read(async (tx) => {
      const current = await q.readStampedVersion(tx);
      if (since?.stamp === current.stamp) return since;
      const added = since ? await this.addedSince(tx, since, current.version) : undefined;
      if (since && added) return withAddedTerms(since, added, current);
      const terms = (await tx.run(q.snapshotTerms, { termLabels })).records.map(snapshotTermOf);
      // The order a snapshot caught up change by change gives too (Cypher sorted them already).
      terms.sort(snapshotOrder);
      for (const record of (await tx.run(q.snapshotProducts)).records) {
        const names = [String(record.get('name')), ...strings(record.get('aliases'))];
        terms.push({
          id: String(record.get('id')),
          label: 'Material',
          name: names[0] as string,
          aliases: names.slice(1),
          // Trade names written in capitals ("APEL", "TPX") are only those words in capitals.
          caseSensitive: names.filter((name) => !/\p{Ll}/u.test(name)),
          origin: 'catalog',
          materialId: String(record.get('materialId')),
        });
      }
      const retired = (await tx.run(q.retiredIds)).records.map((record) => String(record.get('id')));
      return { version: current.version, stamp: current.stamp, terms, retiredIds: retired };
    });
  }

  /**
   * The terms the versions after `since` wrote, when each of them only added terms and `since` is of
   * this graph's history: the change that made it has its instant (a restore brings back other
   * changes). Undefined when the snapshot must be read whole: a term edited, merged or retired, a
   * catalog import, a seed, a term written again or retired before, or too many versions behind.
   */
  private async addedSince(
    tx: ManagedTransaction,
    since: VocabularySnapshot,
    version: number,
  ): Promise<VocabularyTermRecord[] | undefined> {
    if (version <= since.version || version - since.version > maxVersionsCaughtUp) return undefined;
    const changes = (await tx.run(q.changesBetween, { from: since.version, to: version })).records.map(
      (record) => ({
        version: Number(record.get('version')),
        kind: record.get('kind') as VocabularyChangeKind,
        entityIds: strings(record.get('entityIds')),
        at: String(record.get('at')),
      }),
    );
    const [made, ...after] = changes;
    if (made?.version !== since.version || made.at !== stampInstant(since.stamp)) return undefined;
    if (after.length !== version - since.version) return undefined;
    const adding = after.every(
      (change, index) => change.version === since.version + 1 + index && addingChanges.has(change.kind),
    );
    if (!adding) return undefined;
    const ids = [...new Set(after.flatMap((change) => change.entityIds))];
    const held = new Set([...since.terms.map((term) => term.id), ...since.retiredIds]);
    if (ids.some((id) => held.has(id))) return undefined;
    const terms = (await tx.run(q.snapshotTermsById, { ids, termLabels })).records.map(snapshotTermOf);
    return terms.some((term) => term.termOrder !== undefined) ? undefined : terms;
  }

  async seed(
    terms: readonly TermDefinition[],
    options: { digest: string } & ChangeContext,
  ): Promise<SeedResult> {
    const at = options.at ?? this.now().toISOString();
    return this.write(async (tx) => {
      const current = (await tx.run(q.readVersion)).records[0];
      const digest = current?.get('digest') as string | null;
      const version = Number(current?.get('version') ?? 0);
      if (digest === options.digest) return { seeded: false, version, changed: 0 };
      const written = await this.upsertTerms(tx, terms, at, true);
      await this.linkBroader(tx, terms);
      // The first seed describes what documents were already extracted with; a later lexicon
      // re-extracts the chunks that name its new or changed terms.
      const changedTerms = terms.filter((term) => written.has(term.id));
      const surfaces = digest === null ? [] : changedTerms.flatMap(surfacesOf);
      const next = await this.bump(tx, { kind: 'seed', surfaces, actor: options.actor, at });
      await tx.run(q.recordLexiconDigest, { digest: options.digest });
      await this.audit(tx, options, at, 'vocabulary', {
        action: 'seed',
        digest: options.digest,
        changed: changedTerms.length,
        version: next,
      });
      return { seeded: true, version: next, changed: changedTerms.length };
    });
  }

  async list(filter: VocabularyListFilter = {}): Promise<VocabularyPage> {
    const parameters = {
      termLabels,
      label: filter.label ?? null,
      origin: filter.origin ?? null,
      q: filter.q?.trim() ? lower(filter.q) : null,
      includeRetired: filter.includeRetired === true,
      limit: neo4j.int(Math.max(1, Math.min(filter.limit ?? 100, 1000))),
      offset: neo4j.int(Math.max(0, filter.offset ?? 0)),
    };
    return this.read(async (tx) => {
      const version = Number((await tx.run(q.readVersion)).records[0]?.get('version') ?? 0);
      const total = Number((await tx.run(q.countEntries, parameters)).records[0]?.get('total') ?? 0);
      const entries = (await tx.run(q.listEntries, parameters)).records.map((record) =>
        toEntry(record.get('props'), String(record.get('label')), record.get('broader')),
      );
      return { entries, total, version };
    });
  }

  async get(id: string): Promise<VocabularyEntry | undefined> {
    return this.read((tx) => this.readEntry(tx, id));
  }

  async findByName(label: VocabularyLabel, name: string): Promise<VocabularyEntry[]> {
    return this.read((tx) => this.entriesNamed(tx, label, name));
  }

  async add(term: TermDefinition, context: ChangeContext): Promise<VocabularyChangeResult> {
    const at = context.at ?? this.now().toISOString();
    return this.write(async (tx) => {
      const existing = await this.readEntry(tx, term.id);
      if (existing?.retired) {
        throw new TermConflictError(
          `'${term.id}' is retired${existing.mergedInto ? ` (merged into '${existing.mergedInto}')` : ''}`,
          existing.mergedInto ? `add an alias to '${existing.mergedInto}' instead` : '',
        );
      }
      if (existing?.matched) {
        throw new TermConflictError(
          `vocabulary term '${term.id}' exists already`,
          `add names with \`matscout vocab alias ${term.id} <alias>\``,
        );
      }
      if (existing && existing.label !== term.label) {
        throw new TermConflictError(`'${term.id}' is a ${existing.label}, not a ${term.label}`);
      }
      await this.checkNamesFree(
        tx,
        term.label,
        [term.name, ...(term.aliases ?? []), ...(term.acronyms ?? [])],
        [term.id],
      );
      for (const broaderId of term.broader ?? []) {
        const broader = await this.readEntry(tx, broaderId);
        if (!broader || broader.retired) throw new UnknownTermError(broaderId);
        if (broader.label !== term.label)
          throw new TermConflictError(
            `broader term '${broaderId}' is a ${broader.label}, not a ${term.label}`,
          );
      }
      await this.upsertTerms(tx, [term], at);
      await this.linkBroader(tx, [term]);
      const version = await this.bump(tx, {
        kind: 'add',
        surfaces: surfacesOf(term),
        entityIds: [term.id],
        actor: context.actor,
        at,
      });
      await this.audit(tx, context, at, term.id, {
        action: 'add',
        term: withoutUndefined({ ...term }),
        version,
      });
      return { entry: (await this.readEntry(tx, term.id)) as VocabularyEntry, version, changed: true };
    });
  }

  async addAliases(
    id: string,
    names: { aliases?: readonly string[]; acronyms?: readonly string[] },
    context: ChangeContext,
  ): Promise<VocabularyChangeResult> {
    const at = context.at ?? this.now().toISOString();
    return this.write(async (tx) => {
      const entry = await this.readEntry(tx, id);
      if (!entry) throw new UnknownTermError(id);
      if (entry.retired) {
        throw new TermConflictError(
          `'${id}' is retired${entry.mergedInto ? ` (merged into '${entry.mergedInto}')` : ''}`,
        );
      }
      const known = new Set([entry.name, ...entry.aliases, ...entry.acronyms].map(lower));
      const aliases = [...new Set((names.aliases ?? []).map((a) => a.trim()).filter(Boolean))].filter(
        (alias) => !known.has(lower(alias)),
      );
      const acronyms = [...new Set((names.acronyms ?? []).map((a) => a.trim()).filter(Boolean))].filter(
        (acronym) => !known.has(lower(acronym)),
      );
      if (aliases.length === 0 && acronyms.length === 0 && entry.matched) {
        const version = Number((await tx.run(q.readVersion)).records[0]?.get('version') ?? 0);
        return { entry, version, changed: false };
      }
      await this.checkNamesFree(tx, entry.label, [...aliases, ...acronyms], [id]);
      if (entry.label === 'Product') {
        await tx.run(q.addProductAliases, { id, aliases, acronyms });
      } else {
        await tx.run(q.addEntityAliases, { id, aliases, acronyms, at });
      }
      const version = await this.bump(tx, {
        kind: 'alias',
        surfaces: [...aliases, ...acronyms],
        entityIds: entry.label === 'Product' || entry.matched ? [] : [id],
        actor: context.actor,
        at,
      });
      await this.audit(tx, context, at, id, { action: 'alias', aliases, acronyms, version });
      return { entry: (await this.readEntry(tx, id)) as VocabularyEntry, version, changed: true };
    });
  }

  async merge(mergedId: string, survivorId: string, context: ChangeContext): Promise<VocabularyChangeResult> {
    const at = context.at ?? this.now().toISOString();
    return this.write(async (tx) => {
      if (mergedId === survivorId) throw new TermConflictError('a term cannot be merged into itself');
      const merged = await this.readEntry(tx, mergedId);
      const survivor = await this.readEntry(tx, survivorId);
      if (!merged) throw new UnknownTermError(mergedId);
      if (!survivor) throw new UnknownTermError(survivorId);
      if (merged.label === 'Product' || survivor.label === 'Product') {
        throw new TermConflictError('products are merged through the catalog, not the vocabulary');
      }
      if (merged.label !== survivor.label) {
        throw new TermConflictError(
          `cannot merge a ${merged.label} ('${mergedId}') into a ${survivor.label} ('${survivorId}')`,
        );
      }
      for (const entry of [merged, survivor]) {
        if (entry.retired) throw new TermConflictError(`'${entry.id}' is retired`);
      }
      const documentIds = await this.documentsNaming(tx, mergedId);
      const ids = { mergedId, survivorId, at };
      await tx.run(q.mergeNames, ids);
      await tx.run(q.dropMergedFastPaths, ids);
      await tx.run(q.moveRelationships, ids);
      await tx.run(q.dedupeMentions, ids);
      await tx.run(q.dedupeFacts, ids);
      await tx.run(q.dedupeOtherRelationships, ids);
      await tx.run(q.renameReferences, ids);
      const pairs: UsedInPair[] = (await tx.run(q.survivorPairs, ids)).records.map((record) => ({
        subjectId: String(record.get('subjectId')),
        objectId: String(record.get('objectId')),
      }));
      if (pairs.length > 0) await tx.run(refreshUsedInPaths, { pairs });
      await tx.run(q.markMerged, ids);
      const version = await this.bump(tx, {
        kind: 'merge',
        entityIds: [survivorId],
        documentIds,
        actor: context.actor,
        at,
      });
      await this.audit(tx, context, at, survivorId, {
        action: 'merge',
        mergedId,
        survivorId,
        documents: documentIds.length,
        version,
      });
      return { entry: (await this.readEntry(tx, survivorId)) as VocabularyEntry, version, changed: true };
    });
  }

  async retire(id: string, context: ChangeContext): Promise<VocabularyChangeResult> {
    const at = context.at ?? this.now().toISOString();
    return this.write(async (tx) => {
      const entry = await this.readEntry(tx, id);
      if (!entry) throw new UnknownTermError(id);
      if (entry.label === 'Product') {
        throw new TermConflictError('products leave the vocabulary through the catalog, not by retiring');
      }
      if (entry.retired) throw new TermConflictError(`'${id}' is retired already`);
      const documentIds = await this.documentsNaming(tx, id);
      await tx.run(q.retireTerm, { id, at });
      const version = await this.bump(tx, {
        kind: 'retire',
        entityIds: [id],
        documentIds,
        actor: context.actor,
        at,
      });
      await this.audit(tx, context, at, id, { action: 'retire', documents: documentIds.length, version });
      return { entry: (await this.readEntry(tx, id)) as VocabularyEntry, version, changed: true };
    });
  }

  async addCatalogTerms(
    terms: readonly TermDefinition[],
    products: readonly CatalogProductTerms[],
    context: ChangeContext,
  ): Promise<CatalogTermsResult> {
    const at = context.at ?? this.now().toISOString();
    return this.write(async (tx) => {
      const written = await this.upsertTerms(tx, terms, at);
      await tx.run(q.releaseSurfaces, {
        rows: terms.map((term) => ({
          id: term.id,
          label: term.label,
          surfaces: surfacesOf(term).map((surface) => surface.toLowerCase()),
        })),
      });
      await this.linkBroader(tx, terms);
      const grown = terms.filter((term) => written.get(term.id) === true);
      if (grown.length === 0 && products.length === 0) return { changed: [] };
      const surfaces = [
        ...grown.flatMap(surfacesOf),
        ...products.flatMap((product) => [product.name, ...product.aliases]),
      ];
      const changed = [...grown.map((term) => term.id), ...products.map((product) => product.id)];
      const version = await this.bump(tx, {
        kind: 'catalog',
        surfaces,
        entityIds: grown.map((term) => term.id),
        actor: context.actor,
        at,
      });
      await this.audit(tx, context, at, 'vocabulary', { action: 'catalog', changed, version });
      return { version, changed };
    });
  }

  async promotableCandidates(threshold: number, pending?: PendingCandidates): Promise<TermCandidateRecord[]> {
    // Ingestion defers support counts; a reader counts what a killed run left stale before reading.
    await refreshStaleCandidates(this.driver, this.database);
    return this.read(async (tx) => {
      const stored = (await tx.run(q.promotableCandidates, { threshold: neo4j.int(threshold) })).records.map(
        (record) => toCandidate(record.get('candidate'), record.get('evidence')),
      );
      if (!pending || (pending.candidates.length === 0 && pending.replacing.length === 0)) return stored;
      // Pending documents change the count of the candidates they name, and of those the stored versions
      // they replace named: those are counted again, in full, and kept only if they still qualify.
      const named = new Set(pending.candidates.map((candidate) => candidate.id));
      const replaced =
        pending.replacing.length === 0 ? [] : stored.filter((candidate) => !named.has(candidate.id));
      const recount: PendingCandidate[] = [
        ...pending.candidates,
        ...replaced.map((candidate) => ({
          id: candidate.id,
          label: candidate.label,
          key: candidate.key,
          documentIds: [],
          surfaces: [],
          cues: [],
        })),
      ];
      const recounted = new Set(recount.map((candidate) => candidate.id));
      const byId = new Map(
        stored
          .filter((candidate) => !recounted.has(candidate.id))
          .map((candidate) => [candidate.id, candidate]),
      );
      for (const candidate of await promotablePending(tx, { ...pending, candidates: recount }, threshold)) {
        byId.set(candidate.id, candidate);
      }
      return [...byId.values()].sort((a, b) => b.support - a.support || codepointOrder(a.id, b.id));
    });
  }

  async getCandidate(id: string): Promise<TermCandidateRecord | undefined> {
    await refreshStaleCandidates(this.driver, this.database);
    return this.read(async (tx) => {
      const record = (await tx.run(q.getCandidate, { id })).records[0];
      return record ? toCandidate(record.get('candidate'), record.get('evidence')) : undefined;
    });
  }

  async promoteCandidates(
    promotions: readonly CandidatePromotion[],
    context: ChangeContext,
  ): Promise<{ version?: number; promoted: string[] }> {
    if (promotions.length === 0) return { promoted: [] };
    const at = context.at ?? this.now().toISOString();
    return this.write(async (tx) => {
      const retired = new Set(
        (await tx.run(q.retiredAmong, { ids: promotions.map((p) => p.term.id) })).records.map((record) =>
          String(record.get('id')),
        ),
      );
      const kept = promotions.filter((promotion) => !retired.has(promotion.term.id));
      const terms = kept.map((promotion) => promotion.term);
      await this.upsertTerms(tx, terms, at);
      await this.linkBroader(tx, terms);
      await tx.run(q.markPromoted, {
        rows: kept.map((promotion) => ({
          candidateId: promotion.candidateId,
          termId: promotion.term.id,
          label: promotion.term.label,
          key: promotion.key,
          name: promotion.term.name,
          surfaces: [promotion.term.name, ...(promotion.term.aliases ?? [])],
          support: neo4j.int(promotion.term.support ?? 0),
        })),
        at,
      });
      const dropped = promotions.filter((promotion) => retired.has(promotion.term.id));
      if (dropped.length > 0) {
        await tx.run(q.markKnown, {
          rows: dropped.map((promotion) => ({
            candidateId: promotion.candidateId,
            termId: promotion.term.id,
          })),
        });
      }
      if (kept.length === 0) return { promoted: [] };
      const version = await this.bump(tx, {
        kind: 'promote',
        surfaces: terms.flatMap(surfacesOf),
        entityIds: terms.map((term) => term.id),
        actor: context.actor,
        at,
      });
      await recordAuditEvents(
        tx,
        kept.map((promotion) =>
          this.auditEvent(context, at, promotion.term.id, {
            action: 'promote',
            candidateId: promotion.candidateId,
            support: promotion.term.support,
            broader: promotion.term.broader ?? [],
            version,
          }),
        ),
      );
      return { version, promoted: terms.map((term) => term.id) };
    });
  }

  async markCandidatesKnown(ids: readonly { candidateId: string; termId: string }[]): Promise<void> {
    if (ids.length === 0) return;
    await this.write((tx) => tx.run(q.markKnown, { rows: [...ids] }));
  }

  async requestFullReextraction(context: ChangeContext): Promise<number> {
    const at = context.at ?? this.now().toISOString();
    return this.write(async (tx) => {
      const version = await this.bump(tx, { kind: 'reextract-all', all: true, actor: context.actor, at });
      await this.audit(tx, context, at, 'vocabulary', { action: 'reextract-all', version });
      return version;
    });
  }

  async pendingChanges(): Promise<PendingChanges> {
    return this.read(async (tx) => {
      const record = (await tx.run(q.pendingChanges)).records[0];
      return {
        version: Number(record?.get('version') ?? 0),
        watermark: Number(record?.get('watermark') ?? 0),
        writtenBehind: Number(record?.get('writtenBehind') ?? 0),
        changes: ((record?.get('changes') as Row[] | undefined) ?? []).map(toChange),
      };
    });
  }

  async markReextracted(version: number, writtenBehind?: number): Promise<boolean> {
    const result = await this.write((tx) =>
      tx.run(q.markReextracted, {
        version: neo4j.int(version),
        writtenBehind: writtenBehind === undefined ? null : neo4j.int(writtenBehind),
      }),
    );
    return Number(result.records[0]?.get('marked') ?? 0) > 0;
  }

  private async readEntry(tx: ManagedTransaction, id: string): Promise<VocabularyEntry | undefined> {
    const record = (await tx.run(q.getEntry, { id, termLabels })).records[0];
    return record
      ? toEntry(record.get('props'), String(record.get('label')), record.get('broader'))
      : undefined;
  }

  private async entriesNamed(
    tx: ManagedTransaction,
    label: VocabularyLabel,
    name: string,
  ): Promise<VocabularyEntry[]> {
    return (await tx.run(q.findByName, { label, name: lower(name), termLabels })).records.map((record) =>
      toEntry(record.get('props'), String(record.get('label')), record.get('broader')),
    );
  }

  /** A name already used by another active term of the label is a conflict (alias or merge instead). */
  private async checkNamesFree(
    tx: ManagedTransaction,
    label: VocabularyLabel,
    names: readonly string[],
    ownIds: readonly string[],
  ): Promise<void> {
    for (const name of new Set(names)) {
      const owners = (await this.entriesNamed(tx, label, name)).filter((entry) => !ownIds.includes(entry.id));
      const owner = owners[0];
      if (owner) {
        throw new TermConflictError(
          `'${name}' already names '${owner.id}'`,
          `merge the terms with \`matscout vocab merge <id> ${owner.id}\`, or choose another name`,
        );
      }
    }
  }

  private async documentsNaming(tx: ManagedTransaction, id: string): Promise<string[]> {
    const record = (await tx.run(q.documentsNaming, { id })).records[0];
    return strings(record?.get('documentIds'));
  }

  /** Upserts terms label by label; returns the ids written, each with whether it gained a name. */
  private async upsertTerms(
    tx: ManagedTransaction,
    terms: readonly TermDefinition[],
    at: string,
    seeding = false,
  ): Promise<Map<string, boolean>> {
    const written = new Map<string, boolean>();
    for (const label of q.termLabels) {
      // A seeded term keeps its place in the lexicon: when one name denotes several terms, the matcher
      // prefers the one listed first, so the graph must give them back in the same order.
      const rows = terms
        .map((term, index) => ({ term, index }))
        .filter(({ term }) => term.label === label)
        .map(({ term, index }) => ({ ...termRow(term), ...(seeding ? { termOrder: index } : {}) }));
      if (rows.length === 0) continue;
      for (const record of (await tx.run(q.upsertTerms(label), { rows, at, seeding })).records) {
        written.set(String(record.get('id')), record.get('grew') === true);
      }
    }
    return written;
  }

  private async linkBroader(tx: ManagedTransaction, terms: readonly TermDefinition[]): Promise<void> {
    const links = terms.flatMap((term) => (term.broader ?? []).map((to) => ({ from: term.id, to })));
    if (links.length > 0) await tx.run(q.linkBroader, { links });
  }

  private async bump(
    tx: ManagedTransaction,
    change: Partial<Omit<VocabularyChange, 'version'>> & {
      kind: VocabularyChangeKind;
      actor: string;
      at: string;
    },
  ): Promise<number> {
    const record = (
      await tx.run(q.bumpVersion, {
        change: {
          kind: change.kind,
          surfaces: [...new Set(change.surfaces ?? [])],
          entityIds: [...new Set(change.entityIds ?? [])],
          documentIds: [...new Set(change.documentIds ?? [])],
          all: change.all ?? false,
          at: change.at,
          actor: change.actor,
        },
      })
    ).records[0];
    return Number(record?.get('version'));
  }

  private async audit(
    tx: ManagedTransaction,
    context: ChangeContext,
    at: string,
    targetId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordAuditEvents(tx, [this.auditEvent(context, at, targetId, details)]);
  }

  private auditEvent(
    context: ChangeContext,
    at: string,
    targetId: string,
    details: Record<string, unknown>,
  ): AuditEvent {
    return { id: this.generateId(), type: 'vocabulary', actor: context.actor, at, targetId, details };
  }
}

/** The forms of a term that may occur in texts: its name, aliases and acronyms. */
function surfacesOf(term: TermDefinition): string[] {
  return [term.name, ...(term.aliases ?? []), ...(term.acronyms ?? [])];
}
