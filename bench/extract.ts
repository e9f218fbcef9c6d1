/**
 * Scores the offline extractor's MATERIAL and APPLICATION mentions against the Matscholar NER test
 * split (CoNLL, BIO tags MAT/APL/…): entity-level precision, recall and F1 per type with exact span
 * match, plus a relaxed (any overlap) match. Only our own lexicon and patterns are used; the
 * Matscholar annotations serve as evaluation data only.
 *
 *   npx tsx bench/extract.ts [path/to/test.txt]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityLabel } from '../graph/index.ts';
import { finalizeMentions, loadDefaultLexicon, matchMentions } from '../ingest/extract/lexicon-matcher.ts';
import { findFormulas, findPolymerNames } from '../ingest/extract/patterns.ts';

const here = dirname(fileURLToPath(import.meta.url));
const dataPath = process.argv[2] ?? resolve(here, '../../shared/data/materials-ner-matscholar/test.txt');
const resultPath = resolve(here, 'results/extract-matscholar.json');

export type EntityType = 'MAT' | 'APL';
const scoredTypes: EntityType[] = ['MAT', 'APL'];

export interface Sentence {
  text: string;
  tokens: { start: number; end: number }[];
  gold: Span[];
}

export interface Span {
  type: EntityType;
  /** Token indices, end exclusive. */
  start: number;
  end: number;
}

/** Reads CoNLL "token TAG" lines; sentence text = tokens joined by single spaces. */
export function readConll(path: string): Sentence[] {
  const sentences: Sentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (words.length === 0) return;
    let text = '';
    const tokens: { start: number; end: number }[] = [];
    for (const word of words) {
      if (text) text += ' ';
      tokens.push({ start: text.length, end: text.length + word.length });
      text += word;
    }
    const gold: Span[] = [];
    let open: Span | null = null;
    tags.forEach((tag, index) => {
      const [prefix, type] = tag.split('-') as [string, string | undefined];
      const continues = prefix === 'I' && open && open.type === type;
      if (open && !continues) {
        gold.push(open);
        open = null;
      }
      if ((prefix === 'B' || (prefix === 'I' && !continues)) && (type === 'MAT' || type === 'APL')) {
        open = { type, start: index, end: index + 1 };
      } else if (continues && open) {
        open.end = index + 1;
      }
    });
    if (open) gold.push(open);
    sentences.push({ text, tokens, gold });
    words = [];
    tags = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') {
      flush();
      continue;
    }
    const cut = trimmed.lastIndexOf(' ');
    words.push(trimmed.slice(0, cut));
    tags.push(trimmed.slice(cut + 1));
  }
  flush();
  return sentences;
}

const typeOfLabel: Partial<Record<EntityLabel, EntityType>> = { Material: 'MAT', Application: 'APL' };

/** Our predicted spans, converted from character offsets to token indices. */
export function predict(sentence: Sentence): Span[] {
  const lexicon = loadDefaultLexicon();
  const charSpans: { type: EntityType; start: number; end: number }[] = [];
  // One Matscholar sentence is scored on its own, so acronyms are licensed within the sentence.
  const mentions = finalizeMentions(matchMentions(lexicon, sentence.text));
  for (const mention of mentions) {
    const type = typeOfLabel[mention.label];
    if (type) charSpans.push({ type, start: mention.start, end: mention.end });
  }
  for (const hit of [...findFormulas(sentence.text), ...findPolymerNames(sentence.text)]) {
    if (charSpans.some((span) => span.start < hit.end && hit.start < span.end)) continue;
    charSpans.push({ type: 'MAT', start: hit.start, end: hit.end });
  }
  const spans: Span[] = [];
  for (const span of charSpans) {
    const first = sentence.tokens.findIndex((token) => token.end > span.start);
    let last = first;
    while (last + 1 < sentence.tokens.length && (sentence.tokens[last + 1]?.start ?? Infinity) < span.end)
      last++;
    if (first >= 0) spans.push({ type: span.type, start: first, end: last + 1 });
  }
  return spans;
}

interface Counts {
  gold: number;
  predicted: number;
  exactTruePositives: number;
  relaxedPredictedMatched: number;
  relaxedGoldMatched: number;
}

