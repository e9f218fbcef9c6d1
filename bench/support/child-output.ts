import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How a child process ended and everything it printed. */
export interface ChildOutput {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output until it ends (spawned with stdout and stderr piped); rejects if it cannot start. */
export function outputOf(child: ChildProcessByStdio<null, Readable, Readable>): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => {
      stdout += data;
    });
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
