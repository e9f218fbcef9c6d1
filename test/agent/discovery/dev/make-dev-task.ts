/**
 * Dev script (not a test): writes a back-test task at another cutoff with ground truth recomputed by
 * the README's rules using the dev matcher. Usage:
 * npx tsx test/agent/discovery/dev/make-dev-task.ts <cutoff YYYY-MM-DD> <horizonEnd> <outFolder>
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadTask } from '../../../../agent/discovery/backtest.ts';
import { BASELINE_NAMES, baselineScores } from '../../../../agent/discovery/baseline-scores.ts';
import { EvidenceIndex } from '../../../../agent/discovery/evidence-index.ts';
import { computeMetrics, type QueryRanking } from '../../../../agent/discovery/metrics.ts';
import { sharedRoot } from '../../../support/paths.ts';
import { buildDevRows } from './build-dev-index.ts';
import { loadCorpusTexts, readDocumentIndex } from './corpus-loader.ts';
import { TemporaryMatcher, type VocabularyFile } from './temporary-matcher.ts';

const [cutoff, horizonEnd, outFolder] = process.argv.slice(2) as [string, string, string];
const reference = await loadTask(resolve(sharedRoot, 'bench/discovery/cutoff-2015'));
const entries = readDocumentIndex(reference.sharedRoot, reference.task.documentIndex).filter(
  (entry) => entry.date <= horizonEnd,
);
const index = EvidenceIndex.fromRows(
  buildDevRows(
    loadCorpusTexts(reference.sharedRoot, entries),
    new TemporaryMatcher(reference.vocabulary as unknown as VocabularyFile),
  ),
);
const past = index.restrictTo(cutoff);
const strip = (id: string) => id.slice(id.indexOf(':') + 1);
const known: [string, string][] = [...past.allPairs()].map((pair) => [
  strip(pair.materialId),
  strip(pair.applicationId),
]);
const mentioned = new Set(past.entities('material'));
const positives = [...index.allPairs()]
  .filter((pair) => pair.firstDate > cutoff && pair.firstDate <= horizonEnd && mentioned.has(pair.materialId))
  .map((pair) => ({
    material: strip(pair.materialId),
    application: strip(pair.applicationId),
    firstDate: pair.firstDate,
    documents: [...pair.documents].sort(),
  }));
const withPositives = [...new Set(positives.map((p) => p.material))];
const hash = (id: string) => createHash('sha256').update(`${cutoff}:${id}`).digest('hex');
const without = [...mentioned]
  .map(strip)
  .filter((id) => !withPositives.includes(id))
  .sort((a, b) => (hash(a) < hash(b) ? -1 : 1))
  .slice(0, withPositives.length);
const queries = [...withPositives, ...without].sort();
const folder = resolve(outFolder);
mkdirSync(folder, { recursive: true });
const task = {
  cutoff,
  horizonEnd,
  sharedRoot: relative(folder, reference.sharedRoot),
  corpus: [],
  documentsBeforeCutoff: entries.filter((entry) => entry.date <= cutoff).length,
  documentsInHorizon: entries.filter((entry) => entry.date > cutoff).length,
  queries,
  vocabulary: reference.task.vocabulary,
  documentIndex: reference.task.documentIndex,
};
writeFileSync(resolve(folder, 'task.json'), JSON.stringify(task, null, 1));
writeFileSync(
  resolve(folder, 'truth.json'),
  JSON.stringify({ cutoff, horizonEnd, known, positives }, null, 1),
);
const knownSet = new Set(known.map(([m, a]) => `${m}|${a}`));
const positiveSet = new Set(positives.map((p) => `${p.material}|${p.application}`));
const applications = reference.vocabulary.applications.map((entry) => entry.id);
const rankings = Object.fromEntries(BASELINE_NAMES.map((name) => [name, [] as QueryRanking[]]));
const random: QueryRanking[] = [];
for (const query of queries) {
  const candidates = applications.filter((a) => !knownSet.has(`${query}|${a}`));
  const labels = candidates.map((a) => positiveSet.has(`${query}|${a}`));
  const scores = baselineScores(
    past,
    `material:${query}`,
    candidates.map((a) => `application:${a}`),
  );
  for (const name of BASELINE_NAMES) rankings[name]?.push({ query, scores: scores[name], labels });
  random.push({ query, scores: labels.map(() => 0), labels });
}
const baselines = {
  cutoff,
  queries: queries.length,
  queriesWithPositives: withPositives.length,
  positives: positives.length,
  baselines: {
    random: computeMetrics(random),
    ...Object.fromEntries(BASELINE_NAMES.map((name) => [name, computeMetrics(rankings[name] ?? [])])),
  },
};
writeFileSync(resolve(folder, 'baselines.json'), JSON.stringify(baselines, null, 1));
console.log(
  `${folder}: ${queries.length} queries, ${withPositives.length} with positives, ${positives.length} positives`,
);
