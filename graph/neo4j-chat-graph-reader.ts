import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type {
  ChatGraphReader,
  FocusedChunk,
  MentioningChunk,
  NeighbourLink,
  PassageChunk,
  TrendYear,
} from './chat-graph-reader.ts';
import type { CitedDocument, DocumentKind, PassageSpan, SectionName } from './model.ts';
import * as q from './neo4j-chat-graph-queries.ts';
import { readTransaction } from './neo4j-session.ts';

function toDocument(raw: Record<string, unknown>): CitedDocument {
  return {
    id: String(raw.id),
    title: String(raw.title ?? ''),
    kind: (raw.kind ?? 'report') as DocumentKind,
    ...(raw.number ? { number: String(raw.number) } : {}),
    ...(raw.url ? { url: String(raw.url) } : {}),
    ...(raw.publishedAt == null ? {} : { publishedAt: String(raw.publishedAt) }),
    source: String(raw.source ?? ''),
  };
}

export function toChunk(raw: Record<string, unknown>, document: Record<string, unknown>): PassageChunk {
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

/** The chunk of a row that returns `chunk` and `document` maps. */
function chunkOf(record: { get(key: string): unknown }): PassageChunk {
  return toChunk(
    record.get('chunk') as Record<string, unknown>,
    record.get('document') as Record<string, unknown>,
  );
}

/** `$kinds` (null for every kind) and `$limit` of a chunk search. */
function searchParameters(options: { limit: number; kinds?: string[] }) {
  return { kinds: options.kinds ?? null, limit: neo4j.int(options.limit) };
}

export function toFocus(start: unknown, end: unknown): FocusedChunk['focus'] {
  return { start: Number(start), end: Number(end) };
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

export function toSpan(raw: Record<string, unknown>): PassageSpan {
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

  private read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return readTransaction(this.driver, this.database, work);
  }

  async chunksMentioning(
    entityIds: string[],
    options: { limit: number; kinds?: string[] },
  ): Promise<MentioningChunk[]> {
    if (entityIds.length === 0) return [];
    return this.read(async (tx) => {
      const result = await tx.run(q.CHUNKS_MENTIONING, { entityIds, ...searchParameters(options) });
      return result.records.map((r) => ({
        chunk: chunkOf(r),
        matched: Number(r.get('matched')),
        focus: toFocus(r.get('focusStart'), r.get('focusEnd')),
      }));
    });
  }

  async vectorSearch(
    vector: number[],
    options: { limit: number; kinds?: string[] },
  ): Promise<{ chunk: PassageChunk; score: number }[]> {
    return this.read(async (tx) => {
      const result = await tx.run(q.VECTOR_SEARCH, { vector, ...searchParameters(options) });
      return result.records.map((r) => ({
        chunk: chunkOf(r),
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
  ): Promise<FocusedChunk[]> {
    return this.read(async (tx) => {
      const result = await tx.run(q.CO_MENTION_EVIDENCE, {
        materialIds,
        applicationId,
        limit: neo4j.int(limit),
      });
      return result.records.map((r) => ({
        chunk: chunkOf(r),
        focus: toFocus(r.get('focusStart'), r.get('focusEnd')),
      }));
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
                example: {
                  chunk: toChunk(example.mention.chunk, example.document),
                  focus: toFocus(example.mention.focusStart, example.mention.focusEnd),
                },
              }
            : {}),
        };
      });
    });
  }
}
