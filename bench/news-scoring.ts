/**
 * The scoring method of the article-extraction benchmark (scrapinghub/article-extraction-benchmark,
 * `evaluate.py`), reimplemented so our numbers are comparable with the published ones.
 */

/** True positives, false positives and false negatives of one page, normalised to sum to 1. */
export interface ShingleCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ExtractionScore {
  precision: number;
  recall: number;
  f1: number;
  /** Share of pages whose token lists are identical. */
  accuracy: number;
  pages: number;
}

// Python's Unicode `\w` is letters, digits/numerics and the underscore (no combining marks).
const tokenPattern = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

/** Multiset of consecutive 4-token shingles; a text shorter than 4 tokens is one shingle, an empty text none. */
export function shingles(text: string, size = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - size + 1);
  for (let index = 0; index < last; index += 1) {
    const shingle = tokens.slice(index, index + size);
    if (shingle.length === 0) continue;
    // NUL cannot occur inside a token, so the joined key is unambiguous.
    const key = shingle.join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function matchShingles(truth: string, predicted: string): ShingleCounts {
  const trueShingles = shingles(truth);
  const predictedShingles = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...trueShingles.keys(), ...predictedShingles.keys()])) {
    const trueCount = trueShingles.get(key) ?? 0;
    const predictedCount = predictedShingles.get(key) ?? 0;
    tp += Math.min(trueCount, predictedCount);
    fp += Math.max(0, predictedCount - trueCount);
    fn += Math.max(0, trueCount - predictedCount);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

export function precisionOf({ tp, fp, fn }: ShingleCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function recallOf({ tp, fp, fn }: ShingleCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function sameTokens(truth: string, predicted: string): boolean {
  const a = tokenize(truth);
  const b = tokenize(predicted);
  return a.length === b.length && a.every((token, index) => token === b[index]);
}

/** Scores predicted bodies against true bodies, page by page, exactly as the benchmark does. */
export function scoreExtraction(pages: Array<{ truth: string; predicted: string }>): ExtractionScore {
  const counts = pages.map((page) => matchShingles(page.truth, page.predicted));
  // Pages where nothing was predicted (or nothing was true) have no precision (recall) and are skipped.
  const precision = mean(counts.filter((c) => c.tp + c.fp > 0).map(precisionOf));
  const recall = mean(counts.filter((c) => c.tp + c.fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = mean(pages.map((page) => (sameTokens(page.truth, page.predicted) ? 1 : 0)));
  return { precision, recall, f1, accuracy, pages: pages.length };
}
