import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeMetrics, type QueryRanking } from '../../../agent/discovery/metrics.ts';
import { sharedRoot } from '../../support/paths.ts';

describe('computeMetrics on the cutoff-2015 task', () => {
  it('reproduces the random row of cutoff-2015 baselines.json exactly', () => {
    const taskDir = resolve(sharedRoot, 'bench/discovery/cutoff-2015');
    const task = JSON.parse(readFileSync(resolve(taskDir, 'task.json'), 'utf8'));
    const truth = JSON.parse(readFileSync(resolve(taskDir, 'truth.json'), 'utf8'));
    const baselines = JSON.parse(readFileSync(resolve(taskDir, 'baselines.json'), 'utf8'));
    const vocab = JSON.parse(readFileSync(resolve(taskDir, task.sharedRoot, task.vocabulary), 'utf8'));
    const applications: string[] = vocab.applications.map((entry: { id: string }) => entry.id);
    const known = new Set(truth.known.map(([m, a]: [string, string]) => `${m}|${a}`));
    const positives = new Set(
      truth.positives.map((p: { material: string; application: string }) => `${p.material}|${p.application}`),
    );
    const rankings: QueryRanking[] = task.queries.map((query: string) => {
      const candidates = applications.filter((a) => !known.has(`${query}|${a}`));
      return {
        query,
        scores: candidates.map(() => 0),
        labels: candidates.map((a) => positives.has(`${query}|${a}`)),
      };
    });
    expect(rankings.reduce((sum, r) => sum + r.scores.length, 0)).toBe(baselines.candidates);
    const metrics = computeMetrics(rankings);
    for (const [key, value] of Object.entries(baselines.baselines.random)) {
      if (key === 'description') continue;
      expect(metrics[key as keyof typeof metrics], key).toBeCloseTo(value as number, 3);
    }
  });
});
