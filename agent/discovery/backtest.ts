import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BASELINE_NAMES, type BaselineName, baselineScores } from './baseline-scores.ts';
import { type EvidenceIndex, yearsBetween } from './evidence-index.ts';
import { FeatureContext } from './features.ts';
import {
  type BootstrapIntervals,
  bootstrapConfidenceIntervals,
  computeMetrics,
  computeQueryMetrics,
  type DiscoveryMetrics,
  hitsCurve,
  type QueryRanking,
} from './metrics.ts';
import { type RankedApplication, rankApplications } from './rank-candidates.ts';
import type { ScoringModel } from './scorer.ts';
import { type TrainingReport, trainWeights } from './train-weights.ts';

/** task.json of a discovery back-test folder. */
export interface DiscoveryTask {
  cutoff: string;
  horizonEnd: string;
  sharedRoot: string;
  corpus: string[];
  documentsBeforeCutoff: number;
  documentsInHorizon: number;
  queries: string[];
  vocabulary: string;
  documentIndex: string;
  groundTruth?: Record<string, unknown>;
}

export interface Vocabulary {
  version: number;
  materials: { id: string; name: string; aliases: string[] }[];
  applications: { id: string; name: string; aliases: string[] }[];
  stopPhrases: string[];
}

export interface LoadedTask {
  folder: string;
  task: DiscoveryTask;
  /** Absolute path of the shared root (task folder + sharedRoot). */
  sharedRoot: string;
  vocabulary: Vocabulary;
}

export async function loadTask(taskFolder: string): Promise<LoadedTask> {
  const folder = resolve(taskFolder);
  const task = JSON.parse(await readFile(resolve(folder, 'task.json'), 'utf8')) as DiscoveryTask;
  const sharedRoot = resolve(folder, task.sharedRoot);
  const vocabulary = JSON.parse(await readFile(resolve(sharedRoot, task.vocabulary), 'utf8')) as Vocabulary;
  return { folder, task, sharedRoot, vocabulary };
}

export interface BacktestOptions {
  /** Evidence dated on or before the task cutoff (later rows are ignored). */
  index: EvidenceIndex;
  /** Fixed weights; by default they are fitted on internal splits before the cutoff. */
  model?: ScoringModel;
  /** Graph entity id of a vocabulary id; defaults to `material:<id>` / `application:<id>`. */
  materialIdOf?: (vocabularyId: string) => string;
  applicationIdOf?: (vocabularyId: string) => string;
  /** Bootstrap replicates for the mrr / rocAuc intervals (0 to skip). */
  bootstrapReplicates?: number;
  /** Candidates listed per query in perQuery. */
  topPerQuery?: number;
}

export interface PerQueryResult {
  material: string;
  candidates: number;
  positives: string[];
  reciprocalRank: number;
  'hits@10': number;
  averagePrecision: number;
  rocAuc: number | null;
  /** Rank of each positive (ties broken by id, as listed). */
  positiveRanks: Record<string, number>;
  top: { application: string; score: number; positive: boolean; sources: string[]; citations: number }[];
}

export interface BacktestResult {
  task: {
    folder: string;
    cutoff: string;
    horizonEnd: string;
    queries: number;
    queriesWithPositives: number;
    candidates: number;
    positives: number;
    knownPairsDerived: number;
    knownPairsAgreement?: { truth: number; derived: number; shared: number };
    model: ScoringModel;
    training?: TrainingReport;
  };
  metrics: DiscoveryMetrics;
  confidence?: BootstrapIntervals;
  baselines: unknown;
  /** 95 % bootstrap intervals over queries of each reproduced baseline (same resampling as ours). */
  baselineConfidence?: Record<BaselineName, BootstrapIntervals>;
  /** The README baselines recomputed from this index (checks the index against baselines.json). */
  reproducedBaselines: Record<BaselineName, DiscoveryMetrics>;
  /** hits@k for k = 1..20: `ours` and each reproduced baseline. */
  hitsCurves: Record<string, number[]>;
  perQuery: PerQueryResult[];
}

interface Truth {
  known: [string, string][];
  positives: { material: string; application: string; firstDate: string; documents: string[] }[];
}

function stripPrefix(id: string): string {
  const colon = id.indexOf(':');
  return colon >= 0 ? id.slice(colon + 1) : id;
}

/**
 * Runs a discovery back-test: ranks, for every query material, every vocabulary application not known
 * with it by the cutoff (known = co-mentioned in a sentence of the index), then reads truth.json to
 * score. Nothing of truth.json is used before every ranking is fixed.
 */
