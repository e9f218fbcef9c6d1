/**
 * Discovery back-test on three eras in one go: the shipped cutoff-2015 task and tasks rebuilt by
 * `npm run bench:discovery-tasks` for 2012 and 2018. Writes one JSON (default
 * bench/results/discovery-eras.json) with, per era, matscout's metrics and each baseline's (the task's
 * baselines.json and the same baselines recomputed from our graph), with 95 % bootstrap intervals over
 * queries. The evidence rows read back from each isolated graph are cached under .data/, so a ranking
 * change is re-scored without ingesting again (`--fresh` ingests anyway).
 *
 * Usage: npm run bench:discovery-eras -- [--tasks DIR] [--eras 2012,2015,2018] [--out FILE] [--fresh]
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../api/config.ts';
import { type DiscoveryEvalReport, runDiscoveryEval } from '../api/eval/run-discovery-eval.ts';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '.data/discovery-tasks' },
    eras: { type: 'string', default: '2012,2015,2018' },
    out: { type: 'string', default: 'bench/results/discovery-eras.json' },
    port: { type: 'string', default: '17752' },
    fresh: { type: 'boolean', default: false },
  },
});
const sharedRoot = process.env.MATSCOUT_SHARED_DIR ?? path.resolve('..', 'shared');
const shippedDir = (year: string) => path.join(sharedRoot, 'bench', 'discovery', `cutoff-${year}`);
/** The shipped task is used where one exists (2015); other eras come from the task builder. */
const taskDirOf = (year: string) =>
  year === '2015' ? shippedDir(year) : path.join(values.tasks as string, `cutoff-${year}`);

const METRICS = ['rocAuc', 'rocAucPerQuery', 'mrr', 'hits@1', 'hits@5', 'hits@10', 'lift@10'] as const;
type Row = Record<string, number>;

function summarise(report: DiscoveryEvalReport) {
  const shipped = (report.baselines as { baselines?: Record<string, Row> } | null)?.baselines ?? {};
  const pick = (metrics: Row) => Object.fromEntries(METRICS.map((key) => [key, metrics[key]]));
  return {
    task: {
      folder: report.task.folder,
      cutoff: report.task.cutoff,
      horizonEnd: report.task.horizonEnd,
      queries: report.task.queries,
      queriesWithPositives: report.task.queriesWithPositives,
      candidates: report.task.candidates,
      positives: report.task.positives,
      knownPairsAgreement: report.task.knownPairsAgreement,
      model: report.task.model.name,
    },
    matscout: { metrics: pick(report.metrics as unknown as Row), confidence: report.confidence },
    baselines: Object.fromEntries(
      Object.entries(report.reproducedBaselines).map(([name, metrics]) => [
        name,
        {
          task: shipped[name] ? pick(shipped[name]) : null,
          reproduced: pick(metrics as unknown as Row),
          confidence: report.baselineConfidence?.[name as keyof typeof report.reproducedBaselines],
        },
      ]),
    ),
  };
}

const config = loadConfig();
const eras: Record<string, ReturnType<typeof summarise>> = {};
for (const year of (values.eras as string).split(',')) {
  const cache = path.resolve('.data', 'discovery-eras', `evidence-${year}.json`);
  if (values.fresh) await rm(cache, { force: true });
  const report = await runDiscoveryEval(config, {
    taskDir: taskDirOf(year),
    home: path.resolve('.data', 'discovery-eras', 'neo4j'),
    port: Number(values.port),
    evidenceCache: cache,
    log: (line) => console.error(`[${year}] ${line}`),
  });
  eras[year] = summarise(report);
  const row = (name: string, m: Row | null | undefined) =>
    `${name.padEnd(24)}${METRICS.map((key) => (m?.[key] ?? Number.NaN).toFixed(3).padStart(9)).join('')}`;
  console.log(`\ncutoff ${year}  ${' '.repeat(14)}${METRICS.map((key) => key.padStart(9)).join('')}`);
  console.log(row('matscout', eras[year].matscout.metrics));
  for (const [name, baseline] of Object.entries(eras[year].baselines)) console.log(row(name, baseline.task));
  const ci = report.confidence;
  if (ci)
    console.log(
      `matscout 95 % CI: rocAuc ${ci.rocAuc.low.toFixed(3)}–${ci.rocAuc.high.toFixed(3)}, mrr ${ci.mrr.low.toFixed(3)}–${ci.mrr.high.toFixed(3)}, lift@10 ${ci['lift@10'].low.toFixed(2)}–${ci['lift@10'].high.toFixed(2)}`,
    );
}
await mkdir(path.dirname(values.out as string), { recursive: true });
await writeFile(values.out as string, `${JSON.stringify({ eras }, null, 2)}\n`);
console.log(`\nwrote ${values.out}`);
