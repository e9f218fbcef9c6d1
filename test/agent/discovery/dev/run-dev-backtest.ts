/**
 * Dev script (not a test): builds an evidence index straight from the corpus texts dated ≤ the task
 * cutoff and runs the back-test. Usage: npx tsx test/agent/discovery/dev/run-dev-backtest.ts <taskFolder> [out.json]
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTask, runBacktest } from '../../../../agent/discovery/backtest.ts';
import { EvidenceIndex } from '../../../../agent/discovery/evidence-index.ts';
import { sharedRoot } from '../../../support/paths.ts';
import { buildDevRows } from './build-dev-index.ts';
import { loadCorpusTexts, readDocumentIndex } from './corpus-loader.ts';
import { TemporaryMatcher, type VocabularyFile } from './temporary-matcher.ts';

const taskFolder = process.argv[2]
  ? resolve(process.argv[2])
  : resolve(sharedRoot, 'bench/discovery/cutoff-2015');
const out = process.argv[3];
const loaded = await loadTask(taskFolder);
const entries = readDocumentIndex(loaded.sharedRoot, loaded.task.documentIndex).filter(
  (entry) => entry.date <= loaded.task.cutoff,
);
const started = Date.now();
const texts = loadCorpusTexts(loaded.sharedRoot, entries);
const matcher = new TemporaryMatcher(loaded.vocabulary as unknown as VocabularyFile);
const rows = buildDevRows(texts, matcher);
const index = EvidenceIndex.fromRows(rows);
console.error(
  `index: ${entries.length} documents, ${rows.coMentions.length} co-mentions, ${Date.now() - started} ms`,
);
const result = await runBacktest(taskFolder, { index, bootstrapReplicates: 1000 });
console.error(`backtest done in ${Date.now() - started} ms`);
const { model, training, ...task } = result.task;
console.log(JSON.stringify({ task, confidence: result.confidence }, null, 1));
console.log('training', JSON.stringify(training?.splits), 'chosen', training?.chosen);
for (const variant of training?.variants ?? []) {
  console.log(
    'variant',
    variant.name.padEnd(40),
    `auc ${variant.validation.rocAuc.toFixed(3)} mrr ${variant.validation.mrr.toFixed(3)} h10 ${variant.validation['hits@10'].toFixed(3)}`,
  );
}
console.log(
  'weights',
  model.features.map((name, i) => `${name}=${(model.weights[i] as number).toFixed(2)}`).join(' '),
);
const show = (name: string, metrics: Record<string, number | string>) =>
  console.log(
    name.padEnd(28),
    ['hits@1', 'hits@5', 'hits@10', 'mrr', 'averagePrecision', 'rocAuc', 'rocAucPerQuery', 'lift@10']
      .map((key) => `${key}=${Number(metrics[key]).toFixed(3)}`)
      .join(' '),
  );
show('OURS', result.metrics as unknown as Record<string, number>);
for (const [name, metrics] of Object.entries(result.reproducedBaselines))
  show(`repro ${name}`, metrics as unknown as Record<string, number>);
const baselines =
  (result.baselines as { baselines?: Record<string, Record<string, number | string>> } | null)?.baselines ??
  {};
for (const [name, metrics] of Object.entries(baselines)) show(`given ${name}`, metrics);
if (out) writeFileSync(out, JSON.stringify(result, null, 1));
