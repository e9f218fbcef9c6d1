/**
 * How long fitting the ranking weights takes as the vocabularies grow, with the fit's row limit
 * (`MAX_TRAINING_ROWS`, negatives sampled above it) and without it. The evidence is synthetic and
 * seeded: `--documents` co-mentions over 20 years, one material with one application each (popular ones
 * more often) and a second material mentioned, drawn from `--materials` and `--applications` names, so
 * the pairs a fit reads grow as materials × applications the way open mining grows them in a backfill.
 * Each mode runs `--repeats` times; the median is reported, with the rows, the chosen variant and the
 * resident memory after the runs.
 *
 *   npm run bench:fit -- [--materials 2000] [--applications 250] [--documents 8000] [--repeats 1]
 *     [--modes limit,every] [--out bench/results/fit-size.json]
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { EvidenceIndex, MAX_TRAINING_ROWS, seededRandom, trainWeights } from '../agent/index.ts';
import type { CoMentionRow, EntityMentionRow } from '../graph/index.ts';
import { argument } from './support/argument.ts';
import { median } from './support/bench-neo4j.ts';

const materials = Number(argument('materials') ?? 2000);
const applications = Number(argument('applications') ?? 250);
const documents = Number(argument('documents') ?? 8000);
const repeats = Number(argument('repeats') ?? 1);
const outFile = argument('out') ?? 'bench/results/fit-size.json';

function syntheticIndex(): EvidenceIndex {
  const random = seededRandom(7);
  const popular = (count: number) => Math.floor(count * random() ** 2);
  const coMentions: CoMentionRow[] = [];
  const mentions: EntityMentionRow[] = [];
  for (let n = 0; n < documents; n += 1) {
    const year = 2000 + Math.floor((n * 20) / documents);
    const documentId = `d${n}`;
    const publishedAt = `${year}-06-${String(1 + (n % 28)).padStart(2, '0')}`;
    const material = `material:m${popular(materials)}`;
    const application = `application:a${popular(applications)}`;
    const other = `material:m${Math.floor(materials * random())}`;
    coMentions.push({
      materialId: material,
      applicationId: application,
      documentId,
      kind: 'patent',
      publishedAt,
      assignees: [],
      confidence: 0.5,
      chunkId: `${documentId}#0`,
      start: 0,
      end: 10,
    });
    for (const [entityId, entityType] of [
      [material, 'material'],
      [application, 'application'],
      [other, 'material'],
    ] as const) {
      mentions.push({ entityId, entityType, documentId, kind: 'patent', publishedAt });
    }
  }
  return EvidenceIndex.fromRows({ coMentions, mentions });
}

const index = syntheticIndex();
const cutoff = index.latestDate;
const vocabulary = index.entities('application');
const results = [];
const modes = (argument('modes') ?? 'limit,every').split(',');
for (const [mode, maxTrainingRows] of [
  ['with the row limit', MAX_TRAINING_ROWS],
  ['every row', Number.POSITIVE_INFINITY],
] as const) {
  if (!modes.includes(mode === 'every row' ? 'every' : 'limit')) continue;
  const times: number[] = [];
  let report: ReturnType<typeof trainWeights>['report'] | undefined;
  let negativeRate: number | undefined;
  for (let run = 0; run < repeats; run += 1) {
    const started = performance.now();
    const trained = trainWeights(index, { cutoff, applications: vocabulary, maxTrainingRows });
    times.push(performance.now() - started);
    report = trained.report;
    negativeRate = trained.model.trainedOn.negativeRate;
  }
  const rows = (report?.splits ?? []).reduce((sum, split) => sum + split.positives + split.negatives, 0);
  const result = {
    mode,
    maxTrainingRows: Number.isFinite(maxTrainingRows) ? maxTrainingRows : null,
    rows,
    positives: (report?.splits ?? []).reduce((sum, split) => sum + split.positives, 0),
    negativeRate: negativeRate ?? 1,
    chosen: report?.chosen,
    medianSeconds: Number((median(times) / 1000).toFixed(1)),
    runsSeconds: times.map((ms) => Number((ms / 1000).toFixed(1))),
    residentMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    // The process's peak so far: a mode's own peak when it runs alone (`--modes limit`).
    peakResidentMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(result));
  results.push(result);
}
const [limited, every] = results;
await writeFile(
  outFile,
  `${JSON.stringify(
    {
      benchmark: 'fit-size',
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      evidence: {
        documents,
        materials: index.entities('material').length,
        applications: vocabulary.length,
      },
      results,
      limitedOverEveryRow:
        limited && every && every.medianSeconds > 0
          ? Number((limited.medianSeconds / every.medianSeconds).toFixed(2))
          : null,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${outFile}`);
