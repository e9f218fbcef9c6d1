import type { ExtractionInput, ExtractionResult, Extractor } from '../extract/extractor.ts';
import type { Vocabulary } from '../extract/vocabulary.ts';
import { GraphVocabulary } from './graph-vocabulary.ts';
import type { VocabularySource } from './shared-snapshots.ts';

export interface GraphVocabularyExtractorOptions {
  store: VocabularySource;
  /** The extractor(s) for one compiled vocabulary: offline, chained with an LLM when configured. */
  build: (vocabulary: Vocabulary) => Extractor;
  /** Recorded on facts and in content hashes; stable across vocabulary versions. */
  name: string;
  stopPhrases?: readonly string[];
}

/** Drops what names a retired term (patterns or a model could otherwise bring it back). */
export function withoutRetired(result: ExtractionResult, retired: ReadonlySet<string>): ExtractionResult {
  if (retired.size === 0) return result;
  return {
    ...result,
    entities: result.entities.filter((entity) => !retired.has(entity.id)),
    mentions: result.mentions.filter((mention) => !retired.has(mention.entityId)),
    facts: result.facts.filter((fact) => !retired.has(fact.subjectId) && !retired.has(fact.objectId)),
  };
}

/**
 * Extraction with the vocabulary that lives in the graph: every document is extracted with the
 * current version (compiled once per version), and the result records that version.
 */
export class GraphVocabularyExtractor implements Extractor {
  readonly name: string;
  private readonly vocabulary: GraphVocabulary;
  private readonly build: (vocabulary: Vocabulary) => Extractor;
  private built: { stamp: string; extractor: Extractor } | undefined;

  constructor(options: GraphVocabularyExtractorOptions) {
    this.name = options.name;
    this.build = options.build;
    this.vocabulary = new GraphVocabulary(
      options.store,
      options.stopPhrases ? { stopPhrases: options.stopPhrases } : {},
    );
  }

  /** The compiled vocabulary extraction uses now. */
  async currentVocabulary(): Promise<Vocabulary> {
    return (await this.vocabulary.current()).vocabulary;
  }

  async extract(input: ExtractionInput): Promise<ExtractionResult> {
    const state = await this.vocabulary.current();
    if (this.built?.stamp !== state.stamp) {
      this.built = { stamp: state.stamp, extractor: this.build(state.vocabulary) };
    }
    const result = await this.built.extractor.extract(input);
    return { ...withoutRetired(result, state.retiredIds), vocabularyGraphVersion: state.version };
  }
}
