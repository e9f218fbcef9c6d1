import type { Driver } from 'neo4j-driver';
import { deleteAllNodes, dropGraphSchema } from './graph-wipe.ts';
import { type LocalNeo4jOptions, startLocalNeo4j, stopLocalNeo4j } from './local-neo4j.ts';
import { createNeo4jDriver, type Neo4jConnection, verifyNeo4j } from './neo4j-driver.ts';
import { Neo4jGraphStore } from './neo4j-graph-store.ts';

export interface ConnectGraphOptions {
  /** Creates the vector index on Chunk.embedding when set. */
  embeddingDimension?: number;
  /** Default true: apply the graph schema once connected. */
  migrate?: boolean;
}

/** Opens a driver, checks that the server answers (one-line error naming the URI) and migrates the schema. */
export async function connectGraph(
  connection: Neo4jConnection,
  options: ConnectGraphOptions = {},
): Promise<Neo4jGraphStore> {
  const driver = createNeo4jDriver(connection);
  const store = new Neo4jGraphStore(driver, {
    database: connection.database,
    embeddingDimension: options.embeddingDimension,
  });
  try {
    await verifyNeo4j(driver, connection.uri);
    if (options.migrate !== false) await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

export interface IsolatedGraphOptions extends Omit<LocalNeo4jOptions, 'startTimeoutSeconds'> {
  /** Also drop every constraint and index first, so nothing of an earlier run's schema lingers. */
  dropSchema?: boolean;
  embeddingDimension?: number;
}

/** An open graph: its store (which owns the driver), where it is, and how to close it. */
export interface GraphConnection {
  store: Neo4jGraphStore;
  driver: Driver;
  uri: string;
  /** True when this process started the local instance; false when it reused one or connected to a server. */
  startedLocal: boolean;
  /** Closes the driver; a local instance keeps running. */
  close(): Promise<void>;
}

/** A wiped, migrated graph on a Neo4j instance of its own (own home and port; never the user's graph). */
export interface IsolatedGraph extends GraphConnection {
  home: string;
  /** Closes the driver and stops the instance. */
  stop(): Promise<void>;
}

/**
 * Starts (or reuses) the local instance of `home`, connects, deletes every node (and with `dropSchema`
 * every constraint and index) and migrates: what the back-test, the benchmarks and the test suite need.
 */
export async function openIsolatedGraph(options: IsolatedGraphOptions): Promise<IsolatedGraph> {
  const { dropSchema, embeddingDimension, ...local } = options;
  const started = await startLocalNeo4j(local);
  const uri = started.uri ?? `bolt://127.0.0.1:${options.port}`;
  const store = await connectGraph(
    { uri, user: 'neo4j', password: 'neo4j' },
    { embeddingDimension, migrate: false },
  );
  try {
    await deleteAllNodes(store.driver);
    if (dropSchema) await dropGraphSchema(store.driver);
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= store.close();
    return closing;
  };
  return {
    store,
    driver: store.driver,
    uri,
    home: started.home,
    startedLocal: !started.alreadyRunning,
    close,
    async stop() {
      await close();
      await stopLocalNeo4j(started.home);
    },
  };
}
