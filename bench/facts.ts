/**
 * Precision and recall of USED_IN ("material used in application") on the hand-labelled sentences of
 * bench/facts/sentences.jsonl (USPTO grants and CC0 press releases; labelling rules in
 * bench/facts/README.md). Each sentence is extracted alone, as a one-chunk document of its kind and
 * section, by the offline extractor of ingestion (bundled lexicon, patterns, mining, CPC map) and, when
 * LLM_PROVIDER is set, by the offline + LLM chain. A fact counts as a stated use when its polarity is
 * positive or tentative; negative and replaced facts are not uses. Writes bench/results/facts.json.
 *
 *   npm run bench:facts [-- --errors] [--min-confidence 0.5] [--out bench/results/facts.json]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChatModel } from '../agent/index.ts';
import { loadConfig } from '../api/config.ts';
import type { Chunk, Fact, SectionName } from '../graph/index.ts';
import {
  ChainedExtractor,
  createLlmExtractor,
  createOfflineExtractor,
  type Extractor,
  loadDefaultLexicon,
  type StructuredOutputModel,
} from '../ingest/index.ts';
import { type FactSentence, type ScoredSentence, scoreSentence, summarise } from './facts-scoring.ts';

const here = dirname(fileURLToPath(import.meta.url));
const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const sentencesPath = resolve(here, 'facts/sentences.jsonl');
const resultPath = resolve(argument('--out') ?? resolve(here, 'results/facts.json'));
const minConfidence = Number(argument('--min-confidence') ?? 0);
const printErrors = process.argv.includes('--errors');

const sentences: FactSentence[] = readFileSync(sentencesPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as FactSentence);

async function factsOf(extractor: Extractor, sentence: FactSentence): Promise<Fact[]> {
  const documentId = `bench:${sentence.id}`;
  const chunk: Chunk = {
    id: `${documentId}#0`,
    documentId,
    index: 0,
    section: sentence.section as SectionName,
    start: 0,
    end: sentence.text.length,
    text: sentence.text,
  } as Chunk;
  const result = await extractor.extract({
    documentId,
    kind: sentence.kind,
    title: sentence.title,
    text: sentence.text,
    publishedAt: '2020-01-01',
    assignees: [],
    chunks: [chunk],
  });
  return result.facts.filter((fact) => fact.type === 'USED_IN');
}

async function run(name: string, extractor: Extractor) {
  const scored: ScoredSentence[] = [];
  const started = performance.now();
  for (const sentence of sentences) {
    scored.push(scoreSentence(sentence, await factsOf(extractor, sentence), { minConfidence }));
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = summarise(scored);
  if (printErrors) {
    for (const item of scored) {
      for (const fp of item.falsePositives) console.log(`FP ${item.id} ${item.stratum} ${fp}`);
      for (const fn of item.falseNegatives) console.log(`FN ${item.id} ${item.stratum} ${fn}`);
    }
  }
  return { extractor: name, seconds: Number(seconds.toFixed(2)), ...summary };
}

const runs = [await run('offline', createOfflineExtractor({ vocabulary: loadDefaultLexicon() }))];
const model = createChatModel(loadConfig().llm);
if (model) {
  const chain = new ChainedExtractor([
    createOfflineExtractor({ vocabulary: loadDefaultLexicon() }),
    createLlmExtractor({ model: model as unknown as StructuredOutputModel, lexicon: loadDefaultLexicon() }),
  ]);
  runs.push(await run('offline+llm', chain));
}

const report = {
  set: { sentences: sentences.length, labelledUses: sentences.reduce((n, s) => n + s.uses.length, 0) },
  minConfidence,
  llm: model ? 'configured' : 'not configured (LLM_PROVIDER=none)',
  runs,
};
mkdirSync(dirname(resultPath), { recursive: true });
writeFileSync(resultPath, `${JSON.stringify(report, null, 2)}\n`);
for (const result of runs) {
  console.log(
    `${result.extractor}: precision ${result.overall.precision.toFixed(3)} recall ${result.overall.recall.toFixed(3)} ` +
      `F1 ${result.overall.f1.toFixed(3)} (tp ${result.overall.tp}, fp ${result.overall.fp}, fn ${result.overall.fn})`,
  );
  for (const [kind, counts] of Object.entries(result.byKind)) {
    console.log(
      `  ${kind.padEnd(8)} precision ${counts.precision.toFixed(3)} recall ${counts.recall.toFixed(3)}`,
    );
  }
  console.log(`  false positives by stratum: ${JSON.stringify(result.falsePositivesByStratum)}`);
}
console.log(`wrote ${resultPath}`);
