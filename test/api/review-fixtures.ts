import { SuggestionEngine } from '../../agent/suggest/suggestion-engine.ts';
import { reviewPageRoutes } from '../../api/routes/review-page-route.ts';
import { reviewRoutes } from '../../api/routes/review-routes.ts';
import { storedSuggestionService } from '../../api/suggestion-view.ts';
import { type DocumentBundle, type Fact, Neo4jReviewRecorder, type Product } from '../../graph/index.ts';
import { Neo4jAuditLog } from '../../graph/neo4j-audit-log.ts';
import { readSuggestionProvenance } from '../../graph/neo4j-provenance-reader.ts';
import { Neo4jSuggestionStore, type StoredSuggestion } from '../../graph/neo4j-suggestion-store.ts';
import { openTestStore, uniqueId } from '../support/graph.ts';
import { startTestApp, type TestApp } from './api-test-app.ts';

export interface ReviewFixture {
  product: Product;
  runId: string;
  /** Suggestions as SuggestionEngine.compute saved them, best first. */
  suggestions: StoredSuggestion[];
  /** The application id for a short name (`syringes`). */
  app(name: string): string;
}

interface UseStatement {
  id: string;
  kind: 'patent' | 'news';
  material: string;
  application: string;
  date: string;
  runId: string;
}

const spaced = (id: string) => id.replace(/^[a-z]+:/, '').replaceAll('-', ' ');

/**
 * A document stating that a material is used in an application, with a USED_IN fact whose evidence is
 * the middle sentence of a three-sentence chunk (so a highlighted quote has text around it).
 */
function useDocument(statement: UseStatement): DocumentBundle {
  const materialName = spaced(statement.material);
  const applicationName = spaced(statement.application);
  const title = `${statement.kind === 'patent' ? 'Films of' : 'News:'} ${materialName}`;
  const before = 'Demand for clear, sterilisable polymers keeps growing.';
  const sentence = `A ${materialName} film is used in ${applicationName} products.`;
  const after = 'The supplier plans more capacity next year.';
  const body = `${before} ${sentence} ${after}`;
  const text = `${title}\n\n${body}`;
  const bodyStart = title.length + 2;
  const quoteStart = bodyStart + before.length + 1;
  const quoteEnd = quoteStart + sentence.length;
  const materialAt = text.indexOf(materialName, quoteStart);
  const applicationAt = text.indexOf(applicationName, quoteStart);
  const fact: Fact = {
    id: `fact:${statement.id}`,
    type: 'USED_IN',
    subjectId: statement.material,
    objectId: statement.application,
    polarity: 'positive',
    confidence: 0.8,
    extractor: 'test',
    firstSeen: statement.date,
    lastSeen: statement.date,
    evidence: [{ chunkId: `${statement.id}#c1`, start: quoteStart, end: quoteEnd }],
  };
  const patent = statement.kind === 'patent';
  return {
    document: {
      id: statement.id,
      kind: statement.kind,
      title,
      text,
      ...(patent
        ? { number: `US${statement.id.replace(/\D/g, '').slice(-7).padStart(7, '1')}B2`, kindCode: 'B2' }
        : { url: `https://news.example.com/${encodeURIComponent(statement.id)}` }),
      publishedAt: statement.date,
      language: 'en',
      source: patent ? 'uspto' : 'Example Plastics News',
      contentHash: `h-${statement.id}`,
      ingestRunId: statement.runId,
      cpc: [],
      ipc: [],
      assignees: patent ? ['Example Chemicals'] : [],
      inventors: [],
    },
    chunks: [
      {
        id: `${statement.id}#c0`,
        documentId: statement.id,
        text: title,
        start: 0,
        end: title.length,
        section: 'title',
        index: 0,
      },
      {
        id: `${statement.id}#c1`,
        documentId: statement.id,
        text: body,
        start: bodyStart,
        end: text.length,
        section: patent ? 'description' : 'body',
        index: 1,
      },
    ],
    entities: [
      { id: statement.material, label: 'Material', name: materialName, aliases: [] },
      { id: statement.application, label: 'Application', name: applicationName, aliases: [] },
    ],
    mentions: [
      {
        chunkId: `${statement.id}#c1`,
        entityId: statement.material,
        start: materialAt,
        end: materialAt + materialName.length,
        surface: materialName,
      },
      {
        chunkId: `${statement.id}#c1`,
        entityId: statement.application,
        start: applicationAt,
        end: applicationAt + applicationName.length,
        surface: applicationName,
      },
    ],
    facts: [fact],
  };
}

