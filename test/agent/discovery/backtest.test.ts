import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../agent/discovery/backtest.ts';
import { EvidenceIndex } from '../../../agent/discovery/evidence-index.ts';
import { METRIC_KEYS } from '../../../agent/discovery/metrics.ts';
import { renderDiscoveryChart } from '../../../bench/discovery-chart.ts';
import { syntheticRows } from './synthetic-index.ts';

function writeTask(): string {
  const root = mkdtempSync(join(tmpdir(), 'matscout-backtest-'));
  const folder = join(root, 'tasks', 'cutoff-2015');
  mkdirSync(folder, { recursive: true });
  const vocabulary = {
    version: 1,
    materials: Array.from({ length: 30 }, (_, i) => ({ id: `m${i}`, name: `m${i}`, aliases: [] })),
    applications: Array.from({ length: 20 }, (_, i) => ({ id: `a${i}`, name: `a${i}`, aliases: [] })),
    stopPhrases: [],
  };
  writeFileSync(join(root, 'vocab.json'), JSON.stringify(vocabulary));
  writeFileSync(
    join(folder, 'task.json'),
    JSON.stringify({
      cutoff: '2015-12-31',
      horizonEnd: '2018-12-31',
      sharedRoot: '../..',
      corpus: [],
      documentsBeforeCutoff: 0,
      documentsInHorizon: 0,
      queries: ['m0', 'm1', 'm2', 'm5'],
      vocabulary: 'vocab.json',
      documentIndex: 'documents.jsonl',
    }),
  );
  writeFileSync(
    join(folder, 'truth.json'),
    JSON.stringify({
      cutoff: '2015-12-31',
      horizonEnd: '2018-12-31',
      known: [],
      positives: [
        { material: 'm0', application: 'a19', firstDate: '2016-01-01', documents: [] },
        { material: 'm1', application: 'a18', firstDate: '2016-01-01', documents: [] },
      ],
    }),
  );
  writeFileSync(join(folder, 'baselines.json'), JSON.stringify({ cutoff: '2015-12-31', baselines: {} }));
  return folder;
}

describe('runBacktest', () => {
  it('prints task, metrics with the baseline keys, baselines and perQuery, and ranks only non-known pairs', async () => {
    const folder = writeTask();
    const index = EvidenceIndex.fromRows(syntheticRows());
    const result = await runBacktest(folder, { index, bootstrapReplicates: 50 });
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'task',
        'metrics',
        'baselines',
        'perQuery',
        'reproducedBaselines',
        'hitsCurves',
      ]),
    );
    expect(Object.keys(result.metrics).sort()).toEqual([...METRIC_KEYS].sort());
    expect(result.perQuery.map((query) => query.material)).toEqual(['m0', 'm1', 'm2', 'm5']);
    const cutoffIndex = index.restrictTo('2015-12-31');
    for (const query of result.perQuery) {
      const known = cutoffIndex.applicationsOf(`material:${query.material}`);
      expect(query.candidates).toBe(20 - known.size);
      for (const top of query.top) expect(known.has(`application:${top.application}`)).toBe(false);
    }
    expect(result.task.queriesWithPositives).toBeGreaterThan(0);
    expect(result.hitsCurves.ours).toHaveLength(20);
    const svg = renderDiscoveryChart(result as never);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('matscout');
  });
});
