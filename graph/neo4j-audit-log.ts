import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { Neo4jSessionStore } from './neo4j-session.ts';

/** What gets audited (design.md section 10): every review, schedule change, ingest run, retraction and vocabulary change. */
export type AuditEventType = 'review' | 'schedule' | 'ingest-run' | 'retraction' | 'vocabulary';

/** One audit record; `details` is stored as JSON text (`detailsJson`) since Neo4j has no map properties. */
export interface AuditEvent {
  id: string;
  type: AuditEventType;
  /** Who did it: the API key id (never the secret). */
  actor: string;
  /** ISO date-time. */
  at: string;
  /** Id of the node acted on (a Suggestion for reviews). */
  targetId: string;
  details: Record<string, unknown>;
}

/** Append-only audit trail. */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  /** Events about one target, oldest first. */
  listForTarget(targetId: string, options?: { limit?: number }): Promise<AuditEvent[]>;
}

export const CREATE_AUDIT_EVENTS = `
UNWIND $events AS event
CREATE (e:AuditEvent {id: event.id, type: event.type, actor: event.actor, at: event.at, targetId: event.targetId,
                      detailsJson: event.detailsJson})`;

export const LIST_AUDIT_EVENTS_FOR_TARGET = `
MATCH (e:AuditEvent {targetId: $targetId})
RETURN e {.id, .type, .actor, .at, .targetId, .detailsJson} AS event
ORDER BY e.at, e.id
LIMIT $limit`;

/** Writes the audit event inside a caller's transaction (so it commits or fails with the change it records). */
export async function recordAuditEvent(tx: ManagedTransaction, event: AuditEvent): Promise<void> {
  await recordAuditEvents(tx, [event]);
}

/**
 * Writes several audit events in one statement inside a caller's transaction: a promotion of many mined
 * terms records one event per term without a round trip each.
 */
export async function recordAuditEvents(
  tx: ManagedTransaction,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.run(CREATE_AUDIT_EVENTS, {
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      actor: event.actor,
      at: event.at,
      targetId: event.targetId,
      detailsJson: JSON.stringify(event.details),
    })),
  });
}

/** AuditLog on Neo4j: one `AuditEvent` node per event, never updated. */
export class Neo4jAuditLog extends Neo4jSessionStore implements AuditLog {
  async record(event: AuditEvent): Promise<void> {
    await this.write((tx) => recordAuditEvent(tx, event));
  }

  async listForTarget(targetId: string, options: { limit?: number } = {}): Promise<AuditEvent[]> {
    const limit = neo4j.int(Math.max(1, Math.min(options.limit ?? 100, 1000)));
    const result = await this.read((tx) => tx.run(LIST_AUDIT_EVENTS_FOR_TARGET, { targetId, limit }));
    return result.records.map((record) => {
      const { detailsJson, ...rest } = record.get('event') as Omit<AuditEvent, 'details'> & {
        detailsJson: string;
      };
      return { ...rest, details: JSON.parse(detailsJson) as Record<string, unknown> };
    });
  }
}
