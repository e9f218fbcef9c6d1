#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm install`) when it is at least as new as every TypeScript
// source; otherwise (a checkout being edited, tests) the TypeScript through tsx, so a stale build is
// never run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceFolders = ['agent', 'api', 'graph', 'ingest', 'prompts'];

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function compiledIsCurrent() {
  const stamp = path.join(root, 'dist', 'build-stamp.json');
  if (!existsSync(stamp)) return false;
  const { builtAt } = JSON.parse(readFileSync(stamp, 'utf8'));
  return sourceFolders.every((folder) => newestSource(path.join(root, folder)) <= builtAt);
}

if (compiledIsCurrent()) {
  await import('../dist/api/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../api/cli.ts');
}
