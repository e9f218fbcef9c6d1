import type { EntityLabel } from '../../graph/index.ts';
import { boundedMemo } from './bounded-memo.ts';
import {
  isElementSymbol,
  looksLikeFormula,
  normalizeCharacters,
  normalizeFormula,
  singularize,
} from './canonical-keys.ts';

/**
 * Keys for open-vocabulary terms (mined, catalog, user): variants that name the same thing share one
 * key. Beyond `canonicalKey` it joins word-forming prefixes ("anti-reflective" = "antireflective"),
 * unifies British and American spellings, and drops leading determiners and evaluative adjectives
 * that say something about the text rather than the thing ("a novel transparent electrode").
 */

/** Leading words that never belong to a term's name. */
export const determinerWords: ReadonlySet<string> = new Set(
  (
    'a an the this that these those said such any each every some its their our your his her my both ' +
    'either neither another other such all no one two three several many various certain further'
  ).split(' '),
);

/**
 * Adjectives that evaluate or situate a thing instead of classifying it: "novel electrodes" and
 * "electrodes" are the same kind of thing, "transparent electrodes" are not.
 */
export const evaluativeWords: ReadonlySet<string> = new Set(
  (
    'new novel improved conventional typical potential promising advanced efficient excellent good ' +
    'better best superior pristine different additional modern enhanced specific particular suitable ' +
    'desired present existing current future emerging practical possible respective corresponding ' +
    'useful important attractive interesting ideal optimal optimized optimised alternative common ' +
    'commercial standard traditional general overall total whole entire main ' +
    'major key prior known same similar above aforementioned following given resulting obtained ' +
    'prepared fabricated synthesized synthesised developed proposed studied investigated reported ' +
    'designed produced formed deposited grown treated used tested as-prepared as-deposited as-grown ' +
    'as-synthesized high-performance high-efficiency low-cost cost-effective next-generation state-of-the-art ' +
    'efficient robust stable reliable durable continuous uniform large small various numerous real actual ' +
    'long-term short-term large-scale small-scale large-area'
  ).split(' '),
);

/** Prefixes that form one word with what follows, with or without a hyphen. */
const joiningPrefixes = new Set(
  (
    'anti non multi co poly bio nano micro semi pre post re self ultra super inter intra over under ' +
    'mono di tri tetra photo electro thermo hydro opto piezo ferro macro meso sub trans counter'
  ).split(' '),
);

const spellings: Record<string, string> = {
  fibre: 'fiber',
  fibres: 'fibers',
  aluminium: 'aluminum',
  sulphur: 'sulfur',
  sulphide: 'sulfide',
  sulphides: 'sulfides',
  sulphate: 'sulfate',
  sulphates: 'sulfates',
  caesium: 'cesium',
  colour: 'color',
  colours: 'colors',
  mould: 'mold',
  moulds: 'molds',
  moulded: 'molded',
  moulding: 'molding',
  vapour: 'vapor',
  tyre: 'tire',
  tyres: 'tires',
  metre: 'meter',
  centre: 'center',
  ageing: 'aging',
  grey: 'gray',
  modelling: 'modeling',
  labelling: 'labeling',
};

// "stabilised", "functionalisation", "analysed": only stems that are never -ise words in English.
const britishSuffix = /(al|er|an|ll|at|ti|ri|ys|bil|on)is(e|ed|es|ing|ation|ations|er|ers)$/;

/** The American spelling of one lower-case word (fibre → fiber, sulphate → sulfate, stabilised → stabilized). */
export const americanize: (word: string) => string = boundedMemo(americanSpelling);

function americanSpelling(word: string): string {
  const mapped = spellings[word];
  if (mapped) return mapped;
  return britishSuffix.test(word) ? word.replace(/is(e|ed|es|ing|ation|ations|er|ers)$/, 'iz$1') : word;
}

