import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Gives the whole run one temporary folder and removes it when the run ends. Tests make their scratch
 * folders with `mkdtemp(os.tmpdir())` (inputs, homes, a 50 MB "huge" file, Chromium profiles) and most
 * never removed them: every run left about 70 MB in the system's temporary folder. Pointing TMPDIR here
 * before any worker starts sends them all, and whatever the CLI processes the tests spawn write, into
 * this folder instead.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  // Each vitest project runs this; the first one in the process owns the folder for the whole run.
  if (process.env.MATSCOUT_TEST_TEMP_ROOT) return undefined;
  const previous = process.env.TMPDIR;
  const root = await mkdtemp(path.join(os.tmpdir(), 'matscout-test-run-'));
  process.env.TMPDIR = root;
  process.env.MATSCOUT_TEST_TEMP_ROOT = root;
  return async () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    delete process.env.MATSCOUT_TEST_TEMP_ROOT;
    try {
      await rm(root, { recursive: true, force: true });
    } catch {
      // A test may leave a folder it made unreadable (the permission test); reopen them, then retry.
      await reopen(root);
      await rm(root, { recursive: true, force: true }).catch((error: Error) => {
        process.stderr.write(`could not remove the tests' temporary folder ${root}: ${error.message}\n`);
      });
    }
  };
}

async function reopen(directory: string): Promise<void> {
  await chmod(directory, 0o700).catch(() => undefined);
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory()) await reopen(path.join(directory, entry.name));
  }
}
