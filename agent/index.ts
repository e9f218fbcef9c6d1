/** Back-test of discovery on a task folder (metrics, baselines, per-query results). */

/** The chat agent, its read-only graph tools, citations and planners (see agent/chat/index.ts). */
export * from './chat/index.ts';
export { type BacktestResult, runBacktest } from './discovery/backtest.ts';
/** In-memory evidence index over the graph's co-mentions, mentions and property facts. */
export { EvidenceIndex } from './discovery/evidence-index.ts';
/** The discovery metrics of the back-test README. */
export { computeMetrics, METRIC_KEYS, seededRandom } from './discovery/metrics.ts';
/** Ranking of candidate applications for a material. */
export { type RankedApplication, rankApplications } from './discovery/rank-candidates.ts';
/** Weight fitting on internal time splits. */
export { MAX_TRAINING_ROWS, trainWeights } from './discovery/train-weights.ts';
/** Read-only suggestions for any material in the graph, citations resolved to stored passages. */
export {
  MaterialSuggestions,
  type MaterialSuggestionsDependencies,
  type MaterialSuggestionsResult,
  type NamedApplication,
} from './suggest/material-suggestions.ts';
/** Weights fitted on an evidence graph, kept on disk for the next process that reads the same graph. */
export { evidenceFingerprint, FolderModelCache, type ScoringModelCache } from './suggest/model-cache.ts';
/** A suggestion's score as people read it (tiny scores keep two significant digits). */
export { formatScore } from './suggest/score-format.ts';
/** Computes and persists ranked suggestions for a product, honouring reviews. */
export {
  type ComputedSuggestions,
  engineVersion,
  SuggestionEngine,
  type SuggestionEngineDependencies,
  type SuggestOptions,
} from './suggest/suggestion-engine.ts';
