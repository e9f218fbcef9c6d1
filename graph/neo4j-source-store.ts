import neo4j from 'neo4j-driver';
import { type AuditEvent, recordAuditEvent } from './neo4j-audit-log.ts';
import { type LeaseFence, requireLease } from './neo4j-lease-store.ts';
import { Neo4jSessionStore } from './neo4j-session.ts';

/** Where a declared source reads from. */
export type SourceSpec =
  | { type: 'folder'; path: string; glob?: string }
  | { type: 'urls'; urls: string[] }
  | { type: 'feed'; url: string }
  | { type: 'uspto-bulk'; location: string };

/**
 * What a source has already delivered, so a run fetches only what is new or changed: file sizes,
 * mtimes and hashes; per-URL validators and body hashes; feed item ids.
 */
export interface SourceCursor {
  files?: Record<string, { size: number; mtimeMs: number; hash: string }>;
  urls?: Record<string, { etag?: string; lastModified?: string; hash: string }>;
  items?: string[];
}

/** A source declared by API or CLI; its cursor advances after each run. */
export interface DeclaredSource {
  id: string;
  name: string;
  spec: SourceSpec;
  cursor: SourceCursor;
  createdAt: string;
  updatedAt: string;
}

/** Declared sources and their cursors. */
export interface SourceStore {
  saveSource(source: DeclaredSource): Promise<void>;
  getSource(id: string): Promise<DeclaredSource | undefined>;
  listSources(options?: { limit?: number }): Promise<DeclaredSource[]>;
  /** False when there was no such source. */
  /** False when there is no such source; the audit event (when given) commits with the removal. */
  removeSource(id: string, audit?: AuditEvent): Promise<boolean>;
  /** With a fence, saved only while the fence's holder still holds its lease (else LeaseLostError). */
  saveCursor(id: string, cursor: SourceCursor, at: string, fence?: LeaseFence): Promise<void>;
}

export const SAVE_SOURCE = `
MERGE (s:IngestSource {id: $id})
SET s.name = $name, s.specJson = $specJson, s.cursorJson = $cursorJson,
    s.createdAt = $createdAt, s.updatedAt = $updatedAt`;

export const GET_SOURCE = 'MATCH (s:IngestSource {id: $id}) RETURN properties(s) AS source';

export const LIST_SOURCES = `
MATCH (s:IngestSource) RETURN properties(s) AS source ORDER BY s.createdAt, s.id LIMIT $limit`;

export const REMOVE_SOURCE = `
MATCH (s:IngestSource {id: $id}) WITH s, s.id AS id DETACH DELETE s RETURN id`;

export const SAVE_SOURCE_CURSOR = `
MATCH (s:IngestSource {id: $id}) SET s.cursorJson = $cursorJson, s.updatedAt = $at`;

function toSource(properties: Record<string, unknown>): DeclaredSource {
  return {
    id: String(properties.id),
    name: String(properties.name),
    spec: JSON.parse(String(properties.specJson)) as SourceSpec,
    cursor: JSON.parse(String(properties.cursorJson ?? '{}')) as SourceCursor,
    createdAt: String(properties.createdAt),
    updatedAt: String(properties.updatedAt),
  };
}

/** SourceStore on Neo4j: one `IngestSource` node per source, spec and cursor as JSON text. */
export class Neo4jSourceStore extends Neo4jSessionStore implements SourceStore {
  async saveSource(source: DeclaredSource): Promise<void> {
    await this.write((tx) =>
      tx.run(SAVE_SOURCE, {
        id: source.id,
        name: source.name,
        specJson: JSON.stringify(source.spec),
        cursorJson: JSON.stringify(source.cursor),
        createdAt: source.createdAt,
        updatedAt: source.updatedAt,
      }),
    );
  }

  async getSource(id: string): Promise<DeclaredSource | undefined> {
    const result = await this.read((tx) => tx.run(GET_SOURCE, { id }));
    const record = result.records[0];
    return record ? toSource(record.get('source')) : undefined;
  }

  async listSources(options: { limit?: number } = {}): Promise<DeclaredSource[]> {
    const limit = neo4j.int(Math.max(1, Math.min(options.limit ?? 200, 1000)));
    const result = await this.read((tx) => tx.run(LIST_SOURCES, { limit }));
    return result.records.map((record) => toSource(record.get('source')));
  }

  async removeSource(id: string, audit?: AuditEvent): Promise<boolean> {
    return this.write(async (tx) => {
      const removed = (await tx.run(REMOVE_SOURCE, { id })).records.length > 0;
      if (removed && audit) await recordAuditEvent(tx, audit);
      return removed;
    });
  }

  async saveCursor(id: string, cursor: SourceCursor, at: string, fence?: LeaseFence): Promise<void> {
    await this.write(async (tx) => {
      if (fence) await requireLease(tx, fence);
      await tx.run(SAVE_SOURCE_CURSOR, { id, cursorJson: JSON.stringify(cursor), at });
    });
  }
}