/** Words of a term in key form: lower-case, prefixes joined, spellings unified, "poly(x)" = "polyx". */
function keyWords(surface: string): string[] {
  const text = normalizeCharacters(surface)
    .replace(/\bpoly\s*\(([\p{L}\d\s-]+)\)/giu, (_, inner: string) => `poly${inner.replace(/[\s-]+/g, '')}`)
    .replace(/'s\b/g, 's')
    .toLowerCase();
  const words: string[] = [];
  let joinNext = false;
  for (const match of text.matchAll(/[\p{L}\p{N}.]+|-/gu)) {
    const token = match[0];
    if (token === '-') {
      joinNext = words.length > 0 && joiningPrefixes.has(words[words.length - 1] as string);
      continue;
    }
    const word = americanize(token.replace(/^\.+|\.+$/g, ''));
    if (word === '') continue;
    if (joinNext) words[words.length - 1] += word;
    else words.push(word);
    joinNext = false;
  }
  return words;
}

/** Drops leading determiners and evaluative adjectives (never the last word). */
export function stripLeadingNoise(words: readonly string[]): string[] {
  let first = 0;
  while (first < words.length - 1) {
    const word = words[first] as string;
    if (determinerWords.has(word) || evaluativeWords.has(word)) first += 1;
    else if (first < words.length - 2 && evaluativeWords.has(`${word}-${words[first + 1]}`)) first += 2;
    else break;
  }
  return words.slice(first);
}

const acronymPlural = /^(\p{Lu}[\p{Lu}\p{N}-]*\p{Lu})s$/u;

/**
 * The stable key of a term surface: a formula in canonical element order (`TiO2` and `O2Ti` meet),
 * else lower-case words with joined prefixes, unified spellings, no leading determiners or evaluative
 * adjectives, and a singular last word ("The novel Anti-Reflective Coatings" → "antireflective coating").
 * `keepLeadingWords` keeps leading words, for names that are names as written (vocabulary terms).
 */
export function canonicalTermKey(
  surface: string,
  label: EntityLabel,
  options: { keepLeadingWords?: boolean } = {},
): string {
  const memo = options.keepLeadingWords ? keepingKeys : strippedKeys;
  return memo(`${label}\u0000${surface}`);
}

/**
 * `canonicalTermKey` without its memo, for callers that key each surface once (indexing a
 * vocabulary's terms): through the memo, 100,000 new surfaces cost a quarter more and cleared the keys
 * that texts' surfaces, which repeat, had memoised.
 */
export function termKeyOnce(
  surface: string,
  label: EntityLabel,
  options: { keepLeadingWords?: boolean } = {},
): string {
  return termKey(label, surface, options.keepLeadingWords === true);
}

// Keyed by label and surface; the label never contains the separator.
const keepingKeys = boundedMemo((labelled) => labelledTermKey(labelled, true));
const strippedKeys = boundedMemo((labelled) => labelledTermKey(labelled, false));

function labelledTermKey(labelled: string, keepLeadingWords: boolean): string {
  const separator = labelled.indexOf('\u0000');
  return termKey(
    labelled.slice(0, separator) as EntityLabel,
    labelled.slice(separator + 1),
    keepLeadingWords,
  );
}

function termKey(label: EntityLabel, surface: string, keepLeadingWords: boolean): string {
  const trimmed = normalizeCharacters(surface).trim();
  const plural = acronymPlural.exec(trimmed);
  if (plural) return (plural[1] as string).toLowerCase();
  if (label === 'Material' && looksLikeFormula(trimmed)) return normalizeFormula(trimmed) ?? trimmed;
  if (label === 'Material' && isNotation(trimmed)) return notationKey(trimmed);
  // A vocabulary name is a name as written ("advanced packaging"); only found text is stripped.
  const words = keepLeadingWords ? keyWords(trimmed) : stripLeadingNoise(keyWords(trimmed));
  if (words.length === 0) return '';
  const last = words.length - 1;
  words[last] = singularize(words[last] as string);
  return words.join(' ');
}

/** Chemical notation: every part starts with a capital or a digit ("Fe", "Al-Cu", "ZnO:Al", "PA66-GF30"). */
function isNotation(text: string): boolean {
  const parts = text.split(/\s*[-:/]\s*|\s+/).filter((part) => part !== '');
  return (
    parts.length > 0 &&
    parts.every(
      (part) =>
        looksLikeFormula(part) || isElementSymbol(part) || /^\p{Lu}[\p{Lu}\d]*\d[\p{Lu}\d]*$/u.test(part),
    )
  );
}

/** Notation without spaces, parts that are formulas in canonical order: "ZnO : Al" → "OZn:Al". */
function notationKey(text: string): string {
  return text
    .replace(/\s+/g, '')
    .split(/([-:/])/)
    .map((part) =>
      /^[-:/]$/.test(part) ? part : looksLikeFormula(part) ? (normalizeFormula(part) ?? part) : part,
    )
    .join('');
}

/** The head word of a term: the last word of its key ("medical packaging" → "packaging"). */
export function headWordOf(key: string): string {
  const space = key.lastIndexOf(' ');
  return space < 0 ? key : key.slice(space + 1);
}
