import { createHash } from 'node:crypto';
import path from 'node:path';
import { FolderModelCache, MaterialSuggestions, SuggestionEngine } from '../agent/index.ts';
import {
  type AnalyticsReader,
  type ApiKeyStore,
  type AuditLog,
  type ChatGraphReader,
  type ConversationStore,
  type DocumentRetractor,
  type EvidenceReader,
  type GraphConnection,
  type KeptVocabularySnapshot,
  type LeaseStore,
  Neo4jAnalyticsReader,
  Neo4jApiKeyStore,
  Neo4jAuditLog,
  Neo4jChatGraphReader,
  Neo4jConversationStore,
  Neo4jDocumentRetractor,
  Neo4jEvidenceReader,
  type Neo4jGraphStore,
  Neo4jLeaseStore,
  Neo4jProductStore,
  Neo4jProvenanceReader,
  Neo4jReextractionStore,
  Neo4jReviewRecorder,
  Neo4jRunJobStore,
  Neo4jScheduleStore,
  Neo4jSourceStore,
  Neo4jSuggestionFreshnessReader,
  Neo4jSuggestionStore,
  Neo4jVocabularyStore,
  type ProductStore,
  type ProvenanceReader,
  type ReextractionStore,
  type ReviewRecorder,
  type RunJobStore,
  type ScheduleStore,
  type SourceStore,
  type SuggestionFreshnessReader,
  type SuggestionStore,
  VocabularySnapshotFile,
  type VocabularyStore,
} from '../graph/index.ts';
import { seedBundledLexicon } from '../ingest/index.ts';
import type { Config } from './config.ts';
import { openGraph } from './graph-connection.ts';
import { createRetractionService, type RetractionService } from './retraction-service.ts';

/** Every store, reader and the suggestion engine on one graph, each built once. */
export interface GraphStores {
  graph: Neo4jGraphStore;
  products: ProductStore;
  suggestions: SuggestionStore;
  /** Reviews with their audit event in one transaction. */
  reviews: ReviewRecorder;
  auditLog: AuditLog;
  apiKeys: ApiKeyStore;
  conversations: ConversationStore;
  sources: SourceStore;
  schedules: ScheduleStore;
  runJobs: RunJobStore;
  leases: LeaseStore;
  provenance: ProvenanceReader;
  chatReader: ChatGraphReader;
  /** Landscape, trends, requirements, yearly counts and competitors (read-only). */
  analytics: AnalyticsReader;
  /** The graph vocabulary: terms, their origins, the version and the change log. */
  vocabulary: VocabularyStore;
  /** Stored documents extracted again after vocabulary changes. */
  reextraction: ReextractionStore;
  evidence: EvidenceReader;
  /** Removes documents with everything derived from them (one transaction and audit event each). */
  retractor: DocumentRetractor;
  /** When a product's suggestions were computed and what was ingested since (the chat says so). */
  suggestionFreshness: SuggestionFreshnessReader;
  /** Shared so its evidence cache serves the API, the chat tools and the scheduler's recomputations. */
  suggestionEngine: SuggestionEngine;
  /** Read-only suggestions for any material (CLI `suggest --material`, the materials route, chat). */
  materialSuggestions: MaterialSuggestions;
}

/**
 * The one place that builds the Neo4j stores: everything else (server, scheduler, worker, CLI commands,
 * benchmarks) receives them from here.
 */
