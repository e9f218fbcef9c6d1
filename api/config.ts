import path from 'node:path';
import { z } from 'zod';

/** The only place that reads process.env; everything else receives this object. */
export interface Config {
  dataDir: string;
  /** The public sample data folder beside the checkout (demo, benchmarks). */
  sharedDir: string;
  neo4j: {
    /** Set → use that server and start nothing. Unset → the local embedded-default instance. */
    uri?: string;
    user: string;
    password: string;
    database?: string;
    localHome: string;
    localPort: number;
    pageCacheMiB: number;
    heap: string;
    javaHome?: string;
  };
  llm: { provider: 'none' | 'openai' | 'ollama'; model?: string; baseUrl?: string; apiKey?: string };
  embeddings: {
    provider: 'none' | 'openai' | 'ollama';
    model?: string;
    baseUrl?: string;
    apiKey?: string;
    dimension?: number;
  };
  server: {
    port: number;
    host: string;
    bodyLimit: string;
    rateLimitPerMinute: number;
    /** GET /ready per client address (it asks the database). */
    readyRateLimitPerMinute: number;
    /** Chat turns one key may have in flight at once (JSON and streamed). */
    maxConcurrentChatsPerKey: number;
    /** Server-Sent Event streams one key may hold open at once. */
    maxConcurrentStreamsPerKey: number;
  };
  queueUrl?: string;
  scheduling: {
    /** Schedules whose runs would come closer together than this are refused. */
    minIntervalSeconds: number;
    /** How often unfinished runs are checked against the queue (also once at start). */
    reconcileIntervalSeconds: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  urlAllowList: string[];
  /** Folders POST /v1/ingest/runs may read paths from (INGEST_PATH_ALLOW_LIST, comma-separated). */
  ingestPathAllowList: string[];
  /**
   * Open mining in ingestion (MINING=on|off, default on) and the number of distinct documents a mined
   * term needs before it becomes an entity (MINING_PROMOTION_THRESHOLD, default 3).
   */
  mining: { enabled: boolean; promotionThreshold: number };
  /** Bulk files (USPTO weekly URLs) stream to `directory` and may be at most `maxBytes` (BULK_MAX_BYTES). */
  bulkDownload: { maxBytes: number; directory: string };
  /**
   * Worker threads that chunk and extract documents of runs executed by the API or `matscout worker`
   * (INGEST_THREADS, default 1; 0 does that work on the main thread).
   */
  ingestThreads: number;
  /**
   * The heap limit of each of those threads, in MiB (INGEST_THREAD_HEAP_MB; unset: Node's default). A
   * thread that reaches it fails the document it held; threads that cannot hold the vocabulary stop the
   * run with that reason (ingest/pipeline/thread-memory.ts).
   */
  ingestThreadHeapMb: number | undefined;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const port = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(fallback));

const envSchema = z.object({
  MATSCOUT_DATA_DIR: optionalString,
  NEO4J_URI: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/[^\s]+$/, {
        message: 'must look like neo4j://host:7687, neo4j+s://xxxx.databases.neo4j.io or bolt://host:7687',
      })
      .optional(),
  ),
  NEO4J_USER: optionalString,
  NEO4J_USERNAME: optionalString,
  NEO4J_PASSWORD: optionalString,
  NEO4J_DATABASE: optionalString,
  NEO4J_HOME: optionalString,
  NEO4J_PORT: port(7687),
  NEO4J_PAGECACHE_MB: z.preprocess(emptyToUndefined, z.coerce.number().int().min(16).max(65536).default(256)),
  NEO4J_HEAP: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+[mMgG]$/, 'must look like 512m or 1g')
      .default('1g'),
  ),
  LLM_PROVIDER: z.preprocess(emptyToUndefined, z.enum(['none', 'openai', 'ollama']).default('none')),
  LLM_MODEL: optionalString,
  LLM_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  LLM_API_KEY: optionalString,
  EMBEDDINGS_PROVIDER: z.preprocess(emptyToUndefined, z.enum(['none', 'openai', 'ollama']).default('none')),
  EMBEDDINGS_MODEL: optionalString,
  EMBEDDINGS_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  EMBEDDINGS_API_KEY: optionalString,
  EMBEDDING_DIMENSION: z.preprocess(emptyToUndefined, z.coerce.number().int().min(8).max(8192).optional()),
  PORT: port(8080),
  HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  BODY_LIMIT: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+(kb|mb)$/i, 'must look like 100kb or 1mb')
      .default('100kb'),
  ),
  RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(600)),
  READY_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(60)),
  CHAT_MAX_CONCURRENT_PER_KEY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(4)),
  SSE_MAX_STREAMS_PER_KEY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(2)),
  SCHEDULE_MIN_INTERVAL_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600)
      .default(60),
  ),
  RUN_RECONCILE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(60)),
  QUEUE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  URL_ALLOW_LIST: optionalString,
  MATSCOUT_SHARED_DIR: optionalString,
  INGEST_PATH_ALLOW_LIST: optionalString,
  INGEST_THREADS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(64).default(1)),
  INGEST_THREAD_HEAP_MB: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(64).max(1_048_576).optional(),
  ),
  BULK_MAX_BYTES: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1024)
      .default(2 * 1024 * 1024 * 1024),
  ),
  JAVA_HOME: optionalString,
  MINING: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('on')),
  MINING_PROMOTION_THRESHOLD: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(1000).default(3),
  ),
});

