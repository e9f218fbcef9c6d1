/**
 * Summarises a V8 .cpuprofile (from node --cpu-prof): self time per function and per source file, top N.
 * Usage: tsx bench/support/cpu-profile-summary.ts PROFILE.cpuprofile [--top 25]
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-summary PROFILE.cpuprofile [--top N]');
const topIndex = process.argv.indexOf('--top');
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 25;
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
// Stages of one document's journey, matched on the source path of the sampled function (first match wins).
const stages: Array<[string, RegExp]> = [
  ['waiting (Neo4j server, disk, other processes)', /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  [
    'module loading and compiling',
    /node:internal\/(modules|deps\/cjs|source_map)|node_modules\/(tsx|esbuild)|compileSourceTextModule/,
  ],
  [
    'XML parse',
    /fast-xml-parser|path-expression-matcher|ingest\/parse\/xml\/xml-(tree|entities|prolog|document-splitter|repair)|node:zlib|string_decoder/,
  ],
  ['text and section building', /ingest\/parse\/|ingest\/chunk\//],
  ['sentence splitting', /ingest\/extract\/sentences/],
  ['term mining (POS tagging, chemistry spans)', /ingest\/extract\/mining\/|wink-|compromise/],
  ['lexicon and pattern matching', /ingest\/extract\//],
  ['resolution', /ingest\/resolve\//],
  ['graph writes (driver side)', /neo4j-driver|graph\/|ingest\/pipeline\//],
];
const byStage = new Map<string, number>();
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  const where = frame.url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '') || '(native)';
  const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const folder = where.replace(/node_modules\/((@[^/]+\/)?[^/]+)\/.*/, 'node_modules/$1');
  byFile.set(folder, (byFile.get(folder) ?? 0) + micros);
  const key = where === '(native)' ? frame.functionName : `${where} ${frame.functionName}`;
  const stage =
    stages.find(([, pattern]) => pattern.test(key))?.[0] ?? 'other (native regexp, buffers, runtime)';
  byStage.set(stage, (byStage.get(stage) ?? 0) + micros);
}
const print = (title: string, entries: Map<string, number>): void => {
  console.log(`\n${title} (self time, of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`,
    );
};
print('by stage', byStage);
print('by function', byFunction);
print('by file', byFile);