function score(counts: Counts) {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  const exactPrecision = counts.predicted ? counts.exactTruePositives / counts.predicted : 0;
  const exactRecall = counts.gold ? counts.exactTruePositives / counts.gold : 0;
  const relaxedPrecision = counts.predicted ? counts.relaxedPredictedMatched / counts.predicted : 0;
  const relaxedRecall = counts.gold ? counts.relaxedGoldMatched / counts.gold : 0;
  return {
    ...counts,
    exact: {
      precision: round(exactPrecision),
      recall: round(exactRecall),
      f1: round(f1(exactPrecision, exactRecall)),
    },
    relaxed: {
      precision: round(relaxedPrecision),
      recall: round(relaxedRecall),
      f1: round(f1(relaxedPrecision, relaxedRecall)),
    },
  };
}

function main(): void {
  const sentences = readConll(dataPath);
  loadDefaultLexicon();
  const counts: Record<EntityType, Counts> = {
    MAT: { gold: 0, predicted: 0, exactTruePositives: 0, relaxedPredictedMatched: 0, relaxedGoldMatched: 0 },
    APL: { gold: 0, predicted: 0, exactTruePositives: 0, relaxedPredictedMatched: 0, relaxedGoldMatched: 0 },
  };
  const missed = new Map<string, number>();
  const spurious = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const surfaceOf = (sentence: Sentence, span: Span) =>
    `${span.type}:${sentence.text.slice(sentence.tokens[span.start]?.start ?? 0, sentence.tokens[span.end - 1]?.end ?? 0)}`;
  let characters = 0;
  const started = performance.now();
  for (const sentence of sentences) {
    characters += sentence.text.length;
    const predicted = predict(sentence);
    for (const type of scoredTypes) {
      const gold = sentence.gold.filter((span) => span.type === type);
      const ours = predicted.filter((span) => span.type === type);
      const typeCounts = counts[type];
      typeCounts.gold += gold.length;
      typeCounts.predicted += ours.length;
      const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
      for (const span of ours) {
        if (gold.some((g) => g.start === span.start && g.end === span.end)) typeCounts.exactTruePositives++;
        if (gold.some((g) => overlaps(g, span))) typeCounts.relaxedPredictedMatched++;
        else bump(spurious, surfaceOf(sentence, span));
      }
      for (const span of gold) {
        if (ours.some((p) => overlaps(p, span))) typeCounts.relaxedGoldMatched++;
        else bump(missed, surfaceOf(sentence, span));
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const top = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 25)
      .map(([surface, count]) => ({ surface, count }));
  const lexiconSize = loadDefaultLexicon().size();
  const result = {
    benchmark: 'extract-matscholar',
    data: 'shared/data/materials-ner-matscholar/test.txt',
    method: 'lexicon (ingest/lexicon/*.json) + formula and polymer patterns; acronyms licensed per sentence',
    lexicon: lexiconSize,
    sentences: sentences.length,
    characters,
    seconds: Math.round(seconds * 1000) / 1000,
    megabytesPerSecond: Math.round((characters / 1e6 / seconds) * 100) / 100,
    scores: { MAT: score(counts.MAT), APL: score(counts.APL) },
    notes: [
      'The Matscholar text is lower-cased (formulas normalised), so case-sensitive aliases such as PMMA or TiO2 rarely match.',
      'Matscholar annotates research abstracts (many inorganic compounds, generic applications); our lexicon targets industrial polymers and products.',
    ],
    topMissed: top(missed),
    topSpurious: top(spurious),
  };
  mkdirSync(dirname(resultPath), { recursive: true });
  writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);
  const row = (type: EntityType) => {
    const s = result.scores[type];
    return `| ${type} | ${s.gold} | ${s.predicted} | ${s.exact.precision.toFixed(3)} | ${s.exact.recall.toFixed(3)} | ${s.exact.f1.toFixed(3)} | ${s.relaxed.precision.toFixed(3)} | ${s.relaxed.recall.toFixed(3)} | ${s.relaxed.f1.toFixed(3)} |`;
  };
  console.log(
    `Matscholar test split: ${sentences.length} sentences (${result.megabytesPerSecond} MB/s including scoring)`,
  );
  console.log(
    '| type | gold | predicted | exact P | exact R | exact F1 | relaxed P | relaxed R | relaxed F1 |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(row('MAT'));
  console.log(row('APL'));
  console.log(`written to ${resultPath}`);
}

// Run only as a script, so the corpus tests can import the reader and the predictor.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
