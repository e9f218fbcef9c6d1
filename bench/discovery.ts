/**
 * Discovery back-test on a task folder (default: shared/bench/discovery/cutoff-2015): builds the
 * isolated graph, ranks, scores; writes bench/results/discovery-<task>.json and an SVG chart of the
 * hits@k curve against the baselines. Usage: npm run bench:discovery [-- <taskDir> [<evidenceCache.json>]]
 * (with a cache file, the evidence rows of an earlier run are re-scored without ingesting again)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../api/config.ts';
import { runDiscoveryEval } from '../api/eval/run-discovery-eval.ts';
import { writeDiscoveryChart } from './discovery-chart.ts';

const sharedRoot = process.env.MATSCOUT_SHARED_DIR ?? path.resolve('..', 'shared');
const taskDir = process.argv[2] ?? path.join(sharedRoot, 'bench', 'discovery', 'cutoff-2015');
const name = path.basename(path.resolve(taskDir));

const started = performance.now();
const report = await runDiscoveryEval(loadConfig(), {
  taskDir,
  log: (line) => console.error(line),
  ...(process.argv[3] ? { evidenceCache: process.argv[3] } : {}),
});
const seconds = (performance.now() - started) / 1000;
await mkdir('bench/results', { recursive: true });
const jsonPath = `bench/results/discovery-${name}.json`;
await writeFile(jsonPath, `${JSON.stringify({ ...report, seconds: Number(seconds.toFixed(1)) }, null, 2)}\n`);
await writeDiscoveryChart(
  report as unknown as Parameters<typeof writeDiscoveryChart>[0],
  `bench/results/discovery-${name}.svg`,
);
const baselines = (report.baselines as { baselines: Record<string, Record<string, number>> }).baselines;
const rows = [
  ['ours', report.metrics as unknown as Record<string, number>],
  ...Object.entries(baselines),
] as const;
console.log(`\n${'method'.padEnd(24)} hits@1 hits@5 hits@10    mrr    MAP  rocAuc lift@10`);
for (const [method, m] of rows) {
  const cell = (key: string) => (m[key] ?? Number.NaN).toFixed(3).padStart(6);
  console.log(
    `${method.padEnd(24)} ${cell('hits@1')} ${cell('hits@5')} ${cell('hits@10')} ${cell('mrr')} ${cell('averagePrecision')} ${cell('rocAuc')} ${cell('lift@10')}`,
  );
}
console.log(`\nwrote ${jsonPath} and bench/results/discovery-${name}.svg in ${seconds.toFixed(0)} s`);
