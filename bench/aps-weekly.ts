/**
 * Reading USPTO APS weekly files (green book text, the grants of 1976-2001 a decades-long backfill
 * starts with) as ingestion reads them: synthetic weekly files of the given sizes, made of the repo's
 * two APS fixtures renumbered into distinct grants, each parsed by `bench/parse-only.ts` in a child
 * process of its own (so each starts with a fresh heap). Reports the wall time, the time to the first
 * document, documents a second and the child's peak resident memory (`/usr/bin/time`), with a one-grant
 * file for the process's own baseline, to bench/results/aps-weekly.json.
 * Usage: npm run bench:aps [-- --sizes 25,100,400] [--repeats 3] [--out bench/results/aps-weekly.json]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { argument } from './support/argument.ts';
import { median } from './support/bench-neo4j.ts';
import { outputOf } from './support/child-output.ts';

const sizesMb = (argument('sizes') ?? '25,100,400').split(',').map(Number);
const repeats = Number(argument('repeats') ?? 3);
const outFile = argument('out') ?? 'bench/results/aps-weekly.json';
const fixtures = path.resolve('test', 'fixtures', 'uspto-xml-formats');

/** The fixtures' records, each with its `WKU` line as a placeholder to renumber. */
async function templateRecords(): Promise<string[]> {
  const dye = gunzipSync(await readFile(path.join(fixtures, 'docling', 'pftaps057006474.txt.gz')));
  const boat = await readFile(
    path.join(fixtures, 'uspto-patentpublicdata', 'greenbook', 'US03937375.greenbook'),
  );
  return [dye, boat].map((bytes) => {
    const text = bytes.toString('utf8');
    return `${text.replace(/^WKU {2}\S+$/m, 'WKU  {{WKU}}').trimEnd()}\n`;
  });
}

/** A weekly file of about `megabytes`, the templates in turn with new numbers; returns its grants. */
async function writeWeekly(file: string, megabytes: number, templates: string[]): Promise<number> {
  // Written in pieces: a file past 512 MB would not fit in one string.
  const handle = await open(file, 'w');
  try {
    let pending: string[] = [];
    let pendingSize = 0;
    let size = 0;
    let grants = 0;
    while (size < megabytes * 1024 * 1024 || grants === 0) {
      const template = templates[grants % templates.length] as string;
      // Eight digits and a check digit, as WKU prints them; the parser keeps the first eight.
      const record = template.replace('{{WKU}}', `${String(4_000_000 + grants).padStart(8, '0')}0`);
      pending.push(record);
      pendingSize += record.length;
      size += Buffer.byteLength(record);
      grants += 1;
      if (pendingSize > 8 * 1024 * 1024) {
        await handle.write(pending.join(''));
        pending = [];
        pendingSize = 0;
      }
    }
    await handle.write(pending.join(''));
    return grants;
  } finally {
    await handle.close();
  }
}

interface ParseRun {
  ms: number;
  firstDocumentMs: number | null;
  documents: number;
  failures: number;
  peakRssMiB: number;
}

async function parseInChild(file: string): Promise<ParseRun> {
  const child = spawn(
    '/usr/bin/time',
    ['-f', 'maxrss-kb %M', process.execPath, '--import', 'tsx', 'bench/parse-only.ts', file],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = await outputOf(child);
  if (output.code !== 0)
    throw new Error(`parse of ${file} failed (${output.code}): ${output.stderr.slice(-2000)}`);
  const result = JSON.parse(output.stdout.trim().split('\n').at(-1) as string) as {
    ms: number;
    firstDocumentMs?: number;
    documents: number;
    failures: number;
  };
  const rss = /maxrss-kb (\d+)/.exec(output.stderr);
  return {
    ms: result.ms,
    firstDocumentMs: result.firstDocumentMs ?? null,
    documents: result.documents,
    failures: result.failures,
    peakRssMiB: rss ? Math.round(Number(rss[1]) / 1024) : Number.NaN,
  };
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'matscout-bench-aps-'));
  const templates = await templateRecords();
  const results = [];
  let baseline: ParseRun | undefined;
  try {
    const baselineFile = path.join(work, 'pftaps-one.txt');
    await writeWeekly(baselineFile, 0, templates);
    baseline = await parseInChild(baselineFile);
    console.log(`one grant: ${baseline.ms} ms, peak ${baseline.peakRssMiB} MiB`);
    for (const megabytes of sizesMb) {
      const file = path.join(work, `pftaps-${megabytes}mb.txt`);
      const grants = await writeWeekly(file, megabytes, templates);
      const runs: ParseRun[] = [];
      for (let repeat = 0; repeat < repeats; repeat++) runs.push(await parseInChild(file));
      const ms = median(runs.map((run) => run.ms));
      const row = {
        megabytes,
        grants,
        documents: runs[0]?.documents,
        failures: runs[0]?.failures,
        ms,
        runsMs: runs.map((run) => run.ms),
        documentsPerSecond: Math.round(((runs[0]?.documents ?? 0) / ms) * 1000),
        firstDocumentMs: median(runs.map((run) => run.firstDocumentMs ?? Number.NaN)),
        peakRssMiB: median(runs.map((run) => run.peakRssMiB)),
        runsPeakRssMiB: runs.map((run) => run.peakRssMiB),
      };
      results.push(row);
      console.log(
        `${megabytes} MB (${grants} grants, ${row.documents} read, ${row.failures} failed): ${ms} ms, ${row.documentsPerSecond} documents/s, first document ${row.firstDocumentMs} ms, peak ${row.peakRssMiB} MiB`,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  await writeFile(
    outFile,
    `${JSON.stringify({ at: new Date().toISOString(), repeats, node: process.version, baseline, results }, null, 2)}\n`,
  );
  console.log(`wrote ${outFile}`);
}

await main();
