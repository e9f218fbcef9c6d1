#!/usr/bin/env node
// Compiles the application (agent, api, graph, ingest, prompts) to JavaScript in dist/ so the CLI starts
// without compiling TypeScript; run by `npm install`/`npm ci` (prepare) and `npm run build`. Folders the
// code finds through import.meta.url (lexicon data, review page, Neo4j launcher, samples) are linked, not
// copied, so dist/ never holds a stale copy of them. Tests keep running the TypeScript directly.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

rmSync(dist, { recursive: true, force: true });
if (!existsSync(tsc)) {
  // Installed without dev dependencies: the CLI runs the TypeScript through tsx instead.
  console.log('typescript is not installed: dist/ not built (the CLI will run the TypeScript sources)');
  process.exit(0);
}
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const links = ['ingest/lexicon', 'api/review-page', 'graph/neo4j-server', 'samples'];
for (const relative of links) {
  const link = path.join(dist, relative);
  mkdirSync(path.dirname(link), { recursive: true });
  symlinkSync(path.relative(path.dirname(link), path.join(root, relative)), link, 'dir');
}
// Data files that sit beside the sources (e.g. graph/organization-names.json) are read through
// import.meta.url, which tsc does not copy: link each one into the same place in dist/.
const sourceFolders = ['agent', 'api', 'graph', 'ingest', 'prompts'];
const linked = new Set(links.map((relative) => path.join(root, relative)));
function linkDataFiles(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (linked.has(full)) continue;
    if (entry.isDirectory()) linkDataFiles(full);
    else if (!entry.name.endsWith('.ts')) {
      const link = path.join(dist, path.relative(root, full));
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(path.relative(path.dirname(link), full), link, 'file');
    }
  }
}
for (const folder of sourceFolders) linkDataFiles(path.join(root, folder));

// The top-level help's command lines, so `matscout --help` loads no command module.
const { buildProgram, summarizeCommands } = await import(
  pathToFileURL(path.join(dist, 'api', 'cli-program.js')).href
);
const summaries = summarizeCommands(await buildProgram());
writeFileSync(path.join(dist, 'api', 'cli-commands.json'), `${JSON.stringify(summaries, null, 2)}\n`);
writeFileSync(path.join(dist, 'build-stamp.json'), `${JSON.stringify({ builtAt: Date.now() })}\n`);
console.log(`built dist/ (${summaries.length} commands)`);
