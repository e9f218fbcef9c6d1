import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Neo4jGraphStore } from '../../graph/index.ts';
import { errorLines, runCli } from '../support/cli.ts';
import { openTestStore, uniqueId } from '../support/graph.ts';
import { useDocument } from '../support/use-document.ts';

describe('matscout suggest --material (a bare material, not a catalog product)', () => {
  const env = () => ({
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: inject('neo4jUser'),
    NEO4J_PASSWORD: inject('neo4jPassword'),
  });
  let store: Neo4jGraphStore;
  const suffix = uniqueId('m')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase();
  const ours = `material:zylonite${suffix}`;
  const oursName = `zylonite${suffix}`;
  const analogue = `material:karbonite${suffix}`;
  const app = (name: string) => `application:${name}${suffix}`;

  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
    let n = 0;
    const doc = (material: string, application: string, date: string | undefined) => {
      n += 1;
      return useDocument(`news:mat-${suffix}-${n}`, material, application, date);
    };
    await store.writeDocuments([
      doc(ours, app('lenses'), '2020-01-10'),
      doc(analogue, app('lenses'), '2019-05-01'),
      doc(analogue, app('vials'), '2020-05-01'),
      doc(analogue, app('vials'), undefined),
      doc(analogue, app('gaskets'), '2021-05-01'),
    ]);
  });
  afterAll(async () => {
    await store.close();
  });

  it('shows where the material is used and proposes only applications it is not yet evidenced in', async () => {
    const result = await runCli(['suggest', '--material', oursName, '--json', '--top', '5'], env());
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as {
      material: { id: string };
      usedIn: string[];
      suggestions: Array<{ applicationId: string; productId: string; citations: Array<{ quote: string }> }>;
    };
    expect(output.material.id).toBe(ours);
    expect(output.usedIn).toEqual([app('lenses')]);
    const proposed = output.suggestions.map((s) => s.applicationId);
    expect(proposed).not.toContain(app('lenses'));
    expect(proposed).toContain(app('vials'));
    for (const suggestion of output.suggestions) {
      expect(suggestion.productId).toBe(ours);
      expect(suggestion.citations.length).toBeGreaterThan(0);
    }
    // Persisted under the material id: the same id reads them back.
    const again = await runCli(['suggest', '--material', ours, '--json', '--top', '5'], env());
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { material: { id: string } }).material.id).toBe(ours);
  });

  it('names an unknown material with a hint, without a stack', async () => {
    const result = await runCli(['suggest', '--material', `unobtainium ${suffix}`], env());
    expect(result.code).not.toBe(0);
    const lines = errorLines(result.stderr);
    expect(lines[0]).toMatch(/^error: unknown material 'unobtainium/);
    expect(lines.some((line) => line.startsWith('hint:'))).toBe(true);
    expect(lines.some((line) => /^\s+at /.test(line))).toBe(false);
  });
});
