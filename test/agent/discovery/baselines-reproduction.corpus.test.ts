import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineScores } from '../../../agent/discovery/baseline-scores.ts';
import { EvidenceIndex } from '../../../agent/discovery/evidence-index.ts';
import { computeMetrics, type QueryRanking } from '../../../agent/discovery/metrics.ts';
import { sharedRoot } from '../../support/paths.ts';
import { buildDevRows } from './dev/build-dev-index.ts';
import { loadCorpusTexts, readDocumentIndex } from './dev/corpus-loader.ts';
import { TemporaryMatcher, type VocabularyFile } from './dev/temporary-matcher.ts';

const taskDir = resolve(sharedRoot, 'bench/discovery/cutoff-2015');

/**
 * Rebuilds the cutoff-2015 evidence from the corpus texts with the dev matcher and recomputes the
 * popularity and preferential-attachment baselines. The dev matcher approximates the benchmark's
 * annotator (385 known pairs vs 389), so values agree to about 0.02, not exactly.
 */
describe('baseline reproduction on cutoff-2015', () => {
  it('recomputes popularity and preferentialAttachment close to baselines.json', () => {
    const task = JSON.parse(readFileSync(resolve(taskDir, 'task.json'), 'utf8'));
    const truth = JSON.parse(readFileSync(resolve(taskDir, 'truth.json'), 'utf8'));
    const baselines = JSON.parse(readFileSync(resolve(taskDir, 'baselines.json'), 'utf8'));
    const sharedRoot = resolve(taskDir, task.sharedRoot);
    const vocabulary = JSON.parse(
      readFileSync(resolve(sharedRoot, task.vocabulary), 'utf8'),
    ) as VocabularyFile;
    const entries = readDocumentIndex(sharedRoot, task.documentIndex).filter(
      (entry) => entry.date <= task.cutoff,
    );
    expect(entries).toHaveLength(task.documentsBeforeCutoff);
    const index = EvidenceIndex.fromRows(
      buildDevRows(loadCorpusTexts(sharedRoot, entries), new TemporaryMatcher(vocabulary)),
    );
    // The scorer is validated with the task's own known pairs (allowed here: this checks the metric, not a method).
    const known = new Set(truth.known.map(([m, a]: [string, string]) => `${m}|${a}`));
    const positives = new Set(
      truth.positives.map((p: { material: string; application: string }) => `${p.material}|${p.application}`),
    );
    const applications: string[] = vocabulary.applications.map((entry) => entry.id);
    const rankings: Record<'popularity' | 'preferentialAttachment', QueryRanking[]> = {
      popularity: [],
      preferentialAttachment: [],
    };
    for (const query of task.queries as string[]) {
      const candidates = applications.filter((a) => !known.has(`${query}|${a}`));
      const scores = baselineScores(
        index,
        `material:${query}`,
        candidates.map((a) => `application:${a}`),
      );
      const labels = candidates.map((a) => positives.has(`${query}|${a}`));
      rankings.popularity.push({ query, scores: scores.popularity, labels });
      rankings.preferentialAttachment.push({ query, scores: scores.preferentialAttachment, labels });
    }
    for (const name of ['popularity', 'preferentialAttachment'] as const) {
      const metrics = computeMetrics(rankings[name]);
      for (const key of ['mrr', 'rocAuc', 'hits@10', 'averagePrecision'] as const) {
        expect(Math.abs(metrics[key] - baselines.baselines[name][key]), `${name} ${key}`).toBeLessThan(0.02);
      }
    }
  });
});
