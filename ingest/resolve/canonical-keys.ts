import type { EntityLabel } from '../../graph/index.ts';
import { boundedMemo } from './bounded-memo.ts';

/**
 * Canonical keys: the normalised form of a name that decides which entity it denotes. Keys are
 * compared, never shown; ids are `<prefix>:<slug>` built from a lexicon id or from a key.
 */

const greekLetters: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  θ: 'theta',
  λ: 'lambda',
  μ: 'mu',
  µ: 'mu',
  π: 'pi',
  σ: 'sigma',
  ω: 'omega',
};

const elementSymbols = new Set(
  (
    'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr ' +
    'Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb ' +
    'Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf ' +
    'Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og'
  ).split(' '),
);

/** Whether `symbol` is a chemical element symbol (case-exact: `Co` yes, `CO` no). */
export function isElementSymbol(symbol: string): boolean {
  return elementSymbols.has(symbol);
}

/** NFKC (subscript digits become digits, `℃` becomes `°C`), Greek letters spelled out, dashes unified. */
export function normalizeCharacters(text: string): string {
  // Plain ASCII is unchanged by all three steps, and most words and surfaces are plain ASCII.
  if (isAscii(text)) return text;
  return text.length <= 64 ? normalizeShort(text) : normalizeAny(text);
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

function normalizeAny(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[αβγδεθλμµπσω]/g, (letter) => greekLetters[letter] ?? letter)
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

const normalizeShort = boundedMemo(normalizeAny);

const invariantWords = new Set([
  'lens',
  'gas',
  'bus',
  'glass',
  'mass',
  'biomass',
  'chassis',
  'series',
  'species',
  'plus',
  'canvas',
  'atlas',
  'analysis',
  'synthesis',
  'diagnosis',
  'news',
  'aids',
  'always',
]);

const irregularPlurals: Record<string, string> = {
  lenses: 'lens',
  gases: 'gas',
  buses: 'bus',
  indices: 'index',
  matrices: 'matrix',
  vertices: 'vertex',
  analyses: 'analysis',
  syntheses: 'synthesis',
  apparatuses: 'apparatus',
  media: 'medium',
  criteria: 'criterion',
};

/** The singular of one lower-case English word (deliberately conservative: unknown shapes stay as they are). */
export function singularize(word: string): string {
  if (word.length <= 3) return word;
  // Only words ending in "s" and the irregular plurals change (a cheap test before the cache).
  if (word.charCodeAt(word.length - 1) !== 115 && !irregularPlurals[word]) return word;
  return knownSingulars(word);
}

const knownSingulars = boundedMemo(singularOf);

function singularOf(word: string): string {
  if (word.length <= 3 || invariantWords.has(word)) return word;
  const irregular = irregularPlurals[word];
  if (irregular) return irregular;
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh|zz)es$/.test(word)) return word.slice(0, -2);
  if (/(ss|us|is|ics|ous|'s)$/.test(word)) return word;
  if (/[a-z]s$/.test(word)) return word.slice(0, -1);
  return word;
}

const organizationSuffixes = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'gmbh',
  'ag',
  'sa',
  'llc',
  'kk',
  'plc',
  'se',
  'nv',
  'bv',
  'spa',
  'kgaa',
  'holdings',
  'group',
  'kabushiki',
  'kaisha',
]);

/** Lower-case words of an organisation name without legal-form suffixes ("Mitsui Chemicals, Inc." → mitsui chemicals). */
export function organizationKey(name: string): string {
  const words = normalizeCharacters(name)
    .toLowerCase()
    // "S.A.", "K.K." and "Co." lose their dots so that they compare as one word.
    .replace(/\b([a-z])\.([a-z])\.?(?=\s|,|$)/g, '$1$2')
    .split(/[^\p{L}\p{N}&]+/u)
    .filter((word) => word !== '');
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1) {
    const last = words[words.length - 1] as string;
    if (organizationSuffixes.has(last) || last === '&' || last === 'and') words.pop();
    else break;
  }
  return words.join(' ');
}

/** The element counts of a simple formula, or null when `text` is not a formula of valid element symbols. */
export interface ParsedFormula {
  /** Element symbols with their counts, in written order (repeated symbols summed). */
  counts: Map<string, number>;
  /** True when the formula has groups, decimals or a hydrate dot (then element order is kept as written). */
  complex: boolean;
  /** Number of element occurrences as written. */
  occurrences: number;
  /** Whether any count digit was written. */
  hasDigits: boolean;
}

