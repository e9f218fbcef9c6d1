import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';

// The layering rules live in biome.json (noRestrictedImports per folder, noImportCycles). These tests write
// probe modules into the real tree, lint only them with the repository's own config, and show that the lint
// passes with a right-direction import and fails, naming the rule, with a wrong-direction one.

const biome = path.join(repoRoot, 'node_modules', '.bin', 'biome');
const restricted = 'lint/style/noRestrictedImports';
const cycle = 'lint/suspicious/noImportCycles';

interface LintResult {
  code: number;
  output: string;
}

function lint(files: string[]): Promise<LintResult> {
  return new Promise((resolve, reject) => {
    execFile(
      biome,
      ['lint', '--colors=off', '--max-diagnostics=50', ...files],
      { cwd: repoRoot, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? error.code : 0;
        if (typeof code !== 'number') return reject(error);
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** Writes the modules (repo-relative path → source), lints them, and removes the ones it wrote whatever happens. */
async function lintProbe(modules: Record<string, string>): Promise<LintResult> {
  const written: string[] = [];
  try {
    for (const [file, source] of Object.entries(modules)) {
      // 'wx' refuses to overwrite: a probe must never replace (and then delete) a real module.
      await writeFile(path.join(repoRoot, file), source, { flag: 'wx' });
      written.push(file);
    }
    return await lint(written);
  } finally {
    await Promise.all(written.map((file) => rm(path.join(repoRoot, file), { force: true })));
  }
}

interface Diagnostic {
  file: string;
  rule: string;
  message: string;
}

/** The diagnostics of Biome's text report: a `file:line:column lint/group/rule` header, then `× message`. */
function diagnosticsOf(output: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split('\n')) {
    const header = /^(\S+):\d+:\d+ (lint\/\S+)/.exec(line);
    if (header?.[1] && header[2]) diagnostics.push({ file: header[1], rule: header[2], message: '' });
    const last = diagnostics.at(-1);
    const message = /^\s*× (.+)$/.exec(line);
    if (last && !last.message && message?.[1]) last.message = message[1].trim();
  }
  return diagnostics;
}

function importing({ from, name }: ImportOf): string {
  return `import { ${name} } from '${from}';\n\nexport const probe = ${name};\n`;
}

interface ImportOf {
  from: string;
  name: string;
}

interface DirectionCase {
  title: string;
  file: string;
  allowed: ImportOf;
  forbidden: ImportOf;
  message: string;
}

const directions: DirectionCase[] = [
  {
    title: 'graph/ imports nothing of ours',
    file: 'graph/zz-layering-probe.ts',
    allowed: { from: './entity-ids.ts', name: 'slugify' },
    forbidden: { from: '../ingest/index.ts', name: 'chunkDocument' },
    message: 'graph/ is the bottom layer: it imports nothing of ours',
  },
  {
    title: 'agent/ never imports ingest/',
    file: 'agent/suggest/zz-layering-probe.ts',
    allowed: { from: '../../graph/index.ts', name: 'slugify' },
    forbidden: { from: '../../ingest/index.ts', name: 'chunkDocument' },
    message: 'agent/ and ingest/ never import each other',
  },
  {
    title: 'ingest/ never imports agent/',
    file: 'ingest/pipeline/zz-layering-probe.ts',
    allowed: { from: '../../prompts/index.ts', name: 'definePrompt' },
    forbidden: { from: '../../agent/index.ts', name: 'SuggestionEngine' },
    message: 'ingest/ and agent/ never import each other',
  },
  {
    title: 'prompts/ imports nothing of ours',
    file: 'prompts/zz-layering-probe.ts',
    allowed: { from: './prompt-template.ts', name: 'definePrompt' },
    forbidden: { from: '../graph/index.ts', name: 'slugify' },
    message: 'prompts/ holds plain templates: it imports nothing of ours',
  },
  {
    title: 'api/ reaches graph/ only through graph/index.ts',
    file: 'api/zz-layering-probe.ts',
    allowed: { from: '../graph/index.ts', name: 'Neo4jAuditLog' },
    forbidden: { from: '../graph/neo4j-audit-log.ts', name: 'Neo4jAuditLog' },
    message: 'Import graph/ only through graph/index.ts',
  },
  {
    title: 'a test reaches a folder it does not mirror only through its index.ts',
    file: 'test/api/zz-layering-probe.ts',
    allowed: { from: '../../ingest/index.ts', name: 'chunkDocument' },
    forbidden: { from: '../../ingest/chunk/section-chunker.ts', name: 'chunkDocument' },
    message: 'Import ingest/ only through ingest/index.ts',
  },
];

describe('layering lint (biome.json)', () => {
  // One lint run over every right-way probe and one over every wrong-way probe keeps this file fast.
  const mirrorProbe = 'test/ingest/zz-layering-probe.ts';
  let allowed: LintResult;
  let forbidden: LintResult;

  beforeAll(async () => {
    allowed = await lintProbe({
      ...Object.fromEntries(directions.map((direction) => [direction.file, importing(direction.allowed)])),
      // A test may import the internals of the folder it mirrors.
      [mirrorProbe]: importing({ from: '../../ingest/chunk/section-chunker.ts', name: 'chunkDocument' }),
    });
    forbidden = await lintProbe(
      Object.fromEntries(directions.map((direction) => [direction.file, importing(direction.forbidden)])),
    );
  }, 120_000);

  it('passes with every right-way import and fails with the wrong-way ones', () => {
    expect(diagnosticsOf(allowed.output)).toEqual([]);
    expect(allowed.code).toBe(0);
    expect(forbidden.code).not.toBe(0);
    expect(diagnosticsOf(forbidden.output)).toHaveLength(directions.length);
  });

  for (const direction of directions) {
    it(`${direction.title}: the wrong-way import fails with the rule's name`, () => {
      expect(diagnosticsOf(forbidden.output).filter((found) => found.file === direction.file)).toEqual([
        { file: direction.file, rule: restricted, message: expect.stringContaining(direction.message) },
      ]);
    });
  }

  it('a test may import the internals of the folder it mirrors', () => {
    expect(allowed.output).toContain(`Checked ${directions.length + 1} files`);
    expect(diagnosticsOf(allowed.output).filter((found) => found.file === mirrorProbe)).toEqual([]);
  });

  it('an import cycle fails, naming the rule; the same modules without the back edge pass', async () => {
    const first = 'agent/zz-layering-cycle-a.ts';
    const second = 'agent/zz-layering-cycle-b.ts';
    const firstSource = `import { second } from './zz-layering-cycle-b.ts';\n\nexport const first = () => second;\n`;
    const acyclic = await lintProbe({ [first]: firstSource, [second]: 'export const second = 1;\n' });
    expect(diagnosticsOf(acyclic.output)).toEqual([]);
    expect(acyclic.code).toBe(0);

    const cyclic = await lintProbe({
      [first]: firstSource,
      [second]: `import { first } from './zz-layering-cycle-a.ts';\n\nexport const second = () => first;\n`,
    });
    expect(cyclic.code).not.toBe(0);
    expect(diagnosticsOf(cyclic.output).map(({ file, rule }) => ({ file, rule }))).toEqual([
      { file: first, rule: cycle },
      { file: second, rule: cycle },
    ]);
  });
});
