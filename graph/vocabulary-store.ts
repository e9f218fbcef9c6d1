import { GraphError } from './errors.ts';
import type { EntityLabel, TermOrigin } from './model.ts';

/** What a vocabulary entry can be: an entity of one of the four labels, or a catalog product. */
export type VocabularyLabel = EntityLabel | 'Product';

/**
 * A term's definition as the matcher needs it. `aliases` are the curated alternative names (never the
 * surfaces extraction happened to see); `acronyms` count only where a document names the term otherwise.
 */
export interface TermDefinition {
  /** Full entity id (`material:silica-aerogel`). */
  id: string;
  label: EntityLabel;
  name: string;
  aliases?: readonly string[];
  acronyms?: readonly string[];
  /** Aliases matched only with exactly this capitalisation (`true`: all of them). */
  caseSensitive?: readonly string[] | boolean;
  /** Also match the regular plural of each alias's last word (Material and Application only). */
  inflect?: boolean;
  origin: TermOrigin;
  /** Ids of broader terms of the same label. */
  broader?: readonly string[];
  formula?: string;
  class?: string;
  unit?: string;
  domain?: string;
  /** Mined terms: distinct documents at promotion. */
  support?: number;
}

/** One entry of the vocabulary as listed: an entity (matched or not) or a product. */
export interface VocabularyEntry {
  id: string;
  label: VocabularyLabel;
  name: string;
  /** Curated aliases (products: the catalog aliases). */
  aliases: string[];
  acronyms: string[];
  /** Set on entities created before origins were recorded. */
  origin?: TermOrigin;
  /** Whether extraction looks for it (false for entities only patterns or an LLM found). */
  matched: boolean;
  retired: boolean;
  /** The survivor, when the entry was merged into another. */
  mergedInto?: string;
  broader: string[];
  formula?: string;
  class?: string;
  unit?: string;
  domain?: string;
  support?: number;
  /** Products: the (primary) material, which product mentions count for. */
  materialId?: string;
}

/** An active term with everything needed to compile the matcher (products carry `materialId`). */
export interface VocabularyTermRecord extends Omit<TermDefinition, 'label' | 'origin'> {
  label: EntityLabel;
  origin: TermOrigin;
  /** Product terms: the id is the product's, mentions resolve to this material. */
  materialId?: string;
  /** A seeded lexicon term's place in the lexicon, which orders snapshots (`snapshotOrder`). */
  termOrder?: number;
}

/**
 * What a cache of the vocabulary is keyed by: the version number and when that version was made. The
 * number alone is not enough: a restore can bring back a number the graph had, with other terms (a
 * backup of another graph, or of this one before its history went another way), never with the same
 * instant. Versions made before `updatedAt` was recorded stamp as the number alone.
 */
export function vocabularyStamp(version: number, updatedAt: string): string {
  return `${version}|${updatedAt}`;
}

/** The active vocabulary at one version, for building the matcher. */
export interface VocabularySnapshot {
  version: number;
  /** The version's identity for caches (`vocabularyStamp`). */
  stamp: string;
  terms: VocabularyTermRecord[];
  /** Retired (and merged) entity ids: extraction must not produce them again. */
  retiredIds: string[];
}

export type VocabularyChangeKind =
  | 'seed'
  | 'catalog'
  | 'add'
  | 'alias'
  | 'merge'
  | 'retire'
  | 'promote'
  | 'reextract-all';

/**
 * One recorded change: which stored documents it may affect (chunks with these surface forms, chunks
 * or facts that name these entities, these documents, or every document).
 */
export interface VocabularyChange {
  version: number;
  kind: VocabularyChangeKind;
  surfaces: string[];
  entityIds: string[];
  documentIds: string[];
  all: boolean;
  at: string;
  actor: string;
}

/** Who makes a change and when; the store writes the AuditEvent in the change's transaction. */
export interface ChangeContext {
  actor: string;
  at?: string;
}

export interface VocabularyListFilter {
  label?: VocabularyLabel;
  origin?: TermOrigin;
  /** Case-insensitive substring of the name or an alias. */
  q?: string;
  includeRetired?: boolean;
  limit?: number;
  offset?: number;
}

export interface VocabularyPage {
  entries: VocabularyEntry[];
  total: number;
  version: number;
}

/** The outcome of a change: the entry afterwards and the vocabulary version it made. */
export interface VocabularyChangeResult {
  entry: VocabularyEntry;
  version: number;
  /** False when there was nothing to change (aliases it had already): no new version. */
  changed: boolean;
}

export interface SeedResult {
  /** False when the graph already holds this lexicon (same digest): nothing was written. */
  seeded: boolean;
  version: number;
  /** Terms created or changed by this seed. */
  changed: number;
}

/** A product of the catalog as a vocabulary source: its names count as mentions of its material. */
export interface CatalogProductTerms {
  id: string;
  name: string;
  aliases: readonly string[];
  materialId: string;
}

export interface CatalogTermsResult {
  /** Undefined when nothing changed (re-importing the same catalog). */
  version?: number;
  /** Terms created or given new names. */
  changed: string[];
}

/** A mined candidate term with its support, as stored. */
export interface TermCandidateRecord {
  id: string;
  label: 'Material' | 'Application';
  key: string;
  name: string;
  surfaces: string[];
  support: number;
  occurrences: number;
  cues: string[];
  promoted: boolean;
  promotedTo?: string;
  retired: boolean;
  /** Up to 20 evidence sentences as chunk spans. */
  evidence: { documentId: string; chunkId: string; start: number; end: number }[];
}

