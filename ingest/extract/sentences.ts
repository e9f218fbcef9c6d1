/**
 * Sentence segmentation with offsets, following the discovery benchmark's annotation rules: a segment
 * is split at bullet signs, then at `.`, `!` or `?` (plus closing quotes or brackets) followed by white
 * space and an upper-case letter, digit or opening quote/bracket, unless the word before the period is
 * a known abbreviation or a single letter. Blank lines also end a segment (a chunk may hold several
 * paragraphs).
 */

/** A sentence as offsets into the text it was cut from (`text.slice(start, end)`), trimmed of white space. */
export interface SentenceSpan {
  start: number;
  end: number;
}

const abbreviations = new Set([
  'e.g',
  'eg',
  'i.e',
  'ie',
  'fig',
  'figs',
  'no',
  'nos',
  'u.s',
  'u.k',
  'al',
  'pat',
  'pats',
  'appl',
  'pub',
  'ser',
  'wt',
  'vol',
  'vols',
  'approx',
  'ca',
  'cf',
  'etc',
  'vs',
  'viz',
  'resp',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'inc',
  'corp',
  'co',
  'ltd',
  'jr',
  'sr',
  'st',
  'ref',
  'refs',
  'eq',
  'eqs',
  'ex',
  'tab',
  'max',
  'mol',
  'dept',
  'univ',
  'esp',
]);

// Sentence-final punctuation, optional closing quotes/brackets, then white space and a sentence start.
const boundary = /[.!?]["'”’)\]]*(?=\s+["'“‘([\p{Lu}\p{N}])/gu;
const letter = /^\p{L}$/u;

/**
 * The run of letters and periods that ends `text` (what `/[\p{L}.]+$/u` matches), found by walking back
 * from the end: the regular expression tries every start in the text before failing, once per period.
 */
export function trailingWord(text: string): string {
  let start = text.length;
  while (start > 0) {
    const low = text.charCodeAt(start - 1);
    const high = start > 1 ? text.charCodeAt(start - 2) : 0;
    // A letter outside the basic plane is a surrogate pair: both halves or neither.
    const width = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
    const character = text.slice(start - width, start);
    if (character !== '.' && !letter.test(character)) break;
    start -= width;
  }
  return text.slice(start);
}

function isAbbreviation(before: string): boolean {
  const word = trailingWord(before).toLowerCase().replace(/^\.+/, '');
  if (word === '') return false;
  if (abbreviations.has(word)) return true;
  // A single letter ("J. Smith", "FIG. A.") or dotted initials ("U.S", "e.g").
  return /^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word);
}

// A leading claim or list number ("1. A separator comprising …") is not a sentence of its own.
const enumerationLabel = /^\s*\(?\d{1,3}\)?$/;

function pushTrimmed(text: string, start: number, end: number, into: SentenceSpan[]): void {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(text[from] as string)) from++;
  while (to > from && /\s/.test(text[to - 1] as string)) to--;
  if (to > from) into.push({ start: from, end: to });
}

export interface SentenceOptions {
  /** Whether a blank line ends a segment (default true). */
  blankLines?: boolean;
  /**
   * Whether a Markdown bullet (" * " before a capital) is a bullet sign too (default false, as in the
   * benchmark's rules): press releases list uses that way, one bullet per material and use.
   */
  markdownBullets?: boolean;
}

/** Splits `text.slice(start, end)` into sentence spans (offsets into `text`). */
export function splitSentences(
  text: string,
  start = 0,
  end = text.length,
  options: SentenceOptions = {},
): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  // Segments: bullet signs (and blank lines) end a piece.
  const pieces: SentenceSpan[] = [];
  const bullets = options.markdownBullets ? String.raw`•|\s\*\s+(?=\p{Lu})` : '•';
  const separator = new RegExp(
    options.blankLines === false ? bullets : String.raw`\n[ \t\r\f\v]*\n|` + bullets,
    'gu',
  );
  separator.lastIndex = start;
  let pieceStart = start;
  for (let match = separator.exec(text); match && match.index < end; match = separator.exec(text)) {
    pieces.push({ start: pieceStart, end: match.index });
    pieceStart = match.index + match[0].length;
  }
  pieces.push({ start: pieceStart, end });
  for (const piece of pieces) {
    const pieceText = text.slice(piece.start, piece.end);
    let sentenceStart = 0;
    boundary.lastIndex = 0;
    for (let match = boundary.exec(pieceText); match; match = boundary.exec(pieceText)) {
      const position = match.index;
      const before = pieceText.slice(sentenceStart, position);
      if (pieceText[position] === '.' && (isAbbreviation(before) || enumerationLabel.test(before))) continue;
      const sentenceEnd = position + match[0].length;
      pushTrimmed(text, piece.start + sentenceStart, piece.start + sentenceEnd, sentences);
      sentenceStart = sentenceEnd;
    }
    pushTrimmed(text, piece.start + sentenceStart, piece.end, sentences);
  }
  return sentences;
}