export async function runBacktest(taskFolder: string, options: BacktestOptions): Promise<BacktestResult> {
  const loaded = await loadTask(taskFolder);
  const { task, vocabulary } = loaded;
  const materialIdOf = options.materialIdOf ?? ((id: string) => `material:${id}`);
  const applicationIdOf = options.applicationIdOf ?? ((id: string) => `application:${id}`);
  const index = options.index.restrictTo(task.cutoff);
  const applications = vocabulary.applications.map((entry) => applicationIdOf(entry.id));
  const horizonYears = Math.max(1, Math.round(yearsBetween(task.cutoff, task.horizonEnd)));

  let model = options.model;
  let training: TrainingReport | undefined;
  if (!model) {
    const trained = trainWeights(index, { cutoff: task.cutoff, applications, horizonYears });
    model = trained.model;
    training = trained.report;
  }

  const context = new FeatureContext(index, task.cutoff);
  const rankings = new Map<string, RankedApplication[]>();
  const baselineRankings = new Map<string, Record<BaselineName, number[]>>();
  let knownPairsDerived = 0;
  for (const query of task.queries) {
    const materialId = materialIdOf(query);
    const known = new Set(index.applicationsOf(materialId).keys());
    knownPairsDerived += known.size;
    const ranked = rankApplications(index, {
      materialId,
      known,
      model,
      asOf: task.cutoff,
      applications,
      context,
    });
    rankings.set(query, ranked);
    baselineRankings.set(
      query,
      baselineScores(
        index,
        materialId,
        ranked.map((entry) => entry.applicationId),
      ),
    );
  }

  // Scoring only: every ranking above is fixed before the ground truth is read.
  const truth = JSON.parse(await readFile(resolve(loaded.folder, 'truth.json'), 'utf8')) as Truth;
  const baselines = JSON.parse(
    await readFile(resolve(loaded.folder, 'baselines.json'), 'utf8').catch(() => 'null'),
  );
  const positives = new Map<string, Set<string>>();
  for (const positive of truth.positives) {
    const set = positives.get(positive.material) ?? new Set<string>();
    set.add(positive.application);
    positives.set(positive.material, set);
  }
  const queryRankings: QueryRanking[] = [];
  const perQuery: PerQueryResult[] = [];
  const baselineQueryRankings = Object.fromEntries(
    BASELINE_NAMES.map((name) => [name, [] as QueryRanking[]]),
  ) as Record<BaselineName, QueryRanking[]>;
  const topPerQuery = options.topPerQuery ?? 10;
  for (const query of task.queries) {
    const ranked = rankings.get(query) as RankedApplication[];
    const expected = positives.get(query) ?? new Set<string>();
    const labels = ranked.map((entry) => expected.has(stripPrefix(entry.applicationId)));
    const ranking: QueryRanking = { query, scores: ranked.map((entry) => entry.rankScore), labels };
    queryRankings.push(ranking);
    const scores = baselineRankings.get(query) as Record<BaselineName, number[]>;
    for (const name of BASELINE_NAMES)
      baselineQueryRankings[name].push({ query, scores: scores[name], labels });
    const metrics = computeQueryMetrics(ranking);
    const positiveRanks: Record<string, number> = {};
    ranked.forEach((entry, i) => {
      if (labels[i]) positiveRanks[stripPrefix(entry.applicationId)] = entry.rank;
    });
    perQuery.push({
      material: query,
      candidates: ranked.length,
      positives: [...expected].sort(),
      reciprocalRank: metrics.reciprocalRank,
      'hits@10': metrics['hits@10'],
      averagePrecision: metrics.averagePrecision,
      rocAuc: metrics.rocAuc,
      positiveRanks,
      top: ranked.slice(0, topPerQuery).map((entry, i) => ({
        application: stripPrefix(entry.applicationId),
        score: entry.rankScore,
        positive: labels[i] as boolean,
        sources: entry.sources,
        citations: entry.citations.length,
      })),
    });
  }
  const truthKnown = new Set(truth.known.map(([m, a]) => `${m}|${a}`));
  const derivedKnown = new Set<string>();
  for (const pair of index.allPairs())
    derivedKnown.add(`${stripPrefix(pair.materialId)}|${stripPrefix(pair.applicationId)}`);
  let shared = 0;
  for (const key of derivedKnown) if (truthKnown.has(key)) shared += 1;

  const replicates = options.bootstrapReplicates ?? 1000;
  return {
    task: {
      folder: loaded.folder,
      cutoff: task.cutoff,
      horizonEnd: task.horizonEnd,
      queries: task.queries.length,
      queriesWithPositives: queryRankings.filter((ranking) => ranking.labels.some(Boolean)).length,
      candidates: queryRankings.reduce((sum, ranking) => sum + ranking.scores.length, 0),
      positives: queryRankings.reduce((sum, ranking) => sum + ranking.labels.filter(Boolean).length, 0),
      knownPairsDerived,
      knownPairsAgreement: { truth: truthKnown.size, derived: derivedKnown.size, shared },
      model,
      ...(training ? { training } : {}),
    },
    metrics: computeMetrics(queryRankings),
    ...(replicates > 0 ? { confidence: bootstrapConfidenceIntervals(queryRankings, { replicates }) } : {}),
    baselines,
    ...(replicates > 0
      ? {
          baselineConfidence: Object.fromEntries(
            BASELINE_NAMES.map((name) => [
              name,
              bootstrapConfidenceIntervals(baselineQueryRankings[name], { replicates }),
            ]),
          ) as Record<BaselineName, BootstrapIntervals>,
        }
      : {}),
    reproducedBaselines: Object.fromEntries(
      BASELINE_NAMES.map((name) => [name, computeMetrics(baselineQueryRankings[name])]),
    ) as Record<BaselineName, DiscoveryMetrics>,
    hitsCurves: {
      ours: hitsCurve(queryRankings),
      ...Object.fromEntries(BASELINE_NAMES.map((name) => [name, hitsCurve(baselineQueryRankings[name])])),
    },
    perQuery,
  };
}