/**
 * Seeds a product, its evidence (patents and news), the ingest run that brought them in, and the
 * suggestions SuggestionEngine computes from them, all under ids no other test uses.
 */
export async function seedReviewFixture(testApp: TestApp): Promise<ReviewFixture> {
  const { store } = testApp;
  await store.migrate();
  const suffix = uniqueId('rv')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase();
  const ours = `material:reviewpolymer${suffix}`;
  const analogue = `material:otherpolymer${suffix}`;
  const app = (name: string) => `application:${name}-${suffix}`;
  const runId = `run-review-${suffix}`;
  await store.saveIngestRun({
    id: runId,
    source: 'test/review-fixtures',
    status: 'succeeded',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:05.000Z',
    counts: {
      items: 7,
      documents: 7,
      added: 7,
      updated: 0,
      unchanged: 0,
      failed: 0,
      chunks: 14,
      mentions: 14,
      facts: 7,
      skipped: 0,
      duplicates: 0,
      droppedFacts: 0,
    },
    errors: [],
  });
  const statements: Array<[UseStatement['kind'], string, string, string]> = [
    ['patent', ours, app('lenses'), '2020-01-10'],
    ['patent', ours, app('syringes'), '2021-03-01'],
    ['news', ours, app('syringes'), '2022-03-01'],
    ['patent', analogue, app('lenses'), '2019-05-01'],
    ['news', analogue, app('vials'), '2020-05-01'],
    ['patent', analogue, app('vials'), '2021-05-01'],
    ['news', analogue, app('microfluidics'), '2022-05-01'],
  ];
  await store.writeDocuments(
    statements.map(([kind, material, application, date], index) =>
      useDocument({ id: `${kind}:rv-${suffix}-${index + 1}`, kind, material, application, date, runId }),
    ),
  );
  const product: Product = {
    id: `product:review${suffix}`,
    name: `Review Polymer ${suffix.slice(-6)}`,
    aliases: [],
    owner: 'Example Chemicals',
    materialId: ours,
    materialIds: [],
    properties: [],
    knownApplications: [app('lenses')],
  };
  await testApp.productStore.upsertProducts([product]);
  await new SuggestionEngine(store.driver).compute(product, {
    now: () => new Date('2026-02-01T00:00:00.000Z'),
  });
  const suggestions = await new Neo4jSuggestionStore(store.driver).listSuggestions(product.id);
  return { product, runId, suggestions, app };
}

export interface ReviewTestApp extends TestApp {
  suggestionStore: Neo4jSuggestionStore;
  auditLog: Neo4jAuditLog;
}

/** createApp on the suite's Neo4j with the review routes, the review page and stored suggestions mounted. */
export async function startReviewTestApp(
  options: { now?: () => Date; generateId?: () => string } = {},
): Promise<ReviewTestApp> {
  const graph = openTestStore();
  const suggestionStore = new Neo4jSuggestionStore(graph.driver);
  const auditLog = new Neo4jAuditLog(graph.driver);
  const testApp = await startTestApp({
    deps: {
      suggestions: storedSuggestionService(suggestionStore),
      routes: [
        ...reviewRoutes({
          suggestionStore,
          reviews: new Neo4jReviewRecorder(graph.driver),
          readProvenance: (id) => readSuggestionProvenance(graph.driver, id),
          ...(options.now ? { now: options.now } : {}),
          ...(options.generateId ? { generateId: options.generateId } : {}),
        }),
        ...reviewPageRoutes(),
      ],
    },
  });
  return {
    ...testApp,
    suggestionStore,
    auditLog,
    close: async () => {
      await testApp.close();
      await graph.close();
    },
  };
}
