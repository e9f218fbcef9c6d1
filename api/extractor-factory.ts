import { createChatModel } from '../agent/index.ts';
import type { VocabularyStore } from '../graph/index.ts';
import {
  ChainedExtractor,
  createLlmExtractor,
  createOfflineExtractor,
  type Extractor,
  GraphVocabularyExtractor,
  loadDefaultLexicon,
  offlineExtractorName,
  type StructuredOutputModel,
  type Vocabulary,
} from '../ingest/index.ts';
import type { Config } from './config.ts';

/** What the run extractor needs of the composition root. */
export interface ExtractorServices {
  vocabulary: Pick<VocabularyStore, 'version' | 'snapshot'>;
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
