import type { Fact } from '../graph/index.ts';

/** One labelled sentence of bench/facts/sentences.jsonl. */
export interface FactSentence {
  id: string;
  kind: 'patent' | 'news';
  section: string;
  /** The error class (or `plain`) the sentence was sampled for. */
  stratum: string;
  /** The title of the document the sentence is from (extraction reads it for the document's subject). */
  title: string;
  source: { corpus: string; file: string; document: string; section: string; start: number; end: number };
  text: string;
  /** The uses the sentence states; each side lists the ids that name the same thing (any one matches). */
  uses: { material: string[]; application: string[] }[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ScoredSentence {
  id: string;
  kind: string;
  stratum: string;
  tp: number;
  falsePositives: string[];
  falseNegatives: string[];
}

/** Polarities that state a use: a negative or replaced fact says the material is not (or no longer) used. */
export function statesUse(fact: Pick<Fact, 'polarity'>): boolean {
  return fact.polarity !== 'negative' && fact.polarity !== 'replaced';
}

/**
 * Matches one sentence's USED_IN facts against its labels: a label is found when a stated-use fact has
 * one of its material ids as subject and one of its application ids as object (each fact matches at
 * most one label); facts matching no label are false positives, labels no fact matches are misses.
 */
export function scoreSentence(
  sentence: FactSentence,
  facts: readonly Fact[],
  options: { minConfidence?: number } = {},
): ScoredSentence {
  const minConfidence = options.minConfidence ?? 0;
  const predicted = facts.filter(
    (fact) => fact.type === 'USED_IN' && statesUse(fact) && fact.confidence >= minConfidence,
  );
  const used = new Set<Fact>();
  const falseNegatives: string[] = [];
  let tp = 0;
  for (const label of sentence.uses) {
    const match = predicted.find(
      (fact) =>
        !used.has(fact) &&
        label.material.includes(fact.subjectId) &&
        label.application.includes(fact.objectId),
    );
    if (match) {
      used.add(match);
      tp++;
      // Another spelling of the same label is the same statement, not a second claim.
      for (const fact of predicted) {
        if (label.material.includes(fact.subjectId) && label.application.includes(fact.objectId)) {
          used.add(fact);
        }
      }
    } else {
      falseNegatives.push(`${label.material.join('|')} > ${label.application.join('|')}`);
    }
  }
  const falsePositives = predicted
    .filter((fact) => !used.has(fact))
    .map((fact) => `${fact.subjectId} > ${fact.objectId} (${fact.confidence})`);
  return {
    id: sentence.id,
    kind: sentence.kind,
    stratum: sentence.stratum,
    tp,
    falsePositives,
    falseNegatives,
  };
}

function counts(tp: number, fp: number, fn: number): Counts {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { tp, fp, fn, precision: round(precision), recall: round(recall), f1: round(f1) };
}

/** Overall and per-kind precision/recall, and false positives and misses counted per sampled stratum. */
export function summarise(scored: readonly ScoredSentence[]): {
  overall: Counts;
  byKind: Record<string, Counts>;
  byStratum: Record<string, Counts>;
  falsePositivesByStratum: Record<string, number>;
} {
  const total = (items: readonly ScoredSentence[]) =>
    counts(
      items.reduce((n, item) => n + item.tp, 0),
      items.reduce((n, item) => n + item.falsePositives.length, 0),
      items.reduce((n, item) => n + item.falseNegatives.length, 0),
    );
  const groupBy = (key: (item: ScoredSentence) => string) => {
    const groups = new Map<string, ScoredSentence[]>();
    for (const item of scored) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
    return Object.fromEntries(
      [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, total(v)]),
    );
  };
  const byStratum = groupBy((item) => item.stratum);
  return {
    overall: total(scored),
    byKind: groupBy((item) => item.kind),
    byStratum,
    falsePositivesByStratum: Object.fromEntries(Object.entries(byStratum).map(([k, v]) => [k, v.fp])),
  };
}
