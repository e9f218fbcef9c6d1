import { createChatModel } from '../agent/index.ts';
import {
  ChainedExtractor,
  createLlmExtractor,
  createOfflineExtractor,
  type DocumentAnalyzer,
  type Extractor,
  extractionInputOf,
  GraphVocabulary,
  GraphVocabularyExtractor,
  type IngestionPool,
  loadDefaultLexicon,
  offlineExtractorName,
  type StructuredOutputModel,
  type Vocabulary,
  type VocabularySource,
  withoutRetired,
} from '../ingest/index.ts';
import type { Config } from './config.ts';

/** What the run extractor needs of the composition root. */
export interface ExtractorServices {
  vocabulary: VocabularySource;
}

/** The extractors for one vocabulary, and the name facts record (it tells runs with a model apart). */
function chainFor(config: Config): {
  name: string;
  build: (vocabulary: Vocabulary) => Extractor;
} {
  const offline = (vocabulary: Vocabulary) =>
    createOfflineExtractor({ vocabulary, mining: config.mining.enabled });
  const model = createChatModel(config.llm);
  if (!model) return { name: offlineExtractorName, build: offline };
  const build = (vocabulary: Vocabulary) =>
    new ChainedExtractor([
      offline(vocabulary),
      createLlmExtractor({ model: model as unknown as StructuredOutputModel, lexicon: vocabulary }),
    ]);
  // The chain's name (offline + model) is the same whatever the vocabulary.
  return { name: build(loadDefaultLexicon()).name, build };
}

/**
 * The extractor of ingestion and re-extraction runs: the graph's current vocabulary (read per document,
 * compiled once per version), offline lexicon + patterns + open mining (unless MINING=off), chained with
 * the structured-output LLM extractor when LLM_PROVIDER is set (open vocabulary: what only the model
 * finds becomes an entity of origin `llm`; facts whose quote is not in the text are dropped and counted).
 */
export async function createExtractor(
  config: Config,
  services: ExtractorServices,
): Promise<GraphVocabularyExtractor> {
  const { name, build } = chainFor(config);
  return new GraphVocabularyExtractor({ store: services.vocabulary, build, name });
}

/**
 * The same extraction on the ingestion pool: offline lexicon + patterns + mining over the graph's
 * vocabulary on worker threads (each thread gets a version's snapshot once and compiles it). With a model,
 * its part runs here afterwards (network I/O, not CPU) and the results are united as the chain unites
 * them, under the chain's name, so content hashes match those of inline runs.
 */
export function createPooledAnalyzer(
  config: Config,
  services: ExtractorServices,
  pool: IngestionPool,
): DocumentAnalyzer {
  const offline = pool.analyzer({
    spec: { kind: 'graph', mining: config.mining.enabled },
    vocabulary: services.vocabulary,
  });
  const model = createChatModel(config.llm);
  if (!model) return offline;
  const { name } = chainFor(config);
  const vocabulary = new GraphVocabulary(services.vocabulary);
  let llm: { stamp: string; extractor: Extractor } | undefined;
  return {
    name,
    async analyze(parsed) {
      const { chunks, extraction } = await offline.analyze(parsed);
      const state = await vocabulary.current();
      if (llm?.stamp !== state.stamp) {
        llm = {
          stamp: state.stamp,
          extractor: createLlmExtractor({
            model: model as unknown as StructuredOutputModel,
            lexicon: state.vocabulary,
          }),
        };
      }
      const done: Extractor = { name: offline.name, extract: async () => extraction };
      const merged = await new ChainedExtractor([done, llm.extractor]).extract(
        extractionInputOf({ ...parsed, assignees: parsed.assignees ?? [] }, chunks),
      );
      return { chunks, extraction: withoutRetired(merged, state.retiredIds) };
    },
  };
}
