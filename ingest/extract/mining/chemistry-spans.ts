import { boundedMemo } from '../../resolve/bounded-memo.ts';
import { isElementSymbol, normalizeCharacters } from '../../resolve/canonical-keys.ts';
import { americanize } from '../../resolve/term-keys.ts';
import {
  ambiguousSymbols,
  anionWord,
  cationAdjective,
  elementSymbolByName,
  gaseousElements,
} from './chemistry-words.ts';

/**
 * Material spans that chemistry writes in its own notation: formulas (also without counts, with
 * variables and phase prefixes: `AlN`, `Ti1-xAlxN`, `α-Fe2O3`, `Si(100)`), alloys (`Ti-6Al-4V`,
 * `Ag–Cu`), doped materials (`ZnO:Al`), element symbols, nomenclature names (`zinc oxide`, `lithium iron
 * phosphate`) and trade grades with ISO 1043 filler codes (`PA66-GF30`).
 */

export type ChemistryKind = 'formula' | 'element' | 'alloy' | 'doped' | 'compound-name' | 'grade';

export interface ChemistrySpan {
  start: number;
  end: number;
  surface: string;
  kind: ChemistryKind;
}

interface Run {
  start: number;
  end: number;
  text: string;
  /** What the run is on its own (`classifyText`). */
  kind: ChemistryKind | null;
  /** Its chemical parts when it is nothing on its own, offsets relative to the run. */
  parts: readonly Readonly<RelativePart>[];
}

interface RelativePart {
  start: number;
  end: number;
  kind: ChemistryKind;
}

// Counts inside a formula: 2, 0.5, x, 1-x, 2+δ, 3-y (subscript digits are normalised before parsing).
const count = String.raw`(?:\d+(?:\.\d+)?(?:[-−+]\d*(?:\.\d+)?[xyzδ])?|\d*(?:\.\d+)?[xyzδ](?![a-z]))`;
const symbol = '[A-Z][a-z]?';
const unit = String.raw`(?:${symbol}${count}?|\((?:${symbol}${count}?[,/]?)+\)${count}?|\[(?:${symbol}${count}?)+\]${count}?)`;
const formulaShape = new RegExp(
  String.raw`^(?:[αβγδεθκ]-|[abgdek]-)?(${unit}+)(?:\((?:\d{3,4}|\d+\s?\d+\s?\d+)\))?(?:\d*[+-])?$`,
  'u',
);

/** The element symbols of a formula body, or null if one of them is not an element. */
function symbolsOf(body: string): string[] | null {
  const symbols: string[] = [];
  for (let index = 0; index < body.length; index++) {
    const character = body[index] as string;
    if (!/[A-Z]/.test(character)) continue;
    const two = body.slice(index, index + 2);
    // A lower-case letter after a capital is part of the symbol unless that makes no element ("Sx": S, x).
    const candidate = /^[A-Z][a-z]$/.test(two) && isElementSymbol(two) ? two : character;
    if (!isElementSymbol(candidate) || syntheticElements.has(candidate)) return null;
    symbols.push(candidate);
  }
  return symbols;
}

// Elements no material is made of; their symbols mostly turn up inside acronyms ("CNTs" is not C-N-Ts).
const syntheticElements = new Set(
  'Cm Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og'.split(' '),
);

/**
 * Whether a token is a chemical formula: valid element symbols with optional counts, at least two
 * element occurrences (or one non-gaseous element with a count, `C60`), and a lower-case letter or a
 * count so that acronyms written in capitals (`PVC`, `PCB`) are not formulas.
 */
export const isFormulaToken: (token: string) => boolean = boundedMemo(formulaTokenTest);

function formulaTokenTest(token: string): boolean {
  const text = normalizeCharacters(token).replace(/alpha-|beta-|gamma-|delta-/g, 'a-');
  // "PCs", "ICs", "CNTs": plurals of acronyms, although Cs, Os and Ts are symbols.
  if (/^[A-Z]+[A-Z]s$/.test(text)) return false;
  const match = formulaShape.exec(text);
  if (!match) return false;
  const body = match[1] as string;
  const plane = text.length > body.length && /\(\d[\d\s]*\)$/.test(text);
  if (!/[a-z\d]/.test(body) && !plane) return false;
  const symbols = symbolsOf(body);
  if (!symbols || symbols.length === 0) return false;
  if (symbols.length === 1) {
    // One element with a count is a space group or a label ("P21", "C2") unless it is a fullerene.
    if (plane) return !gaseousElements.has(symbols[0] as string);
    return symbols[0] === 'C' && Number(/\d+/.exec(body)?.[0] ?? 0) >= 20;
  }
  if (isSmallMolecule(body, symbols)) return false;
  // "CoCo", "SiSi": a symbol repeated without counts is a word, not a formula.
  for (let i = 1; i < symbols.length; i++) {
    if (symbols[i] === symbols[i - 1] && !/\d/.test(body)) return false;
  }
  return true;
}

