import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';

/** Runs work in a managed read transaction on its own session. */
export async function readTransaction<T>(
  driver: Driver,
  database: string | undefined,
  work: (tx: ManagedTransaction) => Promise<T>,
): Promise<T> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(work);
  } finally {
    await session.close();
  }
}

/** Runs work in a managed write transaction on its own session. */
export async function writeTransaction<T>(
  driver: Driver,
  database: string | undefined,
  work: (tx: ManagedTransaction) => Promise<T>,
): Promise<T> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  try {
    return await session.executeWrite(work);
  } finally {
    await session.close();
  }
}

/** Drops undefined values: Neo4j stores no nulls, and `SET n = row` should not see them. */
export function withoutUndefined<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}

/** What every Neo4j store is told: the database to use (the server's default when absent). */
export interface Neo4jStoreOptions {
  database?: string;
}

/**
 * The shared half of every Neo4j store: the driver and database it was given, and one managed read or
 * write transaction per call on a fresh session. Stores never create schema: `migrateGraphSchema` does.
 */
export abstract class Neo4jSessionStore {
  protected readonly driver: Driver;
  protected readonly database: string | undefined;

  constructor(driver: Driver, options: Neo4jStoreOptions = {}) {
    this.driver = driver;
    this.database = options.database;
  }

  protected read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return readTransaction(this.driver, this.database, work);
  }

  protected write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return writeTransaction(this.driver, this.database, work);
  }
}
