import type { DocumentKind } from './model.ts';

export type EntityType = 'material' | 'application' | 'property' | 'other';

/** One USED_IN fact: a material and an application named in one sentence (the evidence span). */
export interface CoMentionRow {
  materialId: string;
  applicationId: string;
  documentId: string;
  kind: DocumentKind;
  /** null when the document states no date: still evidence, left out of anything dated. */
  publishedAt: string | null;
  assignees: readonly string[];
  confidence: number;
  chunkId: string;
  start: number;
  end: number;
}

/** An entity named anywhere in a document (one row per entity and document). */
export interface EntityMentionRow {
  entityId: string;
  entityType: EntityType;
  documentId: string;
  kind: DocumentKind;
  publishedAt: string | null;
}

/** HAS_PROPERTY (material → property) or REQUIRES (application → property). */
export interface PropertyFactRow {
  type: 'HAS_PROPERTY' | 'REQUIRES';
  subjectId: string;
  propertyId: string;
  documentId: string;
  publishedAt: string | null;
  /** The span stating the fact, when the extractor located one. */
  chunkId?: string;
  start?: number;
  end?: number;
}

/** A BROADER link of the taxonomy: both ends applications, or both materials. */
export interface BroaderLink {
  narrowerId: string;
  broaderId: string;
}

/** Everything the discovery core ranks from. */
export interface EvidenceRows {
  coMentions: readonly CoMentionRow[];
  mentions: readonly EntityMentionRow[];
  propertyFacts?: readonly PropertyFactRow[];
  /** material id → class (e.g. 'polymer'); undated catalogue knowledge. */
  materialClasses?: Readonly<Record<string, string>>;
  /** material id → its vocabulary name ("high-density polyethylene"), for the sentences people read. */
  materialNames?: Readonly<Record<string, string>>;
  /** The taxonomy (bundled, catalog, user and inferred for mined terms); undated. */
  broader?: readonly BroaderLink[];
}

export interface ReadEvidenceOptions {
  /** YYYY-MM-DD: only documents published on or before it. */
  asOf?: string;
}

/** Reads the evidence rows of discovery; Neo4jEvidenceReader reads them in READ transactions. */
export interface EvidenceReader {
  readEvidence(options?: ReadEvidenceOptions): Promise<EvidenceRows>;
  /**
   * A cheap stamp of the graph's evidence that changes whenever the evidence may have (a run finished,
   * documents or facts added or removed, a vocabulary change), whichever process made the change: a
   * reader that keeps evidence in memory compares it before using what it keeps.
   */
  readEvidenceStamp?(): Promise<string>;
}
