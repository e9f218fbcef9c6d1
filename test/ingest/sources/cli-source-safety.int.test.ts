import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorLines, runCli } from '../../support/cli.ts';
import { testNeo4jEnv } from '../../support/graph.ts';
import { addPressRelease, makeTempDir } from '../schedule/scheduling-fixtures.ts';

const env = () => ({
  ...testNeo4jEnv(),
  LOG_LEVEL: 'silent',
});

describe('the CLI on hostile folders and globs', () => {
  it('`sources add` refuses a pathological glob with one line, before touching the graph', async () => {
    const folder = await makeTempDir('cli-glob');
    for (const [glob, reason] of [
      ['************************Q', /runs of three or more '\*' are not allowed/],
      ['{a,b', /a '\{' has no matching '\}'/],
    ] as const) {
      const result = await runCli(['sources', 'add', '--folder', folder, '--glob', glob], {
        ...env(),
        NEO4J_URI: 'bolt://127.0.0.1:1',
      });
      expect(result.code).toBe(1);
      const lines = errorLines(result.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: invalid --glob '.*': /);
      expect(lines[0]).toMatch(reason);
    }
  });

  it('`ingest <folder>` never follows a link out of the folder and ends on a link loop', async () => {
    const folder = await makeTempDir('cli-walk');
    const outside = await makeTempDir('cli-walk-outside');
    await addPressRelease(folder, 'inside.md', 'polyamide 66');
    const secret = await addPressRelease(outside, 'secret.md', 'PEEK');
    await mkdir(path.join(folder, 'sub'));
    await symlink(secret, path.join(folder, 'sub', 'secret.md'));
    await symlink('..', path.join(folder, 'sub', 'up'));
    const result = await runCli(['ingest', folder, '--json'], env());
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(run.counts.documents).toBe(1);
    expect(run.counts.added).toBe(1);
    expect(run.errors).toEqual([
      {
        item: path.join(folder, 'sub', 'secret.md'),
        reason: 'symbolic link to a place outside the allowed folders; not followed',
        retryable: false,
      },
      {
        item: path.join(folder, 'sub', 'up'),
        reason: 'symbolic link loop: it leads back to a folder being read; not followed',
        retryable: false,
      },
    ]);
    expect(result.stdout).not.toContain(secret);
  });
});
