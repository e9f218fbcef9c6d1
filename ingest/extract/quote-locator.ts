/** Where a quote was found in a text, as offsets into that text. */
export interface QuoteSpan {
  start: number;
  end: number;
  /** `exact` when found verbatim, `normalized` when found after collapsing white space and typography. */
  match: 'exact' | 'normalized';
}

// One character for one character, so offsets in the normalised text map back one to one.
const typography: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u00a0': ' ',
};

/** The text with runs of white space collapsed to one space and curly quotes/dashes made plain, plus an offset map. */
function normalizeWithMap(text: string): { normalized: string; offsets: number[] } {
  let normalized = '';
  const offsets: number[] = [];
  let previousSpace = false;
  for (let i = 0; i < text.length; i++) {
    const character = typography[text[i] as string] ?? (text[i] as string);
    if (/\s/.test(character)) {
      if (previousSpace) continue;
      normalized += ' ';
      offsets.push(i);
      previousSpace = true;
      continue;
    }
    previousSpace = false;
    normalized += character;
    offsets.push(i);
  }
  offsets.push(text.length);
  return { normalized, offsets };
}

function normalizeQuote(quote: string): string {
  return normalizeWithMap(quote).normalized.trim();
}

/**
 * Finds `quote` in `text`: verbatim first, then with white space collapsed and typographic quotes and
 * dashes made plain (the returned span covers the original characters). Null when it is not there.
 */
export function locateQuote(text: string, quote: string, from = 0): QuoteSpan | null {
  const trimmed = quote.trim();
  if (trimmed === '') return null;
  const exact = text.indexOf(trimmed, from);
  if (exact >= 0) return { start: exact, end: exact + trimmed.length, match: 'exact' };
  const { normalized, offsets } = normalizeWithMap(text);
  const target = normalizeQuote(trimmed);
  if (target === '') return null;
  const startIndex = offsets.findIndex((offset) => offset >= from);
  const found = normalized.indexOf(target, Math.max(0, startIndex));
  if (found < 0) return null;
  const start = offsets[found] as number;
  const last = offsets[found + target.length - 1] as number;
  return { start, end: last + 1, match: 'normalized' };
}

/** Finds a name in a text: verbatim, then ignoring case, at word boundaries. */
export function locateName(text: string, name: string): { start: number; end: number } | null {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  const escaped = trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  for (const flags of ['u', 'iu']) {
    const match = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, flags).exec(text);
    if (match) return { start: match.index, end: match.index + match[0].length };
  }
  return null;
}
