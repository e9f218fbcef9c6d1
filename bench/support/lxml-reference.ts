import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The lxml (libxml2) reference parse, run on the same files in the same process tree as our own. */
export interface LxmlReference {
  python: string;
  run(files: string[]): { documents: number; seconds: number; megabytes: number };
}

const venv = path.resolve('.data', 'venv-lxml');

function check(result: ReturnType<typeof spawnSync>, what: string): void {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${what} exited ${result.status}: ${String(result.stderr).trim().slice(-400)}`);
}

/**
 * Finds or creates .data/venv-lxml (python3 -m venv, pip install lxml) and returns a runner for
 * shared/bench/ingest-reference/lxml_parse.py. Throws, naming the step, when python3 or PyPI is missing.
 */
export async function prepareLxmlReference(sharedRoot: string): Promise<LxmlReference> {
  const script = path.join(sharedRoot, 'bench', 'ingest-reference', 'lxml_parse.py');
  if (!existsSync(script)) throw new Error(`no reference script at ${script}`);
  const python = path.join(venv, 'bin', 'python');
  if (!existsSync(python))
    check(spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8' }), 'python3 -m venv');
  const hasLxml = spawnSync(python, ['-c', 'import lxml'], { encoding: 'utf8' });
  if (hasLxml.status !== 0)
    check(
      spawnSync(python, ['-m', 'pip', 'install', '--quiet', 'lxml'], { encoding: 'utf8' }),
      'pip install lxml',
    );
  return {
    python,
    run(files) {
      const result = spawnSync(python, [script, ...files], { encoding: 'utf8', maxBuffer: 1 << 20 });
      check(result, 'lxml_parse.py');
      const line = result.stdout.trim().split('\n').at(-1) ?? '';
      return JSON.parse(line) as { documents: number; seconds: number; megabytes: number };
    },
  };
}
