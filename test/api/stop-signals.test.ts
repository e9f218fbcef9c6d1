import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';

/**
 * A child process that uses `stopOnSignals` the way a command does: it reports the first signal, then
 * "finishes its work" (waits) for `workMs` before exiting with the code the helper gives.
 */
function startChild(workMs: number) {
  const module = pathToFileURL(path.join(repoRoot, 'api/commands/stop-signals.ts')).href;
  const script = `
    const { stopOnSignals } = await import(${JSON.stringify(module)});
    const stop = stopOnSignals((name) => console.log('stopping on ' + name));
    // A command's work keeps the event loop alive; here a timer stands in for it.
    const working = setInterval(() => {}, 1000);
    console.log('ready');
    await new Promise((resolve) => stop.signal.addEventListener('abort', resolve));
    console.log('aborted: ' + stop.signal.aborted);
    await new Promise((resolve) => setTimeout(resolve, ${workMs}));
    stop.dispose();
    clearInterval(working);
    console.log('finished');
    process.exitCode = stop.exitCode;
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (data) => {
    stdout += data;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, stdout: () => stdout, exited };
}

describe('stopOnSignals', () => {
  it('lets the work finish after the first SIGINT and exits 130', async () => {
    const child = startChild(300);
    await expect.poll(child.stdout, { timeout: 30_000, interval: 50 }).toContain('ready');
    child.child.kill('SIGINT');
    expect(await child.exited).toBe(130);
    expect(child.stdout().split('\n').filter(Boolean)).toEqual([
      'ready',
      'stopping on SIGINT',
      'aborted: true',
      'finished',
    ]);
  });

  it('gives SIGTERM its own code, 143', async () => {
    const child = startChild(100);
    await expect.poll(child.stdout, { timeout: 30_000, interval: 50 }).toContain('ready');
    child.child.kill('SIGTERM');
    expect(await child.exited).toBe(143);
    expect(child.stdout()).toContain('stopping on SIGTERM');
  });

  it('quits at once on a second signal, before the work finishes', async () => {
    const child = startChild(60_000);
    await expect.poll(child.stdout, { timeout: 30_000, interval: 50 }).toContain('ready');
    child.child.kill('SIGINT');
    await expect.poll(child.stdout, { timeout: 10_000, interval: 50 }).toContain('aborted: true');
    child.child.kill('SIGINT');
    expect(await child.exited).toBe(130);
    expect(child.stdout()).not.toContain('finished');
  });
});
