import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGraphStores, type GraphStores } from '../../api/composition-root.ts';
import { type Config, loadConfig } from '../../api/config.ts';
import { createExtractor } from '../../api/extractor-factory.ts';
import { minedTermPromotion, reextractNow } from '../../api/vocabulary-runs.ts';
import { deleteAllNodes, type IngestRun, type Neo4jGraphStore } from '../../graph/index.ts';
import { type GraphVocabularyExtractor, runIngestion, seedBundledLexicon } from '../../ingest/index.ts';
import { openTestStore, testNeo4jEnv } from '../support/graph.ts';
import { repoRoot } from '../support/paths.ts';

/** The application's stores and config on the suite's Neo4j, with the bundled lexicon seeded. */
export interface VocabularyWorld extends GraphStores {
  config: Config;
  extractor: GraphVocabularyExtractor;
  /** Ingests files through the run pipeline (graph vocabulary, mining, promotion). */
  ingest(files: string[]): Promise<IngestRun>;
  close(): Promise<void>;
}

export async function openVocabularyWorld(
  env: Record<string, string> = {},
  options: { fresh?: boolean } = {},
): Promise<VocabularyWorld> {
  const config = loadConfig(
    {
      ...testNeo4jEnv(),
      ...env,
    },
    repoRoot,
  );
  const graph: Neo4jGraphStore = openTestStore();
  // A fresh graph for tests whose assertions speak about every document in it.
  if (options.fresh) await deleteAllNodes(graph.driver);
  await graph.migrate();
  const stores = createGraphStores(graph);
  await seedBundledLexicon(stores.vocabulary);
  const context = { ...stores, config };
  const extractor = await createExtractor(config, context);
  // Earlier test files may have left vocabulary changes pending: apply them first.
  await reextractNow(context, {}, extractor);
  return {
    ...context,
    extractor,
    ingest: (files) =>
      runIngestion(
        { store: graph, extractor, promoteCandidates: minedTermPromotion(context, extractor) },
        { inputs: files },
      ),
    close: () => graph.close(),
  };
}

/** A press release in the Markdown form the press-release parser reads (title, dateline). */
export function pressRelease(title: string, date: string, body: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const monthName = new Date(Date.UTC(year, month - 1, day)).toLocaleString('en-US', {
    month: 'long',
    timeZone: 'UTC',
  });
  return `# ${title}\n\nBOSTON, ${monthName} ${day}, ${year} /Sample Wire/ -- ${body}\n`;
}

/** Writes files into a fresh folder; returns their paths. */
export function writeFiles(prefix: string, files: Record<string, string>): string[] {
  const folder = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  mkdirSync(folder, { recursive: true });
  return Object.entries(files).map(([name, content]) => {
    const file = path.join(folder, name);
    writeFileSync(file, content);
    return file;
  });
}
