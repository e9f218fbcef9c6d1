/**
 * Parses the given files (or folders) with the default parsers and nothing else: no chunking, no
 * extraction, no graph. Prints one JSON line with documents, failures and milliseconds. Meant to be run
 * under a profiler: node --cpu-prof --import tsx bench/parse-only.ts FILE...
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readDocuments } from '../ingest/index.ts';

/** Files of the inputs: folders are listed one level deep, sorted. */
export async function expand(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    if ((await stat(input)).isDirectory())
      files.push(...(await readdir(input)).sort().map((name) => path.join(input, name)));
    else files.push(input);
  }
  return files;
}

/** Parses every file once; counts documents parsed and failures. */
export async function parseFiles(
  files: string[],
): Promise<{ ms: number; firstDocumentMs: number | undefined; documents: number; failures: number }> {
  const started = performance.now();
  let firstDocumentMs: number | undefined;
  let documents = 0;
  let failures = 0;
  for (const file of files) {
    // As ingestion reads it: gzip and ZIP archives opened by content.
    for await (const outcome of readDocuments({ kind: 'file', path: file })) {
      firstDocumentMs ??= performance.now() - started;
      if (outcome.ok) documents += 1;
      else failures += 1;
    }
  }
  return { ms: performance.now() - started, firstDocumentMs, documents, failures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await expand(process.argv.slice(2).filter((argument) => !argument.startsWith('--')));
  const result = await parseFiles(files);
  console.log(
    JSON.stringify({
      files: files.length,
      ...result,
      ms: Math.round(result.ms),
      firstDocumentMs: result.firstDocumentMs === undefined ? undefined : Math.round(result.firstDocumentMs),
    }),
  );
}
