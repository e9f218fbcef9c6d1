import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { DocumentKind, SectionName } from '../../graph/index.ts';
import * as q from './chat-graph-queries.ts';
import type { CitedDocument, PassageSpan } from './citation-registry.ts';
import { focusSpan } from './passage-format.ts';

/** A chunk as the reader returns it, with the document it belongs to. */
export interface ReadChunk {
  id: string;
  text: string;
  start: number;
  end: number;
  section: SectionName;
  page?: number;
  document: CitedDocument;
}

export interface MentioningChunk {
  chunk: ReadChunk;
  matched: number;
  focus: { start: number; end: number };
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
  evidence?: PassageSpan;
}

export interface TrendYear {
  year: string;
  patents: number;
  news: number;
  total: number;
  example?: PassageSpan;
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
  ): Promise<{ chunk: ReadChunk; score: number }[]>;
  usedInEvidence(materialIds: string[], applicationId: string, limit: number): Promise<PassageSpan[]>;
  coMentionEvidence(materialIds: string[], applicationId: string, limit: number): Promise<PassageSpan[]>;
  neighbourhood(entityId: string, limit: number): Promise<NeighbourLink[]>;
  mentionCounts(entityId: string): Promise<Record<string, number>>;
  applicationTrend(applicationId: string): Promise<TrendYear[]>;
}

function toDocument(raw: Record<string, unknown>): CitedDocument {
  return {
    id: String(raw.id),
    title: String(raw.title ?? ''),
    kind: (raw.kind ?? 'report') as DocumentKind,
    ...(raw.number ? { number: String(raw.number) } : {}),
    ...(raw.url ? { url: String(raw.url) } : {}),
    ...(raw.publishedAt == null ? {} : { publishedAt: String(raw.publishedAt) }),
  };
}

function toChunk(raw: Record<string, unknown>, document: Record<string, unknown>): ReadChunk {
  return {
    id: String(raw.id),
    text: String(raw.text ?? ''),
    start: Number(raw.start),
    end: Number(raw.end),
    section: raw.section as SectionName,
    ...(raw.page === null || raw.page === undefined ? {} : { page: Number(raw.page) }),
    document: toDocument(document),
  };
}

/** The span of a chunk around a focus (mention offsets), quoted from the chunk's text. */
export function spanOfChunk(chunk: ReadChunk, focus: { start: number; end: number }): PassageSpan {
  const span = focusSpan(chunk, focus);
  return {
    chunkId: chunk.id,
    section: chunk.section,
    ...(chunk.page === undefined ? {} : { page: chunk.page }),
    ...span,
    document: chunk.document,
  };
}

/**
 * The quote is cut from the chunk text in JavaScript: offsets are UTF-16 code units (as `String.slice`),
 * while Cypher's substring counts code points and would shift after an emoji or other astral character.
 */
function quoteOf(raw: Record<string, unknown>): string {
  if (typeof raw.chunkText === 'string') {
    const chunkStart = Number(raw.chunkStart);
    return raw.chunkText.slice(Number(raw.start) - chunkStart, Number(raw.end) - chunkStart);
  }
  return String(raw.quote ?? '');
}

function toSpan(raw: Record<string, unknown>): PassageSpan {
  return {
    chunkId: String(raw.chunkId),
    section: raw.section as SectionName,
    ...(raw.page === null || raw.page === undefined ? {} : { page: Number(raw.page) }),
    start: Number(raw.start),
    end: Number(raw.end),
    quote: quoteOf(raw),
    document: toDocument(raw.document as Record<string, unknown>),
  };
}

/** ChatGraphReader on Neo4j: every query runs in a READ session (`executeRead`). */
export class Neo4jChatGraphReader implements ChatGraphReader {
  private readonly driver: Driver;
  private readonly database: string | undefined;

