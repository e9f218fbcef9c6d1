/**
 * Word and token boundaries of a span, found by one pass over its characters: the same boundaries as
 * the regular expressions they replace (`/[\p{L}\p{N}]+/gu` for vocabulary words, and the miner's
 * `/[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu`), applied to `text.slice(start, limit)`.
 * Both run over every sentence of every document twice, and a Unicode property class costs the regular
 * expression engine far more per character than a table look-up (test/ingest/extract/token-scan.test.ts
 * checks both against the expressions).
 */

const unknown = 0;
const wordClass = 1;
const spaceClass = 2;
const otherClass = 3;

// Class of each code point, filled on first sight (patents use few characters beyond ASCII).
const classes = new Uint8Array(0x110000);
const wordCharacter = /^[\p{L}\p{N}]$/u;
const spaceCharacter = /^\s$/u;

function classOf(codePoint: number): number {
  let kind = classes[codePoint] as number;
  if (kind === unknown) {
    const character = String.fromCodePoint(codePoint);
    kind = wordCharacter.test(character)
      ? wordClass
      : spaceCharacter.test(character)
        ? spaceClass
        : otherClass;
    classes[codePoint] = kind;
  }
  return kind;
}

/** The code point at `index`, a surrogate pair only when both halves lie before `limit`. */
function codePointAt(text: string, index: number, limit: number): number {
  const unit = text.charCodeAt(index);
  if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < limit) {
    const next = text.charCodeAt(index + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return ((unit - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
  }
  return unit;
}

const width = (codePoint: number): number => (codePoint > 0xffff ? 2 : 1);

/** End of the run of letters and digits that starts at `index` (which must be one). */
function wordRunEnd(text: string, index: number, limit: number): number {
  let at = index;
  while (at < limit) {
    const codePoint = codePointAt(text, at, limit);
    if (classOf(codePoint) !== wordClass) break;
    at += width(codePoint);
  }
  return at;
}

function isJoiner(unit: number): boolean {
  return unit === 0x2e || unit === 0x27 || unit === 0x2019; // . ' ’
}

/**
 * Calls `visit(start, end)` for each maximal run of letters and digits in `text.slice(start, limit)`,
 * in order: what `/[\p{L}\p{N}]+/gu` matches in that slice, offsets into `text`.
 */
export function scanWords(
  text: string,
  start: number,
  limit: number,
  visit: (start: number, end: number) => void,
): void {
  scan(text, start, limit, false, visit);
}

/**
 * Calls `visit(start, end, word)` for each token of `text.slice(start, limit)`, in order: a word
 * (letters and digits, joined over single `.`, `'` or `’` between them: "e.g", "it's"; `word` true) or
 * one character that is neither a word character nor white space (`word` false, though an emoji takes
 * two code units). What the miner's token expression matches in that slice.
 */
export function scanTokens(
  text: string,
  start: number,
  limit: number,
  visit: (start: number, end: number, word: boolean) => void,
): void {
  scan(text, start, limit, true, visit);
}

/** Words only, or (`tokens`) words joined over `.`, `'` and `’`, and every other non-space character. */
function scan(
  text: string,
  start: number,
  limit: number,
  tokens: boolean,
  visit: (start: number, end: number, word: boolean) => void,
): void {
  let at = start;
  while (at < limit) {
    const codePoint = codePointAt(text, at, limit);
    const kind = classOf(codePoint);
    if (kind === wordClass) {
      let end = wordRunEnd(text, at, limit);
      while (
        tokens &&
        end + 1 < limit &&
        isJoiner(text.charCodeAt(end)) &&
        classOf(codePointAt(text, end + 1, limit)) === wordClass
      ) {
        end = wordRunEnd(text, end + 1, limit);
      }
      visit(at, end, true);
      at = end;
      continue;
    }
    if (tokens && kind === otherClass) visit(at, at + width(codePoint), false);
    at += width(codePoint);
  }
}
