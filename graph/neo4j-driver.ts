import neo4j, { type Driver } from 'neo4j-driver';
import { Neo4jUnreachableError } from './errors.ts';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

/**
 * Opens a driver whose integers come back as JS numbers (our counts and offsets fit easily), or as
 * neo4j Integers with `losslessIntegers` (a backup must tell 1 from 1.0).
 */
export function createNeo4jDriver(
  connection: Neo4jConnection,
  options: { losslessIntegers?: boolean } = {},
): Driver {
  return neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    disableLosslessIntegers: !options.losslessIntegers,
    connectionTimeout: 10_000,
    maxConnectionPoolSize: 50,
  });
}

/** Checks that the server answers, with a one-line error that names the URI when it does not. */
export async function verifyNeo4j(driver: Driver, uri: string): Promise<void> {
  try {
    await driver.verifyConnectivity();
  } catch (error) {
    throw new Neo4jUnreachableError(uri, (error as Error).message.split('\n')[0] ?? 'no answer', error);
  }
}