  constructor(driver: Driver, options: { database?: string } = {}) {
    this.driver = driver;
    this.database = options.database;
  }

  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }

  async chunksMentioning(
    entityIds: string[],
    options: { limit: number; kinds?: string[] },
  ): Promise<MentioningChunk[]> {
    if (entityIds.length === 0) return [];
    return this.read(async (tx) => {
      const result = await tx.run(q.CHUNKS_MENTIONING, {
        entityIds,
        kinds: options.kinds ?? null,
        limit: neo4j.int(options.limit),
      });
      return result.records.map((r) => ({
        chunk: toChunk(r.get('chunk'), r.get('document')),
        matched: Number(r.get('matched')),
        focus: { start: Number(r.get('focusStart')), end: Number(r.get('focusEnd')) },
      }));
    });
  }

  async vectorSearch(
    vector: number[],
    options: { limit: number; kinds?: string[] },
  ): Promise<{ chunk: ReadChunk; score: number }[]> {
    return this.read(async (tx) => {
      const result = await tx.run(q.VECTOR_SEARCH, {
        vector,
        kinds: options.kinds ?? null,
        limit: neo4j.int(options.limit),
      });
      return result.records.map((r) => ({
        chunk: toChunk(r.get('chunk'), r.get('document')),
        score: Number(r.get('score')),
      }));
    });
  }

  async usedInEvidence(materialIds: string[], applicationId: string, limit: number): Promise<PassageSpan[]> {
    return this.read(async (tx) => {
      const result = await tx.run(q.USED_IN_EVIDENCE, {
        materialIds,
        applicationId,
        limit: neo4j.int(limit),
      });
      return result.records.map((r) => toSpan(r.toObject()));
    });
  }

  async coMentionEvidence(
    materialIds: string[],
    applicationId: string,
    limit: number,
  ): Promise<PassageSpan[]> {
    return this.read(async (tx) => {
      const result = await tx.run(q.CO_MENTION_EVIDENCE, {
        materialIds,
        applicationId,
        limit: neo4j.int(limit),
      });
      return result.records.map((r) =>
        spanOfChunk(toChunk(r.get('chunk'), r.get('document')), {
          start: Number(r.get('focusStart')),
          end: Number(r.get('focusEnd')),
        }),
      );
    });
  }

  async neighbourhood(entityId: string, limit: number): Promise<NeighbourLink[]> {
    return this.read(async (tx) => {
      const result = await tx.run(q.ENTITY_NEIGHBOURHOOD, { id: entityId, limit: neo4j.int(limit) });
      return result.records.map((r) => {
        const evidence = r.get('evidence') as Record<string, unknown> | null;
        const lastSeen = r.get('lastSeen') as string | null;
        return {
          type: String(r.get('type')),
          role: r.get('role') === 'object' ? 'object' : 'subject',
          id: String(r.get('id')),
          name: String(r.get('name') ?? r.get('id')),
          label: String(r.get('label') ?? 'Entity'),
          documents: Number(r.get('documents')),
          ...(lastSeen ? { lastSeen } : {}),
          ...(evidence ? { evidence: toSpan(evidence) } : {}),
        };
      });
    });
  }

  async mentionCounts(entityId: string): Promise<Record<string, number>> {
    return this.read(async (tx) => {
      const result = await tx.run(q.ENTITY_MENTION_COUNTS, { id: entityId });
      return Object.fromEntries(
        result.records.map((r) => [String(r.get('kind')), Number(r.get('documents'))]),
      );
    });
  }

  async applicationTrend(applicationId: string): Promise<TrendYear[]> {
    return this.read(async (tx) => {
      const result = await tx.run(q.APPLICATION_TREND, { id: applicationId });
      return result.records.map((r) => {
        const example = r.get('example') as {
          mention: { chunk: Record<string, unknown>; focusStart: number; focusEnd: number };
          document: Record<string, unknown>;
        } | null;
        return {
          year: String(r.get('year')),
          patents: Number(r.get('patents')),
          news: Number(r.get('news')),
          total: Number(r.get('total')),
          ...(example
            ? {
                example: spanOfChunk(toChunk(example.mention.chunk, example.document), {
                  start: Number(example.mention.focusStart),
                  end: Number(example.mention.focusEnd),
                }),
              }
            : {}),
        };
      });
    });
  }
}
