import type { ManagedTransaction } from 'neo4j-driver';
import { LeaseLostError } from './errors.ts';
import { Neo4jSessionStore } from './neo4j-session.ts';

/**
 * What a write made under a lease carries so that it lands only while its writer still holds the
 * lease: the write and the check share one transaction, which takes the lease node's lock first, so an
 * executor that outlived its lease (stalled past the expiry) cannot record anything once another took it.
 */
export interface LeaseFence {
  key: string;
  holder: string;
}

/**
 * Leases: a lock with an expiry that its holder renews while it works, so a crashed holder's lock
 * frees itself. Expiry is judged by the database clock, so workers' clocks need not agree.
 */
export interface LeaseStore {
  /** True when `holder` now holds `key` for `ttlMs` (it was free, expired, or held by `holder`). */
  acquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** True when `holder` still held `key` and its expiry moved on; false means the lease was lost. */
  renew(key: string, holder: string, ttlMs: number): Promise<boolean>;
  release(key: string, holder: string): Promise<void>;
  /** The current holder of an unexpired lease. */
  holder(key: string): Promise<string | undefined>;
}

// MERGE on the unique key, then a write to take the node's lock before the comparison reads it.
export const ACQUIRE_LEASE = `
MERGE (l:Lease {key: $key})
SET l.locking = true
REMOVE l.locking
WITH l
WHERE l.holder IS NULL OR l.holder = $holder OR l.expiresAt < timestamp()
SET l.holder = $holder, l.expiresAt = timestamp() + $ttlMs, l.acquiredAt = timestamp()
RETURN l.holder AS holder`;

// The lease node, locked (a write takes its lock before the comparison reads it), if `$holder` holds it.
const HELD_LEASE = `
MATCH (l:Lease {key: $key})
SET l.locking = true
REMOVE l.locking
WITH l
WHERE l.holder = $holder`;

export const RENEW_LEASE = `${HELD_LEASE}
SET l.expiresAt = timestamp() + $ttlMs
RETURN l.holder AS holder`;

export const RELEASE_LEASE = `
MATCH (l:Lease {key: $key, holder: $holder})
DELETE l`;

// Held by `$holder` whether or not its expiry passed: nobody else took it meanwhile, so nothing overlapped.
export const CHECK_LEASE = `${HELD_LEASE}
RETURN l.holder AS holder`;

/** Inside a write transaction: takes the lease's lock and throws LeaseLostError unless `fence` holds it. */
export async function requireLease(tx: ManagedTransaction, fence: LeaseFence): Promise<void> {
  const result = await tx.run(CHECK_LEASE, { key: fence.key, holder: fence.holder });
  if (result.records.length === 0) throw new LeaseLostError(fence.key);
}

export const LEASE_HOLDER = `
MATCH (l:Lease {key: $key}) WHERE l.expiresAt >= timestamp() RETURN l.holder AS holder`;

/** LeaseStore on Neo4j: one `Lease` node per held key. */
export class Neo4jLeaseStore extends Neo4jSessionStore implements LeaseStore {
  async acquire(key: string, holder: string, ttlMs: number): Promise<boolean> {
    const result = await this.write((tx) => tx.run(ACQUIRE_LEASE, { key, holder, ttlMs: Math.round(ttlMs) }));
    return result.records.length > 0;
  }

  async renew(key: string, holder: string, ttlMs: number): Promise<boolean> {
    const result = await this.write((tx) => tx.run(RENEW_LEASE, { key, holder, ttlMs: Math.round(ttlMs) }));
    return result.records.length > 0;
  }

  async release(key: string, holder: string): Promise<void> {
    await this.write((tx) => tx.run(RELEASE_LEASE, { key, holder }));
  }

  async holder(key: string): Promise<string | undefined> {
    const result = await this.read((tx) => tx.run(LEASE_HOLDER, { key }));
    const value = result.records[0]?.get('holder');
    return typeof value === 'string' ? value : undefined;
  }
}
