import { SuggestionEngine } from '../../agent/index.ts';
import { reviewPageRoutes } from '../../api/routes/review-page-route.ts';
import { reviewRoutes } from '../../api/routes/review-routes.ts';
import { storedSuggestionService } from '../../api/suggestion-view.ts';
import {
  type DocumentBundle,
  Neo4jAuditLog,
  Neo4jEvidenceReader,
  Neo4jReviewRecorder,
  Neo4jSuggestionStore,
  type Product,
  readSuggestionProvenance,
  type StoredSuggestion,
} from '../../graph/index.ts';
import { openTestStore, uniqueSuffix } from '../support/graph.ts';
import { namedAfterId, useDocument } from '../support/use-document.ts';
import { startTestApp, type TestApp } from './api-test-app.ts';

export interface ReviewFixture {
  product: Product;
  runId: string;
  /** Suggestions as SuggestionEngine.compute saved them, best first. */
  suggestions: StoredSuggestion[];
  /** The application id for a short name (`syringes`). */
  app(name: string): string;
}

interface ReviewStatement {
  id: string;
  kind: 'patent' | 'news';
  material: string;
  application: string;
  date: string;
  runId: string;
}

/**
 * A patent or news item stating that a material is used in an application, with a USED_IN fact whose
 * evidence is the middle sentence of a three-sentence chunk (so a highlighted quote has text around it).
 */
function reviewDocument(statement: ReviewStatement): DocumentBundle {
  // Both fixture materials share one made-up class: analogues by chemistry, none among catalog materials.
  const material = { ...namedAfterId(statement.material), class: 'fixture resin' };
  const patent = statement.kind === 'patent';
  return useDocument({
    id: statement.id,
    material,
    application: namedAfterId(statement.application),
    date: statement.date,
    kind: statement.kind,
    title: `${patent ? 'Films of' : 'News:'} ${material.name}`,
    context: {
      before: 'Demand for clear, sterilisable polymers keeps growing.',
      after: 'The supplier plans more capacity next year.',
    },
    section: patent ? 'description' : 'body',
    document: {
      ...(patent
        ? { number: `US${statement.id.replace(/\D/g, '').slice(-7).padStart(7, '1')}B2`, kindCode: 'B2' }
        : { url: `https://news.example.com/${encodeURIComponent(statement.id)}` }),
      source: patent ? 'uspto' : 'Example Plastics News',
      ingestRunId: statement.runId,
      assignees: patent ? ['Example Chemicals'] : [],
    },
  });
}

/**
 * Seeds a product, its evidence (patents and news), the ingest run that brought them in, and the
 * suggestions SuggestionEngine computes from them, all under ids no other test uses.
 */
export async function seedReviewFixture(testApp: TestApp): Promise<ReviewFixture> {
  const { store } = testApp;
  await store.migrate();
  const suffix = uniqueSuffix('rv');
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
      items: 9,
      documents: 9,
      added: 9,
      updated: 0,
      unchanged: 0,
      failed: 0,
      chunks: 18,
      mentions: 18,
      facts: 9,
      skipped: 0,
      duplicates: 0,
      droppedFacts: 0,
    },
    errors: [],
  });
  const statements: Array<[ReviewStatement['kind'], string, string, string]> = [
    ['patent', ours, app('lenses'), '2020-01-10'],
    ['patent', ours, app('syringes'), '2021-03-01'],
    ['news', ours, app('syringes'), '2022-03-01'],
    ['patent', analogue, app('lenses'), '2019-05-01'],
    ['news', analogue, app('vials'), '2020-05-01'],
    ['patent', analogue, app('vials'), '2021-05-01'],
    ['news', analogue, app('microfluidics'), '2022-05-01'],
    // A second document: an analogue's use from one document alone is below the minimum support.
    ['patent', analogue, app('microfluidics'), '2023-02-01'],
    // One document only: held back (the page and the API count it).
    ['news', analogue, app('cuvettes'), '2021-08-01'],
  ];
  await store.writeDocuments(
    statements.map(([kind, material, application, date], index) =>
      reviewDocument({ id: `${kind}:rv-${suffix}-${index + 1}`, kind, material, application, date, runId }),
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
  const suggestionStore = new Neo4jSuggestionStore(store.driver);
  await new SuggestionEngine({
    evidence: new Neo4jEvidenceReader(store.driver),
    suggestions: suggestionStore,
  }).compute(product, { now: () => new Date('2026-02-01T00:00:00.000Z') });
  const suggestions = await suggestionStore.listSuggestions(product.id);
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
