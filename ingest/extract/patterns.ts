import { boundedMemo } from '../resolve/bounded-memo.ts';
import { looksLikeFormula, normalizeFormula } from '../resolve/canonical-keys.ts';

/**
 * Patterns beyond the lexicon: chemical formulas, polymer names, organisation names with a legal
 * suffix, property values with units, and the relation cues that connect two mentions of a sentence.
 * Every function works on offsets into the document text.
 */

/** A span found by a pattern. */
export interface PatternHit {
  start: number;
  end: number;
  surface: string;
  kind: 'formula' | 'polymer' | 'organization';
  /** Canonical formula for `formula` hits. */
  formula?: string;
}

/** A mention-like span used by the relation cues. */
export interface Span {
  start: number;
  end: number;
}

function hit(text: string, start: number, end: number, kind: PatternHit['kind']): PatternHit {
  return { start, end, surface: text.slice(start, end), kind };
}

function* matchesIn(pattern: RegExp, text: string, start: number, end: number): Generator<RegExpExecArray> {
  // A global pattern is used as it is (no copy per sentence): no caller nests two scans of one pattern.
  const regex = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  regex.lastIndex = 0;
  const slice = text.slice(start, end);
  for (let match = regex.exec(slice); match; match = regex.exec(slice)) {
    if (match[0] === '') {
      regex.lastIndex++;
      continue;
    }
    yield Object.assign(match, { index: match.index + start });
  }
}

// Candidate formulas: a capital letter or bracket, then letters, digits (also subscript) and brackets.
const formulaCandidate =
  /(?<![\p{L}\p{N}-])[A-Z([][A-Za-z0-9\u2080-\u2089().[\]]*[A-Za-z0-9\u2080-\u2089)\]](?![\p{L}\p{N}])/gu;

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

/** Chemical formulas of valid element symbols with at least two elements and a count (TiO2, LiFePO₄, Al2O3). */
export function findFormulas(text: string, start = 0, end = text.length): PatternHit[] {
  const hits: PatternHit[] = [];
  for (const match of matchesIn(formulaCandidate, text, start, end)) {
    const found = formulaIn(match[0]);
    if (!found) continue;
    const offset = match.index + found.offset;
    hits.push({ ...hit(text, offset, offset + found.surface.length, 'formula'), formula: found.formula });
  }
  return hits;
}