/**
 * Reads and validates the environment. Throws ConfigError naming each bad variable and what it expects,
 * and the provider settings that are required together.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  if (e.LLM_PROVIDER === 'openai' && !e.LLM_API_KEY && !e.LLM_BASE_URL) {
    throw new ConfigError(
      'LLM_PROVIDER=openai needs LLM_API_KEY (or LLM_BASE_URL for a local OpenAI-compatible server)',
    );
  }
  if (e.EMBEDDINGS_PROVIDER !== 'none' && !e.EMBEDDING_DIMENSION) {
    throw new ConfigError(
      `EMBEDDINGS_PROVIDER=${e.EMBEDDINGS_PROVIDER} needs EMBEDDING_DIMENSION (e.g. 1536)`,
    );
  }
  const dataDir = path.resolve(cwd, e.MATSCOUT_DATA_DIR ?? '.data');
  return {
    dataDir,
    sharedDir: path.resolve(cwd, e.MATSCOUT_SHARED_DIR ?? '../shared'),
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER ?? e.NEO4J_USERNAME ?? 'neo4j',
      password: e.NEO4J_PASSWORD ?? 'neo4j',
      database: e.NEO4J_DATABASE,
      localHome: path.resolve(cwd, e.NEO4J_HOME ?? path.join(dataDir, 'neo4j')),
      localPort: e.NEO4J_PORT,
      pageCacheMiB: e.NEO4J_PAGECACHE_MB,
      heap: e.NEO4J_HEAP,
      javaHome: e.JAVA_HOME,
    },
    llm: { provider: e.LLM_PROVIDER, model: e.LLM_MODEL, baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY },
    embeddings: {
      provider: e.EMBEDDINGS_PROVIDER,
      model: e.EMBEDDINGS_MODEL,
      baseUrl: e.EMBEDDINGS_BASE_URL,
      apiKey: e.EMBEDDINGS_API_KEY,
      dimension: e.EMBEDDING_DIMENSION,
    },
    server: {
      port: e.PORT,
      host: e.HOST,
      bodyLimit: e.BODY_LIMIT,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      readyRateLimitPerMinute: e.READY_RATE_LIMIT_PER_MINUTE,
      maxConcurrentChatsPerKey: e.CHAT_MAX_CONCURRENT_PER_KEY,
      maxConcurrentStreamsPerKey: e.SSE_MAX_STREAMS_PER_KEY,
    },
    queueUrl: e.QUEUE_URL,
    scheduling: {
      minIntervalSeconds: e.SCHEDULE_MIN_INTERVAL_SECONDS,
      reconcileIntervalSeconds: e.RUN_RECONCILE_SECONDS,
    },
    logLevel: e.LOG_LEVEL,
    urlAllowList: (e.URL_ALLOW_LIST ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    ingestPathAllowList: (e.INGEST_PATH_ALLOW_LIST ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => path.resolve(cwd, entry))
      .concat(e.INGEST_PATH_ALLOW_LIST ? [] : [path.resolve(cwd, 'samples'), path.join(dataDir, 'inbox')]),
    mining: { enabled: e.MINING === 'on', promotionThreshold: e.MINING_PROMOTION_THRESHOLD },
    bulkDownload: { maxBytes: e.BULK_MAX_BYTES, directory: path.join(dataDir, 'downloads') },
    ingestThreads: e.INGEST_THREADS,
    ingestThreadHeapMb: e.INGEST_THREAD_HEAP_MB,
  };
}

/** The config with secrets masked, for `--json` status output and logs. */
export function redactConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    neo4j: { ...config.neo4j, password: config.neo4j.password ? '***' : '' },
    llm: { ...config.llm, apiKey: config.llm.apiKey ? '***' : undefined },
    embeddings: { ...config.embeddings, apiKey: config.embeddings.apiKey ? '***' : undefined },
  };
}
