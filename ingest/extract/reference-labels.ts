/**
 * Reference numerals, claim numbers and part labels that look like chemical formulas: "CPU11",
 * "switch SW31 to SW35", "valve SV8", "scan signal SS12". A formula-shaped token is a label when its
 * letters and number are written like a drawing reference rather than a composition.
 */

/** A span of the text (offsets into it). */
interface Span {
  start: number;
  end: number;
}

// Capitals followed by one trailing number: the only formula shape a part label shares.
const capitalsThenNumber = /^([A-Z]{2,5})(\d{1,4})([a-z]?)$/;

// Nouns that name a part, a signal or a step: "valve SV8", "switch SW1", "signal SS12", "element Q3".
const partNounBefore =
  /\b(?:valves?|switch(?:es)?|signals?|lines?|pipelines?|elements?|sections?|units?|circuits?|terminals?|pulses?|transistors?|nodes?|ports?|pins?|pads?|gates?|steps?|regions?|blocks?|modules?|devices?|sensors?|motors?|registers?|buffers?|controllers?|processors?|memor(?:y|ies)|cpus?|members?|parts?|portions?|layers?|plates?|rollers?|channels?|buses?|drivers?|amplifiers?|detectors?|counters?|timers?|apparatus|body|bodies|electrodes?|wires?|wirings?|lines?|rows?|columns?|axes|axis)\s*$/i;

// "CPU11, memory 12": a label followed by a sibling part with a bare reference numeral.
const siblingNumeralAfter = /^\s*(?:,|and|or|to)\s*(?:\p{Ll}[\p{L}-]*\s+){1,3}\d{1,4}\b/u;

function elementSymbols(letters: string): string[] {
  return letters.match(/[A-Z][a-z]?/g) ?? [];
}

/**
 * Whether a formula-shaped span is a reference label. True for capitals + a number when the number
 * is written as a count no chemist writes (1, or 10 and above on a two- or three-capital token), a
 * symbol repeats (SS12), the same capitals appear with another number in the sentence (SV3 … SV10),
 * a part noun precedes it, or a sibling part with a bare numeral follows it.
 */
export function isReferenceLabel(text: string, span: Span, sentence: Span): boolean {
  const surface = text.slice(span.start, span.end);
  const before = text.slice(Math.max(sentence.start, span.start - 30), span.start);
  // "the bus electrode Yb", "electrodes X and Y": a bare symbol after a part noun labels the part.
  if (/^[A-Z][a-z]?$/.test(surface)) return partNounBefore.test(before);
  // "B2B", "P2P": business shorthand, not boron.
  if (/^(?:B2[BCG]|C2C|P2P|M2M|E2E|G2B)$/.test(surface)) return true;
  const match = capitalsThenNumber.exec(surface);
  if (!match) return false;
  const letters = match[1] as string;
  const number = Number(match[2]);
  if (match[3]) return true;
  if (number === 1 || (match[2] as string).startsWith('0')) return true;
  const symbols = elementSymbols(letters);
  if (new Set(symbols).size < symbols.length) return true;
  if (number >= 10 && letters.length >= 2 && symbols.every((symbol) => symbol.length === 1)) return true;
  const sentenceText = text.slice(sentence.start, sentence.end);
  const siblings = new RegExp(`(?<![\\p{L}\\p{N}])${letters}(\\d{1,4})(?![\\p{L}\\p{N}])`, 'gu');
  for (const sibling of sentenceText.matchAll(siblings)) {
    if (Number(sibling[1]) !== number) return true;
  }
  if (partNounBefore.test(before)) return true;
  const after = text.slice(span.end, Math.min(sentence.end, span.end + 40));
  return siblingNumeralAfter.test(after);
}

/**
 * A pair of drawing or figure labels joined by a dash, as in sectional views "10B-10B" or "3B–C": a
 * number with a capital, a dash, and a label again. No formula starts with a bare count and a symbol
 * and repeats itself after a dash.
 */
export function isReferenceLabelPair(surface: string): boolean {
  return /^\d{1,4}[A-Z][a-z]?\s*[-–—]\s*(?:\d{1,4})?[A-Z][a-z]?'?$/.test(surface.trim());
}