/** NO2, CO2, NH3, H2O, CH4: small molecules of light elements are gases and solvents, not materials. */
function isSmallMolecule(body: string, symbols: readonly string[]): boolean {
  if (!symbols.every((symbol) => symbol === 'H' || symbol === 'C' || symbol === 'N' || symbol === 'O'))
    return false;
  if (/[xyzδ(]/.test(body)) return false;
  let atoms = 0;
  for (const match of body.matchAll(/[A-Z][a-z]?(\d*)/g)) atoms += Number(match[1] || 1);
  return atoms <= 5;
}

/** A lone element symbol that names a material (`Fe`, `Ag`, `Cu`), not an English word (`In`, `As`). */
function isElementToken(token: string): boolean {
  return /^[A-Z][a-z]$/.test(token) && isElementSymbol(token) && !ambiguousSymbols.has(token);
}

// "Co., Ltd.", "Smith & Co": the company abbreviation, not cobalt.
const companyAfter = /^\.?,?\s*(?:Ltd|Limited|Inc|LLC|KG|KGaA|Corp|Kg|L\.P)\b/;

/** An element symbol with an optional leading amount (`6Al`, `25%Ni`, `N`), as a part of an alloy. */
function alloyElement(part: string): string | null {
  const bare = part.replace(/^\d+(?:\.\d+)?\s?(?:wt\.?\s?|at\.?\s?)?%?\s?/, '');
  return isElementSymbol(bare) && !syntheticElements.has(bare) ? bare : null;
}

/**
 * Element parts joined by dashes name an alloy or a system ("Al-Cu", "Ti-6Al-4V", "Ti-Al-N") when one
 * part is a non-gaseous element written with two letters or an amount; "C-H" and "I-V" are not.
 */
function isAlloy(parts: readonly string[]): boolean {
  const elements = parts.map(alloyElement);
  if (elements.some((element) => element === null)) return false;
  return elements.some(
    (element, index) =>
      !gaseousElements.has(element as string) &&
      ((element as string).length === 2 || /^\d/.test(parts[index] as string)),
  );
}

// Words after an "X-Y" pair that make it a bond, a curve or a diagram rather than an alloy.
const notAlloyAfter =
  /^\s*(?:bonds?|bonding|stretching|bending|vibrations?|groups?|linkages?|curves?|loops?|characteristics|plots?|diagrams?|distances?|interactions?|coordination|pairs?|dimers?|junctions?|interfaces?|ratios?|systems?|phase diagram)\b/i;

// Parenthesised groups may hold commas: "(Ti,Al)N".
const runPattern = /(?:\([^\s()]*\)|[^\s,;"“”])+/gu;
const trailing = /[.,;:!?'’"”]+$/u;

function runsOf(text: string, start: number, end: number): Run[] {
  const runs: Run[] = [];
  const slice = text.slice(start, end);
  for (const match of slice.matchAll(runPattern)) {
    const raw = match[0];
    if (plainWord.test(raw)) {
      // Lower-case letters and digits: nothing to trim and never chemistry (no capital, no symbol).
      const runStart = start + (match.index ?? 0);
      runs.push({ start: runStart, end: runStart + raw.length, text: raw, kind: null, parts: noParts });
      continue;
    }
    const trimmed = trimmedRun(raw);
    if (trimmed === null) continue;
    const runStart = start + (match.index ?? 0) + trimmed.offset;
    runs.push({
      start: runStart,
      end: runStart + trimmed.text.length,
      text: trimmed.text,
      kind: trimmed.kind,
      parts: trimmed.parts,
    });
  }
  return runs;
}

interface TrimmedRun {
  offset: number;
  text: string;
  kind: ChemistryKind | null;
  parts: readonly Readonly<RelativePart>[];
}

const plainWord = /^[a-z\d]+$/;

/**
 * A run without its punctuation (its text and where it starts in the raw match) and what it is, or
 * null if nothing is left: one cached look-up per run, since the same words recur all the time.
 */
const trimmedRun = boundedMemo((raw: string): Readonly<TrimmedRun> | null => {
  const text = trimmedText(raw);
  if (text === null) return null;
  const kind = classifyText(text.text);
  return Object.freeze({ ...text, kind, parts: kind === null ? partsOf(text.text) : noParts });
});

const noParts: readonly Readonly<RelativePart>[] = Object.freeze([]);

function trimmedText(raw: string): { offset: number; text: string } | null {
  if (raw === ':') return { offset: 0, text: raw };
  let runText = raw.replace(trailing, '');
  let offset = 0;
  // Unbalanced brackets belong to the surrounding text: "(TiO2)" or "TiO2)".
  while (
    /^[([]/.test(runText) &&
    count_(runText, '(') + count_(runText, '[') > count_(runText, ')') + count_(runText, ']')
  ) {
    runText = runText.slice(1);
    offset += 1;
  }
  while (
    /[)\]]$/.test(runText) &&
    count_(runText, ')') + count_(runText, ']') > count_(runText, '(') + count_(runText, '[')
  ) {
    runText = runText.slice(0, -1);
  }
  runText = runText.replace(trailing, '');
  // "(LiFePO4)": brackets around the whole run are punctuation.
  if (/^[([]/.test(runText) && closingIndex(runText) === runText.length - 1) {
    runText = runText.slice(1, -1);
    offset += 1;
  }
  return runText === '' ? null : { offset, text: runText };
}

/** Index of the bracket closing the one at position 0. */
function closingIndex(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(' || text[i] === '[') depth++;
    else if (text[i] === ')' || text[i] === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function count_(text: string, character: string): number {
  let total = 0;
  for (const c of text) if (c === character) total++;
  return total;
}

const dash = /^[-–—−]$/u;

// A doping host may be an acronym of a named crystal ("LuAG:Ce", "YAG:Nd") as well as a formula.
const hostShape = /^[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$/;

function isDopant(token: string): boolean {
  const bare = token.replace(/\d*[+-]$/, '');
  return isFormulaToken(bare) || (isElementSymbol(bare) && !syntheticElements.has(bare));
}

function classifyText(text: string): ChemistryKind | null {
  if (isFormulaToken(text)) return 'formula';
  if (isElementToken(text)) return 'element';
  const doped = text.split(':');
  if (doped.length >= 2 && (isChemical(doped[0] as string) || hostShape.test(doped[0] as string))) {
    if (doped.slice(1).every(isDopant)) return 'doped';
  }
  const parts = text.split(/[-–—−]/u);
  if (parts.length >= 2 && isAlloy(parts)) return 'alloy';
  if (
    /^[A-Z]{2,5}\d{0,4}[A-Z]?(?:[-/][A-Z]{1,3}\d{1,3}){1,2}$/.test(text) &&
    /(?:GF|CF|GB|MD|MF|T|TD|M|FR|CD|K)\d/.test(text)
  ) {
    return 'grade';
  }
  return null;
}

/** Parts of a run such as "ZnO-based", "CrN-Ag" or "Ag/AgCl" that are formulas or elements on their own. */
function chemicalParts(run: Run): { start: number; end: number; kind: ChemistryKind }[] {
  return run.parts.map((part) => ({
    start: run.start + part.start,
    end: run.start + part.end,
    kind: part.kind,
  }));
}

/** The chemical parts of a run's text, offsets relative to it. */
function partsOf(text: string): readonly Readonly<RelativePart>[] {
  const parts: RelativePart[] = [];
  for (const match of text.matchAll(/[^-–—−/]+/gu)) {
    const part = match[0];
    const kind = isFormulaToken(part) ? 'formula' : isElementToken(part) ? 'element' : null;
    if (!kind) continue;
    const at = match.index ?? 0;
    parts.push(Object.freeze({ start: at, end: at + part.length, kind }));
  }
  return parts.length === 0 ? noParts : Object.freeze(parts);
}

const listJoiner = /^(?:,|and|or|\/|\+|&)$/;

/**
 * One-letter symbols (`C`, `B`, `V`, `W`) are too ambiguous alone (units, labels, panels); they count
 * in a list that also names a two-letter element or a formula: "Ti, Al, V and C".
 */
function licenseListedLetters(runs: readonly Run[], kinds: (ChemistryKind | null)[]): void {
  const letter = (index: number) => {
    const text = runs[index]?.text ?? '';
    return /^[A-Z]$/.test(text) && text !== 'I' && isElementSymbol(text);
  };
  const chemical = (index: number) => kinds[index] === 'element' || kinds[index] === 'formula';
  let index = 0;
  while (index < runs.length) {
    if (!letter(index) && !chemical(index)) {
      index++;
      continue;
    }
    // A chain of letters and chemicals separated by single list words (commas are not runs).
    let last = index;
    while (last + 1 < runs.length) {
      const gapText = (runs[last + 1] as Run).text;
      if (letter(last + 1) || chemical(last + 1)) last += 1;
      else if (listJoiner.test(gapText) && (letter(last + 2) || chemical(last + 2))) last += 2;
      else break;
    }
    let hasChemical = false;
    for (let k = index; k <= last; k++) if (chemical(k)) hasChemical = true;
    if (hasChemical) {
      for (let k = index; k <= last; k++) if (letter(k) && !chemical(k)) kinds[k] = 'element';
    }
    index = last + 1;
  }
}

function isChemical(token: string): boolean {
  return isFormulaToken(token) || (isElementSymbol(token) && !gaseousElements.has(token));
}

/** Element, formula, alloy, doped and grade runs; spaced joins ("Ag – Cu", "ZnO : N"); nomenclature names. */
export function findChemistrySpans(text: string, start = 0, end = text.length): ChemistrySpan[] {
  if (!mayHoldNotation(text.slice(start, end))) return findCompoundNames(text, start, end);
  const runs = runsOf(text, start, end);
  const kinds = runs.map((run) => run.kind);
  licenseListedLetters(runs, kinds);
  const spans: ChemistrySpan[] = [];
  const push = (from: number, to: number, kind: ChemistryKind) =>
    spans.push({ start: from, end: to, surface: text.slice(from, to), kind });
  let i = 0;
  while (i < runs.length) {
    const run = runs[i] as Run;
    const kind = kinds[i];
    // Tokenised text writes "U – Zr" and "OZn : N": join over a lone dash or colon.
    const alloyEnd = spacedAlloyEnd(runs, i);
    if (alloyEnd > i) {
      const last = runs[alloyEnd] as Run;
      if (!notAlloyAfter.test(text.slice(last.end, end))) push(run.start, last.end, 'alloy');
      i = alloyEnd + 1;
      continue;
    }
    if (kind === 'alloy' && notAlloyAfter.test(text.slice(run.end, end))) {
      i++;
      continue;
    }
    if (
      kind === 'formula' ||
      kind === 'element' ||
      kind === 'doped' ||
      (kind === null && hostShape.test(run.text))
    ) {
      let j = i;
      while (j + 2 < runs.length && (runs[j + 1] as Run).text === ':' && isDopant((runs[j + 2] as Run).text))
        j += 2;
      if (j > i) {
        push(run.start, (runs[j] as Run).end, 'doped');
        i = j + 1;
        continue;
      }
    }
    if (kind) push(run.start, run.end, kind);
    else for (const part of chemicalParts(run)) push(part.start, part.end, part.kind);
    i++;
  }
  return [
    ...spans.filter((span) => !isCompanyAbbreviation(text, span) && !isBracketedAbbreviation(text, span)),
    ...findCompoundNames(text, start, end),
  ];
}

/**
 * Whether a span may hold notation (a formula, element, alloy, doped material or grade), screened
 * before splitting it into runs. In plain ASCII, each such span needs a word (maximal letters and
 * digits) with a capital letter that is not inert (see `isInertWord`): a sentence whose capitals are
 * all in inert words ("The", "FIG", "A") has none, though it may still name a compound.
 */
function mayHoldNotation(slice: string): boolean {
  if (beyondPlainAscii.test(slice)) return true;
  capital.lastIndex = 0;
  for (let match = capital.exec(slice); match; match = capital.exec(slice)) {
    let first = match.index;
    while (first > 0 && isAlphanumeric(slice.charCodeAt(first - 1))) first--;
    let last = match.index + 1;
    while (last < slice.length && isAlphanumeric(slice.charCodeAt(last))) last++;
    if (!isInertWord(slice.slice(first, last))) return true;
    capital.lastIndex = last;
  }
  return false;
}

const capital = /[A-Z]/g;

/**
 * A word of letters that no notation can contain: it is no element symbol (so no element, alloy part
 * or dopant), has no digits (grades and amounts have them), and no formula can take it in, because
 * one of its capitals reads as no element (`symbolsOf` fails: "FIG", "DNA", "A") or because it is a
 * capital with a lower-case tail longer than a symbol's letter and a count ("The", "Example"). A host
 * shape ("FIG" before ":") needs a dopant after it, which is no inert word.
 */
const isInertWord = boundedMemo(
  (word: string): boolean =>
    /^[A-Za-z]+$/.test(word) &&
    !isElementSymbol(word) &&
    (symbolsOf(word) === null || /^[A-Z](?:[a-z][a-w]|[a-z]{3,})$/.test(word)),
);

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The index of the last run of a spaced alloy starting at `first` ("U – Zr – N"), or `first` if none. */
function spacedAlloyEnd(runs: readonly Run[], first: number): number {
  const parts = [(runs[first] as Run).text];
  let last = first;
  while (
    last + 2 < runs.length &&
    dash.test((runs[last + 1] as Run).text) &&
    alloyElement((runs[last + 2] as Run).text)
  ) {
    parts.push((runs[last + 2] as Run).text);
    last += 2;
  }
  return last > first && isAlloy(parts) ? last : first;
}

/** "remanent polarization (Pr)": a symbol in brackets after an ordinary word abbreviates that word. */
function isBracketedAbbreviation(text: string, span: ChemistrySpan): boolean {
  if (span.kind !== 'element') return false;
  const before = /([\p{L}]+)\s*\(\s*$/u.exec(text.slice(Math.max(0, span.start - 40), span.start));
  if (!before || !/^\s*\)/.test(text.slice(span.end, span.end + 3))) return false;
  return !elementSymbolByName.has((before[1] as string).toLowerCase());
}

function isCompanyAbbreviation(text: string, span: ChemistrySpan): boolean {
  if (span.kind !== 'element') return false;
  return (
    companyAfter.test(text.slice(span.end, span.end + 12)) ||
    /&\s*$/.test(text.slice(Math.max(0, span.start - 3), span.start))
  );
}

const wordPattern = /[\p{L}]+(?:\([IVX]+\))?/gu;

// Outside plain ASCII, normalisation may make new letters: only plain ASCII text is screened.
const beyondPlainAscii = /[^\t\n\r\x20-\x7e]/;
// Every anion word ends in -ide, -ate or -ite (plural, or before "(III)").
const anionEnding = /(?:id|at|it)es?(?![A-Za-z])/i;
// A cation word as written: an element name (or its British spelling) or an old cation adjective.
const cationName = new RegExp(
  `(?<![A-Za-z])(?:${[...elementSymbolByName.keys(), 'aluminium', 'caesium', 'sulphur'].join('|')}|${cationAdjective.source.replace(/^\^|\$$/g, '')})(?![A-Za-z])`,
  'i',
);

/**
 * Whether a span may hold a compound name, screened before splitting it into words: plain ASCII
 * text needs a word ending like an anion and a word that is an element name or a cation adjective.
 */
function mayNameCompound(slice: string): boolean {
  return beyondPlainAscii.test(slice) || (anionEnding.test(slice) && cationName.test(slice));
}

/** "zinc oxide", "lithium iron phosphate", "ferric chloride", "barium titanate". */
function findCompoundNames(text: string, start: number, end: number): ChemistrySpan[] {
  if (!mayNameCompound(text.slice(start, end))) return [];
  const words = [...text.slice(start, end).matchAll(wordPattern)].map((match) => ({
    start: start + (match.index ?? 0),
    end: start + (match.index ?? 0) + match[0].length,
    lower: compoundWord(match[0]),
  }));
  const spans: ChemistrySpan[] = [];
  let i = 0;
  while (i < words.length) {
    let j = i;
    while (j < words.length && isCationWord((words[j] as { lower: string }).lower)) j++;
    if (j === i) {
      i++;
      continue;
    }
    let k = j;
    while (k < words.length && anionWord.test((words[k] as { lower: string }).lower)) k++;
    if (k > j && adjacent(text, words, i, k)) {
      const first = words[i] as { start: number };
      const last = words[k - 1] as { end: number };
      spans.push({
        start: first.start,
        end: last.end,
        surface: text.slice(first.start, last.end),
        kind: 'compound-name',
      });
      i = k;
    } else {
      i = j;
    }
  }
  return spans;
}

/** A word of a compound name in key form: "Ferric" → "ferric", "Sulphate" → "sulfate", "iron(III)" → "iron". */
const compoundWord = boundedMemo((word: string) =>
  americanize(
    normalizeCharacters(word)
      .toLowerCase()
      .replace(/\(.*\)$/, ''),
  ),
);

function isCationWord(word: string): boolean {
  return elementSymbolByName.has(word) || cationAdjective.test(word);
}

/** Words of a name are separated only by spaces or hyphens. */
function adjacent(text: string, words: { start: number; end: number }[], from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) {
    const gap = text.slice(
      (words[index - 1] as { end: number }).end,
      (words[index] as { start: number }).start,
    );
    if (!/^[\s-]+$/.test(gap)) return false;
  }
  return true;
}