export function createGraphStores(
  graph: Neo4jGraphStore,
  options: { database?: string; modelCacheDir?: string; keptVocabulary?: KeptVocabularySnapshot } = {},
): GraphStores {
  const { driver } = graph;
  const database = options.database ? { database: options.database } : {};
  const products = new Neo4jProductStore(driver, database);
  const suggestions = new Neo4jSuggestionStore(driver, database);
  const evidence = new Neo4jEvidenceReader(driver, database);
  const suggestionEngine = new SuggestionEngine({
    evidence,
    suggestions,
    ...(options.modelCacheDir ? { modelCache: new FolderModelCache(options.modelCacheDir) } : {}),
  });
  return {
    graph,
    products,
    suggestions,
    reviews: new Neo4jReviewRecorder(driver, database),
    auditLog: new Neo4jAuditLog(driver, database),
    apiKeys: new Neo4jApiKeyStore(driver, database),
    conversations: new Neo4jConversationStore(driver, database),
    sources: new Neo4jSourceStore(driver, database),
    schedules: new Neo4jScheduleStore(driver, database),
    runJobs: new Neo4jRunJobStore(driver, database),
    leases: new Neo4jLeaseStore(driver, database),
    provenance: new Neo4jProvenanceReader(driver, database),
    chatReader: new Neo4jChatGraphReader(driver, database),
    analytics: new Neo4jAnalyticsReader(driver, database),
    vocabulary: new Neo4jVocabularyStore(driver, {
      ...database,
      ...(options.keptVocabulary ? { keptSnapshot: options.keptVocabulary } : {}),
    }),
    reextraction: new Neo4jReextractionStore(driver, database),
    evidence,
    retractor: new Neo4jDocumentRetractor(driver, database),
    suggestionEngine,
    materialSuggestions: new MaterialSuggestions({ engine: suggestionEngine, graph }),
    suggestionFreshness: new Neo4jSuggestionFreshnessReader(driver, database),
  };
}

/**
 * Retraction on the stores and the shared suggestion engine: what the API's DELETE routes and the
 * `documents rm` / `sources rm --documents` commands use.
 */
export function createRetraction(
  stores: GraphStores,
  options: { afterRetraction?: () => void } = {},
): RetractionService {
  return createRetractionService({
    retractor: stores.retractor,
    engine: stores.suggestionEngine,
    products: stores.products,
    sources: stores.sources,
    leases: stores.leases,
    afterRetraction: options.afterRetraction,
  });
}

/** The application on an open, migrated graph: config, every store, and how to check and close it. */
export interface AppContext extends GraphStores {
  config: Config;
  /** Where the graph is (bolt://…, neo4j+s://…). */
  uri: string;
  /** True when this process started the local instance (it keeps running for reuse). */
  startedLocal: boolean;
  /** Resolves when the graph answers (GET /ready). */
  ready(): Promise<void>;
  /** Closes the graph's driver. */
  close(): Promise<void>;
}

/**
 * Where the last vocabulary snapshot of this graph is kept (`VocabularySnapshotFile`), one file per
 * server and database, so a data folder used with several graphs never starts one from another's.
 */
function vocabularySnapshotFile(config: Config, uri: string): string {
  const graph = createHash('sha256')
    .update(`${uri}\n${config.neo4j.database ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  return path.join(config.dataDir, 'vocabulary', `snapshot-${graph}.json`);
}

/** Builds the context on a graph connection that is already open and migrated. */
export function createAppContext(config: Config, connection: GraphConnection): AppContext {
  const keptVocabulary = new VocabularySnapshotFile(vocabularySnapshotFile(config, connection.uri));
  return {
    ...createGraphStores(connection.store, {
      database: config.neo4j.database,
      modelCacheDir: path.join(config.dataDir, 'models'),
      keptVocabulary,
    }),
    config,
    uri: connection.uri,
    startedLocal: connection.startedLocal,
    ready: () => connection.driver.verifyConnectivity().then(() => undefined),
    // The last snapshot read is on disk before the command ends: the next one starts from it.
    close: async () => {
      await keptVocabulary.settled();
      await connection.close();
    },
  };
}

/**
 * Opens the configured graph (NEO4J_URI, or the local instance), migrates it, seeds the vocabulary with
 * the bundled lexicon (once per lexicon version), and builds the context.
 */
export async function openAppContext(
  config: Config,
  options: { log?: (line: string) => void } = {},
): Promise<AppContext> {
  const context = createAppContext(config, await openGraph(config, options));
  try {
    const seeded = await seedBundledLexicon(context.vocabulary);
    if (seeded.seeded) options.log?.(`vocabulary: bundled lexicon seeded (version ${seeded.version})`);
  } catch (error) {
    await context.close();
    throw error;
  }
  return context;
}

/** What a CLI command does: open the context, work with it, close it whatever happens. */
export async function withAppContext<T>(
  config: Config,
  options: { log?: (line: string) => void },
  work: (context: AppContext) => Promise<T>,
): Promise<T> {
  const context = await openAppContext(config, options);
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
