import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outputOf } from '../../bench/support/child-output.ts';
import { repoRoot } from '../support/paths.ts';

/**
 * A child process that finishes a "command" the way bin/matscout.js does: it sets the command's exit
 * code, then calls `exitAfterCommand`. `leak` leaves an interval running, as a library's forgotten
 * socket or timer would.
 */
function runChild(options: { leak: boolean; graceMs: number; exitCode: number }) {
  const module = pathToFileURL(path.join(repoRoot, 'api/exit-after-command.ts')).href;
  const script = `
    const { exitAfterCommand } = await import(${JSON.stringify(module)});
    if (${options.leak}) setInterval(() => {}, 1000);
    process.exitCode = ${options.exitCode};
    exitAfterCommand({ graceMs: ${options.graceMs} });
    console.log('command finished');
  `;
  return outputOf(
    spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

describe('exitAfterCommand', () => {
  it('ends a process that a leftover handle holds open, with the command code, and names what was open', async () => {
    const result = await runChild({ leak: true, graceMs: 300, exitCode: 3 });
    expect(result.stdout).toContain('command finished');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /the command finished, but .*Timeout.* still held the process 0\.3 s later; exiting/,
    );
  });

  it('lets a process that drains by itself exit at once, without a warning', async () => {
    // A grace far longer than the test's timeout: the child must not wait for it.
    const result = await runChild({ leak: false, graceMs: 600_000, exitCode: 0 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('command finished');
    expect(result.stderr).not.toContain('still held');
  });
});
