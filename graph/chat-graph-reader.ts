import type { Chunk, CitedDocument, PassageSpan } from './model.ts';

/** A chunk with the document it belongs to: what a passage is cut from. */
export interface PassageChunk extends Pick<Chunk, 'id' | 'text' | 'start' | 'end' | 'section' | 'page'> {
  document: CitedDocument;
}

/** A chunk and the offsets (into its document's text) of what made it relevant, e.g. a mention. */
export interface FocusedChunk {
  chunk: PassageChunk;
  focus: { start: number; end: number };
}

export interface MentioningChunk extends FocusedChunk {
  /** How many of the asked entities the chunk mentions. */
  matched: number;
}

export interface NeighbourLink {
  type: string;
  /** Whether the entity asked about is the fact's subject or its object. */
  role: 'subject' | 'object';
  id: string;
  name: string;
  label: string;
  documents: number;
  lastSeen?: string;
  /** The best evidence span of the link's facts. */
  evidence?: PassageSpan;
}

export interface TrendYear {
  year: string;
  patents: number;
  news: number;
  total: number;
  /** The newest chunk of the year that mentions the application, focused on the mention. */
  example?: FocusedChunk;
}

/** The read-only graph queries of the chat tools (the GraphStore covers search and chunks). */
export interface ChatGraphReader {
  chunksMentioning(
    entityIds: string[],
    options: { limit: number; kinds?: string[] },
  ): Promise<MentioningChunk[]>;
  /** Nearest chunks to an embedding; throws when there is no vector index. */
  vectorSearch(
    vector: number[],
    options: { limit: number; kinds?: string[] },
  ): Promise<{ chunk: PassageChunk; score: number }[]>;
  /** USED_IN evidence spans between any of the materials and the application, newest first. */
  usedInEvidence(materialIds: string[], applicationId: string, limit: number): Promise<PassageSpan[]>;
  /** Chunks that mention a material and the application, focused on the two mentions. */
  coMentionEvidence(materialIds: string[], applicationId: string, limit: number): Promise<FocusedChunk[]>;
  neighbourhood(entityId: string, limit: number): Promise<NeighbourLink[]>;
  /** Documents mentioning the entity, by kind. */
  mentionCounts(entityId: string): Promise<Record<string, number>>;
  applicationTrend(applicationId: string): Promise<TrendYear[]>;
}
