import type { IngestRun, PendingCandidates } from '../graph/index.ts';
import {
  type CandidatePromotionDependencies,
  type Extractor,
  type GraphVocabularyExtractor,
  promoteCandidates,
  type ReextractionOptions,
  runReextraction,
} from '../ingest/index.ts';
import type { AppContext } from './composition-root.ts';
import { createExtractor } from './extractor-factory.ts';

/** What vocabulary runs need of the composition root. */
export type VocabularyRunContext = Pick<AppContext, 'config' | 'graph' | 'vocabulary' | 'reextraction'>;

/**
 * Promotion of mined terms during and after a run: candidates whose support reached
 * MINING_PROMOTION_THRESHOLD documents (counting a run's pending, unwritten ones) become entities
 * (nothing when MINING=off). Resolves with the ids of the promoted terms.
 */
export function minedTermPromotion(
  context: VocabularyRunContext,
  extractor: GraphVocabularyExtractor,
  store: CandidatePromotionDependencies['store'] = context.vocabulary,
): ((pending?: PendingCandidates) => Promise<string[]>) | undefined {
  if (!context.config.mining.enabled) return undefined;
  return async (pending) =>
    (
      await promoteCandidates(
        { store, vocabulary: () => extractor.currentVocabulary() },
        { threshold: context.config.mining.promotionThreshold, ...(pending ? { pending } : {}) },
      )
    ).promoted;
}

/**
 * Whether an ingestion run should be followed by a re-extraction: it promoted terms (their mentions go
 * into the stored chunks that name them), or changes are pending (it wrote documents analysed with an
 * older vocabulary than a re-extraction beside it applied, or an earlier re-extraction stopped). A
 * stopped run leaves that to the next run or `matscout reextract`.
 */
export async function reextractionDue(
  run: IngestRun,
  vocabulary: Pick<VocabularyRunContext['vocabulary'], 'pendingChanges'>,
): Promise<boolean> {
  if (run.kind === 're-extract' || run.status === 'cancelled') return false;
  if (run.counts.promoted) return true;
  return (await vocabulary.pendingChanges()).changes.length > 0;
}

/**
 * Runs re-extraction here and now (the CLI after a change; a worker executing a queued run). `pooled`
 * extracts on the ingestion pool's threads instead of this one (the same extraction).
 */
export async function reextractNow(
  context: VocabularyRunContext,
  options: ReextractionOptions = {},
  extractor?: GraphVocabularyExtractor,
  pooled?: Extractor,
): Promise<IngestRun> {
  const runExtractor = extractor ?? (await createExtractor(context.config, context));
  return runReextraction(
    {
      store: context.graph,
      documents: context.reextraction,
      vocabulary: context.vocabulary,
      extractor: pooled ?? runExtractor,
      promoteCandidates: minedTermPromotion(context, runExtractor),
    },
    options,
  );
}
