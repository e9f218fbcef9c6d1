import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLines, runCli } from '../support/cli.ts';
import { testNeo4jEnv, uniqueId } from '../support/graph.ts';
import { startTestApp, type TestApp } from './api-test-app.ts';

describe('matscout keys and products (CLI against the test Neo4j)', () => {
  const env = testNeo4jEnv;
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  const products = (key: string) =>
    fetch(`${app.url}/v1/products?limit=1`, { headers: { authorization: `Bearer ${key}` } });

  it('keys create --json prints the key once; it works against the API until revoked', async () => {
    const created = await runCli(
      ['keys', 'create', '--role', 'researcher', '--name', 'cli test', '--json'],
      env(),
    );
    expect(created.code, created.stderr).toBe(0);
    const output = JSON.parse(created.stdout) as { key: string; role: string; id: string };
    expect(output).toMatchObject({
      role: 'researcher',
      id: expect.stringMatching(/^key_/),
      key: expect.stringMatching(/^msk_/),
    });
    expect(created.stdout.split(output.key)).toHaveLength(2);
    expect(created.stderr).not.toContain(output.key);
    expect((await products(output.key)).status).toBe(200);

    const listed = await runCli(['keys', 'list', '--json'], env());
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(output.key.slice(4));
    expect(JSON.parse(listed.stdout).keys).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: output.id, role: 'researcher', name: 'cli test' }),
      ]),
    );

    const revoked = await runCli(['keys', 'revoke', output.id], env());
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`revoked ${output.id}`);
    expect((await products(output.key)).status).toBe(401);
  });

  it('keys create without --json prints only the key on stdout', async () => {
    const created = await runCli(['keys', 'create', '--role', 'engineer'], env());
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^msk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/cannot be shown again/);
    expect((await products(key)).status).toBe(200);
  });

  it('refuses an unknown role and an unknown key id with one error line', async () => {
    const badRole = await runCli(['keys', 'create', '--role', 'wizard'], env());
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/researcher, reviewer, engineer, admin/);
    const missing = await runCli(['keys', 'revoke', 'key_000000000000'], env());
    expect(missing.code).toBe(1);
    expect(errorLines(missing.stderr)).toEqual([
      "error: no API key with id 'key_000000000000'",
      'hint: see `matscout keys list`',
    ]);
  });

  it('products import imports the sample catalog idempotently and products list shows it', async () => {
    const first = await runCli(['products', 'import', 'samples/catalog.json', '--json'], env());
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.errors).toEqual([]);
    expect(report.counts.rows).toBe(11);
    expect(report.counts.added + report.counts.updated + report.counts.unchanged).toBe(11);
    const second = JSON.parse(
      (await runCli(['products', 'import', 'samples/catalog.json', '--json'], env())).stdout,
    );
    expect(second.counts).toMatchObject({ unchanged: 11, added: 0, updated: 0 });

    const listed = await runCli(['products', 'list', '--json'], env());
    const ids = (JSON.parse(listed.stdout).products as Array<{ id: string }>).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['product:apel', 'product:tpx', 'product:mitsui-ept']));
    expect((await app.productStore.findProduct('apel cyclic olefin copolymer'))?.id).toBe('product:apel');
  });

  it('products import reports per-row CSV errors, imports the valid rows and exits 1', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-catalog-'));
    const good = `CSV Good ${uniqueId('g')}`;
    const file = path.join(dir, 'catalog.csv');
    await writeFile(
      file,
      [
        'name,owner,materialId,knownApplications,properties',
        `${good},Acme,Polyimide,"Flexible printed circuit;application:cover-lay",property:heat-resistance`,
        'No material,Acme,,application:x,',
        ',Acme,material:pe,,',
      ].join('\n'),
    );
    const result = await runCli(['products', 'import', file], env());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('3 rows; 1 added, 0 updated, 0 unchanged, 2 rejected');
    expect(result.stdout).toContain('row 2: materialId is required');
    expect(result.stdout).toContain('row 3: name is required');
    const imported = await app.productStore.findProduct(good);
    expect(imported).toMatchObject({
      materialId: 'material:polyimide',
      knownApplications: ['application:flexible-printed-circuit', 'application:cover-lay'],
    });
  });

  it('a catalog that is not JSON fails with one error line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-catalog-'));
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '{"products": [');
    const result = await runCli(['products', 'import', file], env());
    expect(result.code).toBe(1);
    const lines = errorLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: JSON: /);
  });
});
