/**
 * Rebuilds discovery task folders in the shared format (task.json, truth.json, baselines.json) from
 * shared/bench/discovery/documents.jsonl and vocab.json by the rules of that folder's README. The
 * folders derive from shared data: write them outside the repository (default .data/, ignored).
 *
 * Usage: npm run bench:discovery-tasks -- --cutoff 2012[,2018] [--horizon 2026] --out DIR
 *        [--compare DIR]   (agreement of a rebuilt task's truth with a shipped truth.json)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  annotateCorpus,
  MAX_MATERIALS_PER_SENTENCE,
  readDocumentIndex,
} from './discovery-tasks/annotate-corpus.ts';
import { type BuiltTruth, buildTask, scoreBaselines } from './discovery-tasks/build-task.ts';
import type { TaskVocabulary } from './discovery-tasks/vocabulary-matcher.ts';

const { values } = parseArgs({
  options: {
    cutoff: { type: 'string' },
    horizon: { type: 'string' },
    out: { type: 'string', default: '.data/discovery-tasks' },
    compare: { type: 'string' },
  },
});
if (!values.cutoff) throw new Error('--cutoff YEAR is required');
const sharedRoot = path.resolve(process.env.MATSCOUT_SHARED_DIR ?? path.join('..', 'shared'));
const vocabularyPath = 'bench/discovery/vocab.json';
const indexPath = 'bench/discovery/documents.jsonl';
const vocabulary = JSON.parse(
  await readFile(path.join(sharedRoot, vocabularyPath), 'utf8'),
) as TaskVocabulary;
const entries = await readDocumentIndex(sharedRoot, indexPath);
console.error(`annotating ${entries.length} documents…`);
const documents = await annotateCorpus(sharedRoot, entries, vocabulary, (line) => console.error(line));

for (const year of values.cutoff.split(',')) {
  const cutoff = `${year}-12-31`;
  const horizonEnd = `${values.horizon ?? Number(year) + 3}-12-31`;
  const built = buildTask(documents, { cutoff, horizonEnd });
  const dir = path.resolve(values.out as string, `cutoff-${year}`);
  await mkdir(dir, { recursive: true });
  const relativeShared = path.relative(dir, sharedRoot);
  const task = {
    cutoff,
    horizonEnd,
    sharedRoot: relativeShared,
    corpus: [...new Set(entries.map((entry) => entry.source.path))].sort(),
    documentsBeforeCutoff: built.documentsBeforeCutoff,
    documentsInHorizon: built.documentsInHorizon,
    queries: built.queries,
    vocabulary: vocabularyPath,
    documentIndex: indexPath,
    groundTruth: {
      cooccurrence: 'sentence',
      maxMaterialsPerSentence: MAX_MATERIALS_PER_SENTENCE,
      rebuiltBy: 'matscout bench/discovery-tasks.ts',
    },
  };
  const write = (name: string, value: unknown) =>
    writeFile(path.join(dir, name), `${JSON.stringify(value, null, 1)}\n`);
  await write('task.json', task);
  await write('truth.json', { ...built.truth, sharedRoot: relativeShared });
  const baselines = scoreBaselines(built, vocabulary);
  await write('baselines.json', baselines);
  console.log(
    `cutoff ${cutoff} → ${horizonEnd}: ${built.documentsBeforeCutoff} documents before, ${built.documentsInHorizon} in the horizon; ${built.truth.known.length} known pairs, ${built.truth.positives.length} positives, ${built.queries.length} queries (${baselines.queriesWithPositives} with positives); wrote ${dir}`,
  );
  for (const [name, metrics] of Object.entries(baselines.baselines)) {
    const m = metrics as unknown as Record<string, number>;
    console.log(
      `  ${name.padEnd(24)} rocAuc ${m.rocAuc?.toFixed(3)} mrr ${m.mrr?.toFixed(3)} hits@10 ${m['hits@10']?.toFixed(3)} lift@10 ${m['lift@10']?.toFixed(2)}`,
    );
  }
  if (values.compare) {
    const shipped = JSON.parse(await readFile(path.join(values.compare, 'truth.json'), 'utf8')) as BuiltTruth;
    const shippedTask = JSON.parse(await readFile(path.join(values.compare, 'task.json'), 'utf8')) as {
      queries: string[];
    };
    const agreement = (ours: string[], theirs: string[]) => {
      const set = new Set(theirs);
      const shared = ours.filter((key) => set.has(key)).length;
      return `${shared} shared, ${ours.length - shared} only rebuilt, ${theirs.length - shared} only shipped`;
    };
    const pairKeys = (truth: Pick<BuiltTruth, 'known'>) => truth.known.map(([m, a]) => `${m}|${a}`);
    const positiveKeys = (truth: Pick<BuiltTruth, 'positives'>) =>
      truth.positives.map((p) => `${p.material}|${p.application}`);
    console.log(`  agreement with ${values.compare}:`);
    console.log(`    known pairs: ${agreement(pairKeys(built.truth), pairKeys(shipped))}`);
    console.log(`    positives:   ${agreement(positiveKeys(built.truth), positiveKeys(shipped))}`);
    console.log(`    queries:     ${agreement(built.queries, shippedTask.queries)}`);
  }
}