/** The formula of a candidate (its brackets trimmed, `offset` into it), or null if it is none. */
const formulaIn = boundedMemo(
  (candidate: string): Readonly<{ offset: number; surface: string; formula: string }> | null => {
    let surface = candidate;
    // Drop an unbalanced closing bracket taken from the surrounding text: "(TiO2)".
    while (
      /[)\]]$/.test(surface) &&
      (surface.match(/[([]/g)?.length ?? 0) < (surface.match(/[)\]]/g)?.length ?? 0)
    ) {
      surface = surface.slice(0, -1);
    }
    let offset = 0;
    while (
      /^[([]/.test(surface) &&
      (surface.match(/[([]/g)?.length ?? 0) > (surface.match(/[)\]]/g)?.length ?? 0)
    ) {
      surface = surface.slice(1);
      offset += 1;
    }
    // "(LiNi0.8Co0.1Mn0.1O2)": brackets around the whole formula are punctuation.
    if (/^[([]/.test(surface) && closingIndex(surface) === surface.length - 1) {
      surface = surface.slice(1, -1);
      offset += 1;
    }
    if (!/[0-9\u2080-\u2089]/.test(surface) || !looksLikeFormula(surface)) return null;
    const formula = normalizeFormula(surface);
    if (!formula || new Set(formula.match(/[A-Z][a-z]?/g) ?? []).size < 2) return null;
    return Object.freeze({ offset, surface, formula });
  },
);

// Words that start with "poly" but do not name a polymer.
const notPolymers =
  /^poly(mer|meri[sz]|meric|meris|gon|nom|crystal|disper|morph|function|valent|hedr|line|chromat|genic|graph|clinic|glot|math|phon|syllab|ester$|amide$|olefin$|urethane$|ol$|ols$|saccharide|peptide|nucleotide|merase|ps$|p$|cyclic|phase|sorbate|ethylenic|vinyl$|carbonate$)/i;

/** Polymer names: `poly(…)`, `poly<word>`, hyphenated monomer copolymers and `X-based polymer`. */
export function findPolymerNames(text: string, start = 0, end = text.length): PatternHit[] {
  const hits: PatternHit[] = [];
  // The first three patterns need "poly" and the last "-based": most sentences have neither.
  const slice = text.slice(start, end);
  const poly = /poly/iu.test(slice);
  const based = /-based/iu.test(slice);
  if (!poly && !based) return hits;
  if (poly) {
    for (const match of matchesIn(polyBrackets, text, start, end)) {
      hits.push(hit(text, match.index, match.index + match[0].length, 'polymer'));
    }
    for (const match of matchesIn(polyWord, text, start, end)) {
      if (notPolymers.test(match[0])) continue;
      hits.push(hit(text, match.index, match.index + match[0].length, 'polymer'));
    }
    for (const match of matchesIn(copolymer, text, start, end)) {
      hits.push(hit(text, match.index, match.index + match[0].length, 'polymer'));
    }
  }
  if (based) {
    for (const match of matchesIn(basedPolymer, text, start, end)) {
      hits.push(hit(text, match.index, match.index + match[0].length, 'polymer'));
    }
  }
  return hits;
}

const polyBrackets = /(?<![\p{L}\p{N}])poly\((?:[^()]|\([^()]*\)){2,80}\)/giu;
const polyWord = /(?<![\p{L}\p{N}\-(])poly[a-z]{4,}(?![\p{L}\p{N}(])/giu;
const copolymer =
  /(?<![\p{L}\p{N}-])(?:\p{L}[\p{L}\p{N},']*)(?:\s?[-/\u2013]\s?\p{L}[\p{L}\p{N},']*){1,4}\s+(?:(?:block|random|graft|alternating)\s+)?co-?polymers?(?![\p{L}])/giu;
const basedPolymer =
  /(?<![\p{L}\p{N}-])\p{L}[\p{L}\p{N}-]{2,}-based\s+(?:co)?(?:polymers?|resins?|elastomers?)(?![\p{L}])/giu;

const organizationPattern =
  /(?<![\p{L}\p{N}])((?:[A-Z][\p{L}\p{N}&'.-]*\s+){0,4}[A-Z][\p{L}\p{N}&'-]*),?\s+(?:Co\.,?\s*Ltd\.?|Inc\.?|Corp\.?|Corporation|Ltd\.?|Limited|GmbH|AG|S\.A\.|LLC|K\.K\.|plc|PLC|SE|N\.V\.|B\.V\.|S\.p\.A\.)(?![\p{L}\p{N}])/gu;
// Every legal form of `organizationPattern` contains one of these ("Co., Ltd." and "Corporation" too).
const legalFormWord = /Ltd|Inc|Corp|Limited|GmbH|AG|S\.A\.|LLC|K\.K\.|plc|PLC|SE|N\.V\.|B\.V\.|S\.p\.A\./;
const leadingWords = /^(?:(?:About|The|A|An|And|By|From|Of|In|At|With|To|For|Between|Said|Both|Its)\s+)+/;

/** Organisation names followed by a legal-form suffix ("Prime Polymer Co., Ltd.", "Borealis AG"). */
export function findOrganizationNames(text: string, start = 0, end = text.length): PatternHit[] {
  const hits: PatternHit[] = [];
  if (!legalFormWord.test(text.slice(start, end))) return hits;
  for (const match of matchesIn(organizationPattern, text, start, end)) {
    const lead = leadingWords.exec(match[0])?.[0].length ?? 0;
    let surface = match[0].slice(lead);
    if (surface.endsWith('.') && !/(Inc|Corp|Ltd|Co|S\.A|K\.K|N\.V|B\.V|S\.p\.A)\.$/.test(surface)) {
      surface = surface.slice(0, -1);
    }
    const name = surface.replace(/,?\s+\S+$/, '');
    if (!/\p{Ll}|[A-Z]{2,}/u.test(name) || name.length < 2) continue;
    hits.push(hit(text, match.index + lead, match.index + lead + surface.length, 'organization'));
  }
  return hits;
}

/** A property value found after a property mention. */
export interface PropertyValue {
  value: number;
  unit?: string;
  start: number;
  end: number;
}

const unitPattern =
  '°\\s?C|℃|°\\s?F|mPa[·.\\s]?s|Pa[·.\\s]?s|MPa|GPa|kPa|Pa|kJ/m[2²]|J/m|N/\\d+\\s?mm|N/mm|N/cm|mN|kN|N|' +
  'g/10\\s?min|g/cm[3³]|g/cc|kg/m[3³]|W/\\(?m[·.\\s]?K\\)?|W/mK|mS/cm|S/cm|S/m|Ω[·.\\s]?cm|ohm[·.\\s-]?cm|' +
  'ppm/K|ppm/°C|ppm|dB|GHz|MHz|kV/mm|nm|µm|μm|mm|Wh/kg|mAh/g|sec/100\\s?(?:cc|mL|ml)|s/100\\s?(?:cc|mL|ml)|' +
  'cc/m[2²]|g/m[2²]|wt\\s?%|%|K(?![\\p{L}])';
const numberPattern = '[-−]?\\d+(?:[.,]\\d+)?';
const valuePattern = new RegExp(
  `^[^\\d.;!?]{0,45}?(${numberPattern})(?:\\s*(?:to|-|–|~|and)\\s*(?:${numberPattern}))?\\s*(${unitPattern})?`,
  'u',
);

function parseNumber(text: string): number {
  const clean = text.replace('−', '-');
  if (/,\d{3}$/.test(clean)) return Number(clean.replace(',', ''));
  return Number(clean.replace(',', '.'));
}

function normalizeUnit(unit: string): string {
  const compact = unit.replace(/\s+/g, '');
  if (compact === '℃' || compact === '°C') return '°C';
  if (compact === '°F') return '°F';
  return compact.replace('²', '2').replace('³', '3').replace('μ', 'µ');
}

/**
 * The value stated right after a property mention, e.g. "tensile strength of 35 MPa", "Tg of 140 °C",
 * "light transmittance of 91%". A value without a unit is accepted only when `unitless` is true.
 */
export function findPropertyValue(
  text: string,
  property: Span,
  sentenceEnd: number,
  unitless = false,
): PropertyValue | null {
  const after = text.slice(property.end, Math.min(sentenceEnd, property.end + 90));
  const match = valuePattern.exec(after);
  if (!match) return null;
  const numberText = match[1] as string;
  const unit = match[2];
  // Claim or figure references ("of claim 1", "in FIG. 2") are not values.
  const filler = after.slice(0, match.index + match[0].indexOf(numberText));
  if (/\b(claims?|fig|figs|figure|examples?|tables?|formula|no|step|items?)\b\.?\s*$/i.test(filler))
    return null;
  if (!unit && !unitless) return null;
  const value = parseNumber(numberText);
  if (!Number.isFinite(value)) return null;
  const end = property.end + match.index + match[0].length;
  const result: PropertyValue = { value, start: property.end + match.index, end };
  if (unit) result.unit = normalizeUnit(unit);
  return result;
}

const qualifierBefore =
  /\b(?:high|higher|highest|excellent|superior|good|improved|enhanced|outstanding|low|lower|lowest|reduced|great|greater|increased|sufficient|remarkable|exceptional|better|best|favorable|favourable|extremely|very|ultra|ultra-low|ultra-high)\b[\s,-]*(?:[\p{L}-]+[\s,]+){0,3}$/iu;
const adjectivalSurface = /(?:ible|able|ent|ant|ic|ial|ing|weight|ive)$/i;

/** Whether a property mention is qualified as an asserted quality ("excellent heat resistance", "transparent"). */
export function isQualifiedProperty(text: string, property: Span, sentenceStart: number): boolean {
  const surface = text.slice(property.start, property.end);
  if (adjectivalSurface.test(surface)) return true;
  const before = text.slice(Math.max(sentenceStart, property.start - 45), property.start);
  return qualifierBefore.test(before);
}

/** How a material and an application of one sentence are connected. */
export interface UseCue {
  kind: 'claim' | 'use' | 'role' | 'compound' | 'apposition' | 'composition' | 'preposition' | 'cooccurrence';
  confidence: number;
  polarity: 'positive' | 'negative' | 'replaced' | 'tentative';
}

const useAfterMaterial =
  /\b(?:for use (?:in|as|with)|used (?:in|for|as|to)|uses? in|useful (?:in|for|as)|suitable (?:for|as|in)|suited (?:for|to|as)|applicable (?:to|for|in)|applied (?:to|in|for)|application (?:in|to|for)|applications (?:in|to|for|such as|including)|employed (?:in|as|for)|utili[sz]ed (?:in|for|as)|intended for|designed for|adopted (?:in|for|by)|incorporated (?:in|into)|for (?:making|producing|manufacturing|forming|fabricating)|in the (?:manufacture|production|fabrication) of|serves? as|acts? as|functions? as|ideal for|essential for|important (?:for|in)|crucial (?:for|in)|valuable (?:for|in)|(?:deposited|coated|applied|spread|laminated) (?:on|onto|upon|to)|fed (?:to|into)|into [^.;]{0,40}? for)\b/i;
// "graphite in battery anodes", "resins for automotive parts": a bare preposition right after the material.
const prepositionDirectly =
  /^\s*(?:X\s*(?:,|and|or)\s*)*(?:\(?[\p{L}\p{N}-]+\)?\s+){0,2}?(?:for|in|as|into)\s+(?:(?:the|a|an|use in|uses in|applications? in)\s+)?(?:[\p{L}-]+\s+){0,2}$/iu;
const compositionAfterApplication =
  /\b(?:compris(?:e|es|ed|ing)|includ(?:e|es|ed|ing)|contain(?:s|ed|ing)?|made (?:of|from|by|using|with)|formed (?:of|from|by|using|with)|produced (?:from|by|using|with)|manufactured (?:from|by|using|with)|molded (?:from|of)|moulded (?:from|of)|composed of|consist(?:s|ing)? (?:essentially )?of|based on|supported (?:on|by)|immobili[sz]ed (?:on|onto)|deposited (?:on|onto)|loaded (?:on|onto|with)|impregnated (?:on|into|with)|dispersed (?:on|in))\b/iu;
// Short links that say "made of" only next to the application: "films of polyethylene", "a tube with a PTFE liner".
const nearCompositionAfterApplication =
  /^\s*(?:\p{L}+\s+){0,2}(?:of|with|having|using|uses|employing)\s+(?:\p{L}+\s+){0,2}$|^[^.;,]{0,40}?\b(?:has|have|had)\s+(?:\p{L}+\s+){0,3}$/iu;
const claimPreamble = /^\s*(?:\d+\s*[.)]\s*)?(?:An?|The|One or more)\s/;
const claimTransition =
  /\b(?:compris(?:es|ing)|consist(?:s|ing)(?: essentially)? of|includ(?:es|ing)|having|made of|formed of|wherein)\b/i;
const negationBeforeMaterial =
  /\b(?:without|free of|free from|other than|excluding|no|not|non)\b[\s-]*(?:(?:a|an|the|any)\s+)?$/i;
// "instead of X", "replacing X", "X was replaced by": X is (or was) used, and no longer is.
const replacedBeforeMaterial =
  /\b(?:instead of|rather than|in place of|replac(?:e|es|ed|ing)|substitut(?:e|es|ed|ing) for|alternatives? to|phas(?:e|es|ed|ing) out)\b[\s-]*(?:(?:a|an|the|any|conventional|traditional)\s+)?$/i;
const replacedAfterMaterial =
  /^[^.;]{0,40}?\b(?:(?:is|are|was|were|has been|have been|being|be) (?:replaced|substituted|phased out|superseded)|gave way)\b/i;
const replacementBefore =
  /\b(?:replaced|substituted|superseded|displaced) (?:by|with)\s+(?:(?:a|an|the)\s+)?$/i;
const negationBetween =
  /\b(?:not (?:suitable|used|applicable|recommended|usable|appropriate|be used)|unsuitable|cannot be used|is not used|are not used|never used|unfit for|should not be used|poorly suited)\b/i;
// "As the cathode …, metals such as Al and Mg are used": the application is the role the list fills.
const roleBeforeApplication = /\b(?:as|for)\s+(?:the|a|an)\s+$/i;
const usedAfterRole =
  /\b(?:is|are|was|were|can be|may be|be) (?:used|employed|utili[sz]ed|preferred|suitable)\b/i;
// "graphite anode", "silicone pump tubing", "Ni-catalyst", "graphite-based foam", "silicone and TPE tubing".
const compoundBetween =
  /^(?:-?(?:based|containing|doped|coated|filled|reinforced|loaded|supported)?[\s-]*(?:(?!\p{Ll}+ing\s|(?:sensitive|resistant|tolerant|free|deficient|poor|rich|poisoned|intercalating)\s)\p{Ll}{2,}\s+){0,1})$/u;
const appositionBetween =
  /^\s*(?:\(|,)?\s*(?:such as|e\.g\.,?|for example,?|for instance,?|like|including|in particular|especially|namely|i\.e\.,?)\s+(?:X\s*(?:,|and|or|\/|as well as)?\s*)*(?:(?:a|an|the)\s+)?$/i;
// "the catalyst may be nickel", "the substrate is glass", "a solid lubricant, graphite of …".
const copulaBetween =
  /^\s*(?:\d+\s+)?(?:(?:is|are|was|were|may be|can be|could be|will be|being|preferably is|is preferably|is typically|is usually|are typically|are usually|may also be),?\s+(?:(?:a|an|the|made of|formed of|composed of)\s+)?|,\s*)$/i;

const maximumGap = 160;

/** Options of `classifyUse`: the other material mentions, so a list of them reads as one. */
export interface UseCueOptions {
  materials?: readonly Span[];
}

/** The text between two offsets with the given spans (other list members) blanked out as `X`. */
function blankOut(text: string, from: number, to: number, spans: readonly Span[]): string {
  let result = '';
  let position = from;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < from || span.end > to) continue;
    result += `${text.slice(position, span.start)}X`;
    position = span.end;
  }
  return result + text.slice(position, to);
}

/**
 * Whether a use phrase found between a material and an application links the two: no other material
 * (outside the material's own list) stands before the phrase, so the material is its subject, and no
 * new clause starts between the phrase and the application ("Mo and which also functions as a gate line
 * is formed on the insulating film" links Mo to the gate line, not to the film).
 */
function usePhraseLinks(listed: string, use: RegExpExecArray): boolean {
  // Other list members, and a material head the mention modifies ("geopolymer concrete is used in"),
  // belong to the subject.
  const before = listed.slice(0, use.index).replace(/^(?:\s*(?:,|and|or|\/|-)?\s*X)*/, '');
  if (before.length > 120 || /X/.test(before)) return false;
  const after = listed.slice(use.index + use[0].length);
  return !/[;:]|\b(?:is|are|was|were|has|have|had|which|while|whereas|wherein)\b/i.test(after);
}

/** Whether the text between a material and an application is only coordinated list members ("and TPE"). */
function isCompound(between: string): boolean {
  // An oxidation state ("palladium(0) catalyst") and coordinated members ("Ni-, or Ni—Cu, or Fe-based") belong to the material.
  const stripped = between
    .replace(/^\((?:0|[IVX]+|\d\+?)\)/, '')
    .replace(/(?:-?\s*(?:,\s*)?(?:,|and|or|&|\/)\s*X)+-?/g, '');
  return stripped.length <= 24 && compoundBetween.test(stripped);
}

/**
 * Classifies the link between a material mention and an application mention of the same sentence.
 * `claim` is a claim preamble ("A battery separator comprising a polyolefin"), `use` an explicit use
 * phrase ("X for use in Y", "X used in Y"), `role` a list filling an application's role ("as the
 * cathode, Al and Mg are used"), `compound` a noun compound ("graphite anode material", "silicone
 * tubing"), `apposition` an instance ("a catalyst such as Pd(PPh3)4"), `composition` "Y comprising/made
 * of X", `preposition` a bare "X for/in Y", else plain co-occurrence. Polarity: `negative` ("not
 * suitable for", "without X"), `replaced` ("instead of X", "X was replaced by"), else `positive`
 * (hedging is a property of the sentence, read by the caller).
 */
export function classifyUse(
  text: string,
  sentence: Span,
  material: Span,
  application: Span,
  inClaims: boolean,
  options: UseCueOptions = {},
): UseCue {
  const before = text.slice(Math.max(sentence.start, material.start - 30), material.start);
  const after = text.slice(material.end, Math.min(sentence.end, material.end + 6));
  const negated = negationBeforeMaterial.test(before) || /^-?free\b/i.test(after);
  const replaced =
    replacedBeforeMaterial.test(before) ||
    replacedAfterMaterial.test(text.slice(material.end, Math.min(sentence.end, material.end + 60)));
  const polarity: UseCue['polarity'] = negated ? 'negative' : replaced ? 'replaced' : 'positive';
  const result = (kind: UseCue['kind'], confidence: number): UseCue => ({ kind, confidence, polarity });
  const others = (options.materials ?? []).filter(
    (other) => other.start !== material.start || other.end !== material.end,
  );
  if (material.start >= application.end) {
    const between = text.slice(application.end, material.start);
    if (inClaims) {
      const head = text.slice(sentence.start, application.start);
      const transition = [...between.matchAll(new RegExp(claimTransition.source, 'gi'))].at(-1);
      // In a long dependent claim the material must follow its transition closely to belong to the claimed thing.
      if (
        claimPreamble.test(head) &&
        head.length < 60 &&
        transition &&
        between.length - (transition.index + transition[0].length) <= 100
      )
        return result('claim', 0.85);
    }
    const lead = text.slice(Math.max(sentence.start, application.start - 12), application.start);
    if (roleBeforeApplication.test(lead) && usedAfterRole.test(between)) return result('role', 0.75);
    if (/^\s+$/.test(between)) return result('compound', 0.65);
    const listed = blankOut(text, application.end, material.start, others);
    // "In packaging, glass was replaced by PET": the replacement is what the application now uses.
    if (between.length <= 100 && replacementBefore.test(listed)) return result('use', 0.7);
    if (between.length <= 100 && (appositionBetween.test(listed) || copulaBetween.test(listed)))
      return result('apposition', 0.65);
    // The composition verb must belong to the application: it follows it closely ("a film made of X").
    const composition = compositionAfterApplication.exec(between);
    if (between.length <= maximumGap && composition && composition.index <= 50)
      return result('composition', 0.7);
    // "a catalyst of butadiene" is a catalyst for butadiene's reaction, not one made of it.
    const catalystOf =
      /catalys/i.test(text.slice(application.start, application.end)) && /^\s*(?:of|for)\b/i.test(between);
    if (!catalystOf && nearCompositionAfterApplication.test(listed)) return result('composition', 0.65);
    return result('cooccurrence', 0.4);
  }
  const between = text.slice(material.end, application.start);
  const listed = blankOut(text, material.end, application.start, others);
  if (negationBetween.test(between)) return { kind: 'use', confidence: 0.6, polarity: 'negative' };
  if (isCompound(listed)) return result('compound', 0.7);
  const use = useAfterMaterial.exec(listed);
  if (between.length <= maximumGap && use && usePhraseLinks(listed, use)) return result('use', 0.75);
  if (prepositionDirectly.test(listed)) return result('preposition', 0.55);
  return result('cooccurrence', 0.4);
}

const requiresAfterApplication =
  /\b(?:requir(?:e|es|ed|ing)|demand(?:s|ed|ing)?|need(?:s|ed|ing)?|must (?:have|exhibit|possess|show|offer)|call(?:s|ed)? for|necessitat(?:e|es|ed|ing)|requirements? (?:of|for|such as|including)|should (?:have|exhibit|possess)|(?:is|are) expected to (?:have|exhibit))\b/i;
const requiredBeforeApplication =
  /\b(?:is|are|be|being)\s+(?:\p{L}+\s+){0,2}(?:required|needed|necessary|essential|critical|important|demanded|indispensable|key|desired|desirable|sought)\s+(?:for|in|to|by)\b/iu;
const requiredAfterProperty =
  /^\s*(?:[\p{L}-]+\s+){0,3}(?:is|are)\s+(?:\p{L}+\s+){0,2}(?:required|needed|necessary|essential|demanded|important|critical|desired|desirable)\b/iu;

/** Confidence that a sentence says the application requires the property ("Y requires X", "X is required for Y"), or 0. */
export function requiresConfidence(text: string, sentence: Span, application: Span, property: Span): number {
  if (property.start >= application.end) {
    const between = text.slice(application.end, property.start);
    if (between.length <= 120 && requiresAfterApplication.test(between)) return 0.7;
    // "For Y, high X is needed."
    const after = text.slice(property.end, sentence.end);
    const lead = text.slice(Math.max(sentence.start, application.start - 12), application.start);
    if (/\bfor\s+(?:(?:a|an|the|use in)\s+)?$/i.test(lead) && requiredAfterProperty.test(after)) return 0.65;
    return 0;
  }
  const between = text.slice(property.end, application.start);
  if (between.length <= 120 && requiredBeforeApplication.test(between)) return 0.7;
  return 0;
}

const producesAfterOrganization =
  /\b(?:launch(?:es|ed|ing)?|produc(?:e|es|ed|ing)|develop(?:s|ed|ing)?|manufactur(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|commerciali[sz](?:e|es|ed|ing)|unveil(?:s|ed|ing)?|suppl(?:y|ies|ied|ying)|sell(?:s|ing)?|sold|offer(?:s|ed|ing)?|market(?:s|ed|ing)?|(?:start|begin|began|begun|commence)\w* (?:the )?(?:commercial |mass )?(?:production|producing|manufacturing|operation)|expand\w* (?:its |the )?(?:production|capacity|output|manufacturing)|increas\w* (?:its |the )?(?:production|capacity|output)|build\w* (?:a |an |its )?(?:new )?(?:plant|facility|line)|construct\w* (?:a |an )?(?:new )?(?:plant|facility|line)|(?:plant|facility|line|capacity) (?:for|of)|maker of|producer of|manufacturer of|supplier of|brand of)\b/i;
const producedByOrganization =
  /\b(?:produced|manufactured|developed|supplied|made|launched|sold|marketed|commerciali[sz]ed|offered) by\b/i;
const stopsProducing =
  /\b(?:discontinu\w+|exit\w*|withdraw\w*|withdrew|halt\w*|stop\w*|clos(?:e|es|ed|ing|ure)|shut\w*|cease\w*|suspend\w*)\b/i;

// Selling or distributing without making: "X supplies Y", "X, a supplier of Y", "Y supplied by X".
const suppliesCue =
  /\b(?:suppl(?:y|ies|ied|ying)|supplier of|sell(?:s|ing)?|sold|distribut(?:e|es|ed|ing|or of)|reseller of|trader of)\b/i;

/**
 * How an organisation and a material of one sentence are linked by a production verb, or null; `supplies`
 * when the verb says it sells or distributes the material (a SUPPLIES fact) rather than makes it.
 */
export function producesCue(
  text: string,
  organization: Span,
  material: Span,
): { confidence: number; polarity: 'positive' | 'negative'; supplies?: boolean } | null {
  const cue = productionCue(text, organization, material);
  if (cue?.polarity !== 'positive') return cue;
  const between =
    material.start >= organization.end
      ? text.slice(organization.end, material.start)
      : text.slice(material.end, organization.start);
  const makes = /\b(?:produc\w*|manufactur\w*|maker|make|made|plant|capacity|output)\b/i.test(between);
  return suppliesCue.test(between) && !makes ? { ...cue, supplies: true } : cue;
}

function productionCue(
  text: string,
  organization: Span,
  material: Span,
): { confidence: number; polarity: 'positive' | 'negative' } | null {
  if (material.start >= organization.end) {
    const between = text.slice(organization.end, material.start);
    if (between.length > maximumGap) return null;
    if (
      stopsProducing.test(between) &&
      /\b(?:production|producing|manufactur\w*|plant|business|sales?)\b/i.test(between)
    ) {
      return { confidence: 0.6, polarity: 'negative' };
    }
    if (producesAfterOrganization.test(between)) return { confidence: 0.7, polarity: 'positive' };
    return null;
  }
  const between = text.slice(material.end, organization.start);
  if (between.length <= 80 && producedByOrganization.test(between))
    return { confidence: 0.7, polarity: 'positive' };
  return null;
}

// "must withstand 200 °C", "needs to survive temperatures of 150 °C", "has to tolerate up to 120 °C".
const withstandTemperature =
  /\b(?:must|should|needs? to|has to|have to|is required to|are required to|required to|designed to)\s+(?:\p{L}+\s+){0,2}?(?:withstand|survive|tolerate|endure|resist|operate at|work at)\s+(?:temperatures?\s+)?(?:of\s+|up to\s+|at least\s+|over\s+|above\s+|as high as\s+|as low as\s+|down to\s+|below\s+)?([-−]?\d+(?:[.,]\d+)?)\s*(°\s?C|℃|°\s?F)/iu;

/**
 * A temperature an application must withstand, stated after it in the sentence ("separators must
 * withstand 200 °C"): the value and unit, and whether it is cold (below 0 °C) or heat; null otherwise.
 */
export function withstandRequirement(
  text: string,
  application: Span,
  sentenceEnd: number,
): { value: number; unit: string; cold: boolean; start: number; end: number } | null {
  const after = text.slice(application.end, Math.min(sentenceEnd, application.end + 140));
  const match = withstandTemperature.exec(after);
  if (!match?.[1] || !match[2]) return null;
  // Another clause's subject ("separators and the tank must …") is fine; a new sentence-like break is not.
  if (/[;:]/.test(after.slice(0, match.index))) return null;
  const value = Number(match[1].replace('−', '-').replace(',', '.'));
  if (!Number.isFinite(value)) return null;
  const unit = match[2].replace(/\s+/g, '') === '℃' ? '°C' : match[2].replace(/\s+/g, '');
  const cold =
    /\b(?:as low as|down to|below)\s*$/i.test(after.slice(0, match.index + match[0].indexOf(match[1]))) ||
    value < 0;
  return {
    value,
    unit,
    cold,
    start: application.end + match.index,
    end: application.end + match.index + match[0].length,
  };
}