/** A candidate to promote: the entity it becomes. */
export interface CandidatePromotion {
  candidateId: string;
  /** The candidate's canonical key (a candidate known only from pending documents is created with it). */
  key: string;
  term: TermDefinition;
}

/**
 * Mined candidates of documents analysed but not yet written (a run's held window), counted with the
 * stored ones by `promotableCandidates`: so a run can promote before it writes, and write each document
 * once, already extracted with the terms it brings.
 */
export interface PendingCandidates {
  candidates: readonly PendingCandidate[];
  /** Stored documents these pending ones replace: their stored occurrences are not counted. */
  replacing: readonly string[];
}

export interface PendingCandidate {
  id: string;
  label: 'Material' | 'Application';
  key: string;
  /** The pending documents that name it. */
  documentIds: readonly string[];
  /** Each surface it was seen under, with how many times. */
  surfaces: readonly { surface: string; count: number }[];
  cues: readonly string[];
}

/** Progress of re-extraction: changes after `watermark` are not yet fully applied to stored chunks. */
export interface PendingChanges {
  watermark: number;
  version: number;
  /** How many batches were written with an older vocabulary than the graph's, ever (see `markReextracted`). */
  writtenBehind: number;
  changes: VocabularyChange[];
}

/**
 * The vocabulary in the graph: entities (and product names) are the terms extraction matches, each
 * with its origin. Every change bumps a monotonic version, records what it affects for re-extraction
 * and writes an AuditEvent, all in one transaction.
 */
export interface VocabularyStore {
  /** The current version (0 before anything was seeded). */
  version(): Promise<number>;
  /** The current version's identity (`vocabularyStamp`): what caches compare, never the number alone. */
  stamp(): Promise<string>;
  /**
   * The active terms at the current version (read in one transaction). Given an earlier snapshot of
   * this graph, only what changed since is read when the versions between only added terms (a
   * promotion, a term added); the result is what a whole read gives.
   */
  snapshot(since?: VocabularySnapshot): Promise<VocabularySnapshot>;
  /** The digest of the lexicon last seeded (undefined before the first seed). */
  seededDigest(): Promise<string | undefined>;
  /** Writes the bundled lexicon's terms unless this digest was seeded already; idempotent. */
  seed(terms: readonly TermDefinition[], options: { digest: string } & ChangeContext): Promise<SeedResult>;
  list(filter?: VocabularyListFilter): Promise<VocabularyPage>;
  get(id: string): Promise<VocabularyEntry | undefined>;
  /** Active entries of a label whose name or curated alias equals `name` (case-insensitive). */
  findByName(label: VocabularyLabel, name: string): Promise<VocabularyEntry[]>;
  /** A new term (or a known entity made a matched term). 409 (`TermConflictError`) when it exists. */
  add(term: TermDefinition, context: ChangeContext): Promise<VocabularyChangeResult>;
  /** Adds aliases (and acronyms) to a term or product. */
  addAliases(
    id: string,
    names: { aliases?: readonly string[]; acronyms?: readonly string[] },
    context: ChangeContext,
  ): Promise<VocabularyChangeResult>;
  /**
   * Merges `mergedId` into `survivorId`: mentions, facts and every other relationship move to the
   * survivor (duplicates collapse), the merged names become aliases, the merged entry stays retired.
   */
  merge(mergedId: string, survivorId: string, context: ChangeContext): Promise<VocabularyChangeResult>;
  /** Marks a term retired: no longer matched, kept for history; a mined term's candidate is never promoted again. */
  retire(id: string, context: ChangeContext): Promise<VocabularyChangeResult>;
  /** Catalog import: the terms it names (origin `catalog` when new) and its products' names. */
  addCatalogTerms(
    terms: readonly TermDefinition[],
    products: readonly CatalogProductTerms[],
    context: ChangeContext,
  ): Promise<CatalogTermsResult>;
  /**
   * Candidates to promote (support at the threshold, or an application with a `stated-use` occurrence),
   * neither promoted nor retired; `pending` occurrences are counted as if their documents were stored.
   */
  promotableCandidates(threshold: number, pending?: PendingCandidates): Promise<TermCandidateRecord[]>;
  getCandidate(id: string): Promise<TermCandidateRecord | undefined>;
  /** Creates the entities (origin `mined`, with support and BROADER links) in one version. */
  promoteCandidates(
    promotions: readonly CandidatePromotion[],
    context: ChangeContext,
  ): Promise<{ version?: number; promoted: string[] }>;
  /** Marks candidates as naming a term that exists already (never promoted). */
  markCandidatesKnown(ids: readonly { candidateId: string; termId: string }[]): Promise<void>;
  /** A change that makes every stored document stale (`reextract --all`). */
  requestFullReextraction(context: ChangeContext): Promise<number>;
  pendingChanges(): Promise<PendingChanges>;
  /**
   * Records that every change up to `version` has been applied to the stored chunks. With
   * `writtenBehind` (as `pendingChanges` read it before the documents were found), only if no batch was
   * written with an older vocabulary since: false when it was, and nothing is recorded.
   */
  markReextracted(version: number, writtenBehind?: number): Promise<boolean>;
}

/** No vocabulary entry has this id. */
export class UnknownTermError extends GraphError {
  constructor(readonly id: string) {
    super('UNKNOWN_TERM', `vocabulary term '${id}' not found`, {
      hint: 'list terms with `matscout vocab list --q <name>`',
    });
  }
}

/** The change contradicts the vocabulary: the id exists, a name belongs to another term, a label differs. */
export class TermConflictError extends GraphError {
  constructor(message: string, hint = '') {
    super('TERM_CONFLICT', message, { hint });
  }
}