/** Parses formulas such as `LiFePO4`, `LiFePO₄`, `Al2O3`, `Ca(OH)2`, `LiNi0.8Co0.1Mn0.1O2`. */
export function parseFormula(text: string): ParsedFormula | null {
  const source = normalizeCharacters(text).trim();
  if (source === '' || !/^[A-Z([]/.test(source)) return null;
  const counts = new Map<string, number>();
  let complex = false;
  let occurrences = 0;
  let hasDigits = false;
  const stack: Map<string, number>[] = [];
  let current = new Map<string, number>();
  let index = 0;
  const readCount = (): number | null => {
    const match = /^(\d{1,3}(?:\.\d+)?)/.exec(source.slice(index));
    if (!match) return null;
    const digits = match[1] as string;
    if (digits.length > 1 && digits.startsWith('0') && !digits.startsWith('0.')) return Number.NaN;
    index += digits.length;
    hasDigits = true;
    if (digits.includes('.')) complex = true;
    return Number(digits);
  };
  const add = (target: Map<string, number>, symbol: string, count: number) => {
    target.set(symbol, (target.get(symbol) ?? 0) + count);
  };
  while (index < source.length) {
    const character = source[index] as string;
    if (character === '(' || character === '[') {
      complex = true;
      stack.push(current);
      current = new Map();
      index += 1;
      continue;
    }
    if (character === ')' || character === ']') {
      const outer = stack.pop();
      if (!outer) return null;
      index += 1;
      const count = readCount();
      if (count !== null && Number.isNaN(count)) return null;
      for (const [symbol, value] of current) add(outer, symbol, value * (count ?? 1));
      current = outer;
      continue;
    }
    const element = /^[A-Z][a-z]?/.exec(source.slice(index));
    if (!element) return null;
    let symbol = element[0];
    if (!elementSymbols.has(symbol)) {
      symbol = symbol[0] as string;
      if (!elementSymbols.has(symbol)) return null;
    }
    index += symbol.length;
    occurrences += 1;
    const count = readCount();
    if (count !== null && (Number.isNaN(count) || count === 0)) return null;
    add(current, symbol, count ?? 1);
  }
  if (stack.length > 0) return null;
  for (const [symbol, value] of current) add(counts, symbol, value);
  return { counts, complex, occurrences, hasDigits };
}

/** Hill order: carbon, hydrogen, then alphabetical (alphabetical throughout when there is no carbon). */
function hillOrder(symbols: string[]): string[] {
  const sorted = [...symbols].sort();
  if (!symbols.includes('C')) return sorted;
  return ['C', ...(symbols.includes('H') ? ['H'] : []), ...sorted.filter((s) => s !== 'C' && s !== 'H')];
}

/**
 * A formula in canonical form: subscripts as digits and, for simple formulas, elements in Hill order
 * (`LiFePO₄` and `FeLiPO4` → `FeLiO4P`). Complex formulas keep their written order. Null if not a formula.
 */
export function normalizeFormula(text: string): string | null {
  const parsed = parseFormula(text);
  if (!parsed) return null;
  if (parsed.complex) return normalizeCharacters(text).replace(/\s+/g, '');
  return hillOrder([...parsed.counts.keys()])
    .map((symbol) => {
      const count = parsed.counts.get(symbol) ?? 1;
      return count === 1 ? symbol : `${symbol}${count}`;
    })
    .join('');
}

/**
 * Whether a material surface should be treated as a formula: it parses, names at least two element
 * occurrences and has a digit or a lower-case letter (so acronyms such as `PVC` or `PS` are not formulas).
 */
export function looksLikeFormula(surface: string): boolean {
  const trimmed = normalizeCharacters(surface).trim();
  if (!/^[A-Z([][A-Za-z0-9().[\]]*$/.test(trimmed)) return false;
  if (!/[a-z0-9]/.test(trimmed)) return false;
  const parsed = parseFormula(trimmed);
  return parsed !== null && parsed.occurrences >= 2;
}

/** Lower-case words separated by single spaces; the last word singular (not for organisations). */
export function canonicalKey(label: EntityLabel, surface: string): string {
  if (label === 'Organization') return organizationKey(surface);
  const words = normalizeCharacters(surface)
    .toLowerCase()
    .replace(/'s\b/g, 's')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  if (words.length > 0) {
    const last = words.length - 1;
    words[last] = singularize(words[last] as string);
  }
  return words.join(' ');
}

/** A key without any separators, so "poly ethylene", "poly(ethylene)" and "polyethylene" meet. */
export function compactKey(key: string): string {
  return key.replace(/\s+/g, '');
}

/** Kebab-case slug of a key (ASCII letters and digits only). */
export function slugify(text: string): string {
  return normalizeCharacters(text)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const labelPrefixes: Record<EntityLabel, string> = {
  Material: 'material',
  Application: 'application',
  Property: 'property',
  Organization: 'org',
};

/** The id prefix of a label (`material`, `application`, `property`, `org`). */
export function entityIdPrefix(label: EntityLabel): string {
  return labelPrefixes[label];
}

/** `<prefix>:<slug>` for a label and a lexicon id or key. */
export function entityId(label: EntityLabel, idOrKey: string): string {
  return `${labelPrefixes[label]}:${slugify(idOrKey) || 'unnamed'}`;
}

/** The id of a formula material: elements of the canonical formula joined by hyphens (`material:fe-li-o4-p`). */
export function formulaEntityId(formula: string): string {
  const parts = formula.match(/[A-Z][a-z]?[\d.]*|[()[\]][\d.]*/g) ?? [formula];
  return `material:${slugify(parts.join('-'))}`;
}
