import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../ingest/schedule/scheduling-fixtures.ts';
import { runCli } from '../support/cli.ts';
import { testNeo4jEnv, uniqueId } from '../support/graph.ts';

describe('matscout sources and schedule', () => {
  const env = testNeo4jEnv;

  it('declares a source, schedules it, lists, disables and removes both', async () => {
    const folder = await makeTempDir('cli-src');
    const id = uniqueId('cli-src');
    const added = await runCli(
      ['sources', 'add', '--id', id, '--folder', folder, '--glob', '*.md', '--json'],
      env(),
    );
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout).spec).toEqual({ type: 'folder', path: folder, glob: '*.md' });
    expect((await runCli(['sources', 'list'], env())).stdout).toContain(`${id}  folder ${folder} (*.md)`);

    const scheduled = await runCli(
      ['schedule', 'add', '--cron', '0 3 * * 1-5', '--timezone', 'Europe/Berlin', '--source', id, '--json'],
      env(),
    );
    const schedule = JSON.parse(scheduled.stdout);
    expect(schedule.enabled).toBe(true);
    expect(schedule.nextRunAt).toMatch(/T(01|02):00:00/);
    const disabled = await runCli(['schedule', 'disable', schedule.id], env());
    expect(disabled.stdout).toContain('disabled');
    const bad = await runCli(['schedule', 'add', '--cron', 'every day', '--source', id], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: cron must have 5 fields/m);
    const unknown = await runCli(['schedule', 'add', '--cron', '0 3 * * *', '--source', 'nope'], env());
    expect(unknown.stderr).toMatch(/source 'nope' is not declared/);
    expect((await runCli(['schedule', 'rm', schedule.id], env())).code).toBe(0);
    expect((await runCli(['sources', 'rm', id], env())).code).toBe(0);
    expect((await runCli(['sources', 'rm', id], env())).code).toBe(1);
  });

  it('worker without QUEUE_URL says how to fix it', async () => {
    const result = await runCli(['worker'], { ...env(), QUEUE_URL: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/hint: set QUEUE_URL=redis:\/\//);
  });
});
