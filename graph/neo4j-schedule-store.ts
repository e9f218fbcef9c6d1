import neo4j from 'neo4j-driver';
import { Neo4jSessionStore, withoutUndefined } from './neo4j-session.ts';

/** A cron schedule that starts runs of one declared source. */
export interface IngestSchedule {
  id: string;
  /** 5 fields, or 6 with seconds first (croner syntax). */
  cron: string;
  /** IANA time zone; UTC when absent. */
  timezone?: string;
  sourceId: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** The last cron slot that started a run (claimed once, even with several schedulers). */
  lastSlotAt?: string;
  lastRunId?: string;
}

/** Schedules, persisted so they survive restarts. */
export interface ScheduleStore {
  saveSchedule(schedule: IngestSchedule): Promise<void>;
  getSchedule(id: string): Promise<IngestSchedule | undefined>;
  listSchedules(options?: { limit?: number }): Promise<IngestSchedule[]>;
  removeSchedule(id: string): Promise<boolean>;
  /**
   * Claims a slot for a schedule: true for exactly one caller per slot, so schedulers in several
   * API processes start one run, not one each.
   */
  claimSlot(id: string, slotAt: string, runId: string): Promise<boolean>;
}

export const SAVE_SCHEDULE = `
MERGE (s:IngestSchedule {id: $row.id})
SET s = $row`;

export const GET_SCHEDULE = 'MATCH (s:IngestSchedule {id: $id}) RETURN properties(s) AS schedule';

export const LIST_SCHEDULES = `
MATCH (s:IngestSchedule) RETURN properties(s) AS schedule ORDER BY s.createdAt, s.id LIMIT $limit`;

export const REMOVE_SCHEDULE = `
MATCH (s:IngestSchedule {id: $id}) WITH s, s.id AS id DETACH DELETE s RETURN id`;

// Setting a property first takes the node's write lock, so the comparison sees the latest commit.
export const CLAIM_SCHEDULE_SLOT = `
MATCH (s:IngestSchedule {id: $id})
SET s.claiming = true
REMOVE s.claiming
WITH s
WHERE s.lastSlotAt IS NULL OR s.lastSlotAt < $slotAt
SET s.lastSlotAt = $slotAt, s.lastRunId = $runId
RETURN s.id AS id`;

function toSchedule(properties: Record<string, unknown>): IngestSchedule {
  const { claiming: _claiming, ...rest } = properties;
  return rest as unknown as IngestSchedule;
}

/** ScheduleStore on Neo4j: one `IngestSchedule` node per schedule. */
export class Neo4jScheduleStore extends Neo4jSessionStore implements ScheduleStore {
  async saveSchedule(schedule: IngestSchedule): Promise<void> {
    await this.write((tx) => tx.run(SAVE_SCHEDULE, { row: withoutUndefined(schedule) }));
  }

  async getSchedule(id: string): Promise<IngestSchedule | undefined> {
    const result = await this.read((tx) => tx.run(GET_SCHEDULE, { id }));
    const record = result.records[0];
    return record ? toSchedule(record.get('schedule')) : undefined;
  }

  async listSchedules(options: { limit?: number } = {}): Promise<IngestSchedule[]> {
    const limit = neo4j.int(Math.max(1, Math.min(options.limit ?? 200, 1000)));
    const result = await this.read((tx) => tx.run(LIST_SCHEDULES, { limit }));
    return result.records.map((record) => toSchedule(record.get('schedule')));
  }

  async removeSchedule(id: string): Promise<boolean> {
    const result = await this.write((tx) => tx.run(REMOVE_SCHEDULE, { id }));
    return result.records.length > 0;
  }

  async claimSlot(id: string, slotAt: string, runId: string): Promise<boolean> {
    const result = await this.write((tx) => tx.run(CLAIM_SCHEDULE_SLOT, { id, slotAt, runId }));
    return result.records.length > 0;
  }
}
