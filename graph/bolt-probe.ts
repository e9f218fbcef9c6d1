import neo4j from 'neo4j-driver';
import { Neo4jUnreachableError } from './errors.ts';

/** Asks a Bolt server for its version; throws Neo4jUnreachableError when it does not answer. */
export async function probeBolt(
  uri: string,
  auth: { user: string; password: string } = { user: 'neo4j', password: 'neo4j' },
): Promise<string> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(auth.user, auth.password), {
    connectionTimeout: 5000,
    connectionAcquisitionTimeout: 8000,
    maxTransactionRetryTime: 0,
  });
  // A plain auto-commit query: managed transactions would retry an unreachable server for 30 s.
  const session = driver.session();
  try {
    const result = await session.run('CALL dbms.components() YIELD versions RETURN versions[0] AS version');
    return String(result.records[0]?.get('version') ?? 'unknown');
  } catch (error) {
    throw new Neo4jUnreachableError(uri, (error as Error).message.split('\n')[0] ?? 'no answer', error);
  } finally {
    await session.close();
    await driver.close();
  }
}
