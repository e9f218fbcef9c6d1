/** Base of every error the graph layer raises; `hint` says how to fix it in one line. */
export class GraphError extends Error {
  readonly code: string;
  readonly hint: string;
  readonly isRetryable: boolean;
  constructor(
    code: string,
    message: string,
    options: { hint?: string; cause?: unknown; isRetryable?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint ?? '';
    this.isRetryable = options.isRetryable ?? false;
  }
}

/** Java is missing or too old to run the local Neo4j. */
export class JavaNotFoundError extends GraphError {
  constructor(detail: string, cause?: unknown) {
    super('JAVA_NOT_FOUND', `Java 17+ is required to run the local Neo4j: ${detail}`, {
      hint: 'install a JDK 17+ (apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME, or set NEO4J_URI to use an existing server',
      cause,
    });
  }
}

/** The requested Bolt port is taken by another process. */
export class PortInUseError extends GraphError {
  constructor(port: number) {
    super('PORT_IN_USE', `port ${port} on 127.0.0.1 is already in use by another process`, {
      hint: `choose another port with --port N (or NEO4J_PORT), or stop the process listening on ${port}`,
    });
  }
}

/** The local Neo4j did not start (corrupt data home, bad permissions, startup failure). */
export class Neo4jStartError extends GraphError {
  constructor(message: string, hint: string, cause?: unknown) {
    super('NEO4J_START_FAILED', message, { hint, cause });
  }
}

/** The Neo4j jars have not been fetched and could not be fetched. */
export class Neo4jJarsMissingError extends GraphError {
  constructor(detail: string, cause?: unknown) {
    super('NEO4J_JARS_MISSING', `Neo4j jars are missing and could not be fetched: ${detail}`, {
      hint: 'install Maven (apt-get install -y maven) and run `npx matscout neo4j fetch` with access to Maven Central',
      cause,
    });
  }
}

/** A configured or local server cannot be reached over Bolt. */
export class Neo4jUnreachableError extends GraphError {
  constructor(uri: string, detail: string, cause?: unknown) {
    super('NEO4J_UNREACHABLE', `cannot reach Neo4j at ${uri}: ${detail}`, {
      hint: 'check NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD, or unset NEO4J_URI to use the local instance',
      cause,
      isRetryable: true,
    });
  }
}

/** A write made under a lease found the lease held by another holder (or freed): it wrote nothing. */
export class LeaseLostError extends GraphError {
  constructor(key: string) {
    super('LEASE_LOST', `the lease ${key} is no longer held by this executor; nothing was written`);
  }
}

/** A requested node does not exist. */
export class NotFoundError extends GraphError {
  constructor(kind: string, id: string) {
    super('NOT_FOUND', `${kind} '${id}' not found`);
  }
}

/** neo4j-driver's codes for a database that cannot be reached right now (down, restarting, network). */
const unavailableDriverCodes = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * Whether an error means the graph database cannot be reached at all (rather than that one statement
 * failed): every further read or write would fail the same way until it is back.
 */
export function isGraphUnavailable(error: unknown): boolean {
  if (error instanceof GraphError) return error.isRetryable && error.code === 'NEO4J_UNREACHABLE';
  return error instanceof Error && unavailableDriverCodes.has(String((error as { code?: unknown }).code));
}

/** The bulk path was refused, or its import failed (the graph before it is kept). */
export class BulkImportError extends GraphError {
  constructor(message: string, hint = '') {
    super('BULK_IMPORT', message, { hint });
  }
}
