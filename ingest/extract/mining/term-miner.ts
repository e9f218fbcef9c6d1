import { canonicalTermKey, determinerWords, evaluativeWords, headWordOf } from '../../resolve/term-keys.ts';
import { finalizeMentions, type LexiconMention, matchMentions } from '../lexicon-matcher.ts';
import type { Vocabulary } from '../vocabulary.ts';
import { applicationHeads, genericApplicationHeads, nonApplicationHeads } from './application-words.ts';
import { findChemistrySpans, isFormulaToken } from './chemistry-spans.ts';
import { materialClassHeads, morphologyWords } from './chemistry-words.ts';
import type { PosTagger } from './pos-tagger.ts';
import { RememberingPosTagger } from './remembering-pos-tagger.ts';
import { type SentenceToken, sentenceTokens, tagTokens } from './sentence-tokens.ts';
import { findClaimPreamble, findUseCues, type MiningCue, type UseCueMatch } from './use-cues.ts';
import { WinkPosTagger } from './wink-pos-tagger.ts';

/** A candidate term found in a sentence; offsets into the text given to `mineTerms`. */
export interface MinedTerm {
  label: 'Material' | 'Application';
  start: number;
  end: number;
  surface: string;
  /** `canonicalTermKey(surface, label)`: variants of one term share it. */
  key: string;
  /** Head word of the key ("medical packaging" → "packaging"). */
  head: string;
  cue: MiningCue;
  /** Where the use cue ("is used in") or claim preamble that proposed the term starts. */
  cueStart?: number;
}

export interface MiningOptions {
  /** Span to mine (default the whole text); normally one sentence. */
  start?: number;
  end?: number;
  /** Part-of-speech tagger for noun-phrase boundaries (default wink-nlp). */
  tagger?: PosTagger;
  /** Known terms: their mentions bound and head noun phrases; without it only notation and cues count. */
  vocabulary?: Vocabulary;
  /** Vocabulary mentions of this span if already matched (else matched here, acronyms licensed in the span). */
  mentions?: readonly LexiconMention[];
  /**
   * Stop-phrase spans of this span if already matched (by `matchMentions` with the span's own case
   * rule, the default), else matched here when needed.
   */
  stopSpans?: readonly { start: number; end: number }[];
  /** Section of the span: titles and claims have cues of their own. */
  section?: string;
}

let sharedTagger: RememberingPosTagger | undefined;

/**
 * The default tagger (wink-nlp), created once per thread; it can remember recent sentences, so a
 * document analysed again after a promotion is not tagged again (`RememberingPosTagger.for`).
 */
export function defaultPosTagger(): RememberingPosTagger {
  sharedTagger ??= new RememberingPosTagger(new WinkPosTagger());
  return sharedTagger;
}

// Nominal tags; a tagger also calls many unknown technical words X or PROPN.
const nominal = new Set(['NOUN', 'PROPN', 'X', 'NUM']);
const modifierTags = new Set(['NOUN', 'PROPN', 'ADJ', 'X', 'NUM']);
const dashes = new Set(['-', '–', '‐', '‑']);
// Words that join a compound to what follows without being part of a name.
// "sol" only ever modifies "gel" in the name of a process (sol-gel).
const relational = new Set(['based', 'like', 'type', 'free', 'rich', 'containing', 'related', 'sol']);

function isDash(token: SentenceToken | undefined): boolean {
  return token !== undefined && !token.word && dashes.has(token.text);
}

function isNoise(token: SentenceToken): boolean {
  return determinerWords.has(token.lower) || evaluativeWords.has(token.lower);
}

/** Whether a word may modify a head inside a term's name. */
function isModifier(token: SentenceToken, allowMaterialNames: boolean): boolean {
  if (token.stop) return false;
  if (!token.word || isNoise(token) || morphologyWords.has(token.lower) || relational.has(token.lower))
    return false;
  if (token.material === 'notation') return false;
  if (token.material === 'name' && !allowMaterialNames) return false;
  if (/^\d+(?:\.\d+)?$/.test(token.text) || token.text.length === 1) return false;
  // Acronyms in this domain are mostly materials ("PCD tools", "LSCO capacitors").
  if (!token.application && /\p{Lu}.*\p{Lu}/u.test(token.text)) return false;
  if (modifierTags.has(token.pos)) return true;
  // Gerunds and participles inside compounds: "cutting tools", "light-emitting diodes".
  return token.pos === 'VERB' && /(?:ing|ed)$/.test(token.lower);
}

/** A unit after a number ("1 mm gate") ends a phrase. */
function isUnit(tokens: readonly SentenceToken[], index: number): boolean {
  const before = tokens[index - 1];
  return before !== undefined && /^\d+(?:\.\d+)?$/.test(before.text);
}

/**
 * Extends a head leftwards over modifiers (joined by spaces or hyphens) and returns the index of the
 * first token of the phrase. Participles count only inside hyphenated compounds ("dye-sensitized").
 */
function extendLeft(
  tokens: readonly SentenceToken[],
  headStart: number,
  allowMaterialNames: boolean,
): number {
  let first = headStart;
  let k = headStart - 1;
  while (k >= 0) {
    const token = tokens[k] as SentenceToken;
    if (isDash(token)) {
      const before = tokens[k - 1];
      if (before && isModifier(before, allowMaterialNames) && before.pos !== 'NUM') {
        first = k - 1;
        k -= 2;
        continue;
      }
      break;
    }
    if (!isModifier(token, allowMaterialNames) || isUnit(tokens, k)) break;
    // A bare participle is a verb or a state ("fabricated electrodes", "graded coatings"), unless
    // it is part of a hyphenated compound ("dye-sensitized").
    if (/ed$/.test(token.lower) && !isDash(tokens[k + 1]) && !isDash(tokens[k - 1])) break;
    first = k;
    k -= 1;
  }
  // Evaluative words ("long-term") may have slipped in as hyphenated compounds at the left edge.
  for (;;) {
    const token = tokens[first] as SentenceToken;
    const compound = isDash(tokens[first + 1]) ? `${token.lower}-${tokens[first + 2]?.lower}` : '';
    if (first + 2 < headStart && compound && evaluativeWords.has(compound)) first += 3;
    else if (first < headStart && (isNoise(token) || isDash(token))) first += 1;
    else break;
  }
  return first;
}

// What may follow a plural noun that ends a phrase: punctuation, a preposition, a conjunction, a relative.
const afterPhraseWords = new Set(
  'because where which that when while for in on at with by from to of and or as since so'.split(' '),
);

/**
 * A plural noun the tagger read as a verb at the end of a compound ("guitar fretboard finishes because",
 * "floor coats, …"): it follows a nominal word and nothing that a verb would take as its object follows it.
 */
function isPluralNounTaggedVerb(
  tokens: readonly SentenceToken[],
  index: number,
  afterNoun: boolean,
): boolean {
  const token = tokens[index] as SentenceToken;
  if (!afterNoun || token.pos !== 'VERB' || !/[^s]s$/.test(token.lower)) return false;
  const before = tokens[index - 1] as SentenceToken;
  if (!nominal.has(before.pos) || before.pos === 'NUM') return false;
  const next = tokens[index + 1];
  return next === undefined || !next.word || afterPhraseWords.has(next.lower);
}

/** The object noun phrase after a cue: [first, last] token indices, or null. */
function phraseAfter(tokens: readonly SentenceToken[], from: number): [number, number] | null {
  let first = from;
  while (first < tokens.length && isNoise(tokens[first] as SentenceToken)) first++;
  let last = first - 1;
  let k = first;
  while (k < tokens.length) {
    const token = tokens[k] as SentenceToken;
    if (isDash(token) && tokens[k + 1]?.word && last >= first) {
      k++;
      continue;
    }
    if (!token.word || token.material === 'notation' || token.stop) break;
    if (
      !(
        modifierTags.has(token.pos) ||
        (token.pos === 'VERB' && /ing$/.test(token.lower)) ||
        isPluralNounTaggedVerb(tokens, k, last >= first)
      )
    )
      break;
    if (relational.has(token.lower) || morphologyWords.has(token.lower)) break;
    last = k;
    k++;
  }
  // The phrase ends on its last nominal word.
  while (
    last >= first &&
    !nominal.has((tokens[last] as SentenceToken).pos) &&
    !(last > first && isPluralNounTaggedVerb(tokens, last, true))
  )
    last--;
  return last >= first ? [first, last] : null;
}

function indexAt(tokens: readonly SentenceToken[], offset: number): number {
  return tokens.findIndex((token) => token.start >= offset);
}

interface Collected {
  terms: MinedTerm[];
  text: string;
}

function add(
  collected: Collected,
  label: MinedTerm['label'],
  start: number,
  end: number,
  cue: MiningCue,
  cueStart?: number,
): void {
  const surface = collected.text.slice(start, end);
  const key = canonicalTermKey(surface, label);
  if (key === '') return;
  collected.terms.push({
    label,
    start,
    end,
    surface,
    key,
    head: headWordOf(key),
    cue,
    ...(cueStart !== undefined ? { cueStart } : {}),
  });
}

function addPhrase(
  collected: Collected,
  tokens: readonly SentenceToken[],
  first: number,
  last: number,
  label: MinedTerm['label'],
  cue: MiningCue,
  cueStart?: number,
): void {
  const from = tokens[first] as SentenceToken;
  const to = tokens[last] as SentenceToken;
  add(collected, label, from.start, to.end, cue, cueStart);
}

/** A symbol, formula or acronym rather than a name: "Ti", "TiO2", "PZT", "rGO". */
function isNotation(surface: string): boolean {
  return isFormulaToken(surface) || /^[A-Z][a-z]?$/.test(surface) || /\p{Lu}.*\p{Lu}/u.test(surface);
}

/** Marks tokens covered by vocabulary mentions and chemistry spans. */
function markTokens(
  tokens: SentenceToken[],
  mentions: readonly LexiconMention[],
  notation: readonly { start: number; end: number }[],
): void {
  for (const token of tokens) {
    for (const mention of mentions) {
      if (token.start < mention.start || token.end > mention.end) continue;
      if (mention.label === 'Material') token.material ??= isNotation(mention.surface) ? 'notation' : 'name';
      if (mention.label === 'Application') token.application = true;
    }
    for (const span of notation) {
      if (token.start >= span.start && token.end <= span.end) token.material = 'notation';
    }
  }
}

function applicationHeadKind(token: SentenceToken): 'specific' | 'generic' | null {
  if (!token.word || token.material !== null || token.stop) return null;
  if (applicationHeads.has(token.singular)) return 'specific';
  if (genericApplicationHeads.has(token.singular)) return 'generic';
  return null;
}

/** Application noun phrases: a head noun (or a known application) with its classifying modifiers. */
function mineApplicationHeads(
  collected: Collected,
  tokens: readonly SentenceToken[],
  mentions: readonly LexiconMention[],
): void {
  const known = mentions.filter((mention) => mention.label === 'Application');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as SentenceToken;
    const mention = known.find((candidate) => candidate.end === token.end);
    if (!mention && !nominal.has(token.pos) && !(token.pos === 'VERB' && /ing$/.test(token.lower))) continue;
    const kind = mention ? 'known' : token.application ? null : applicationHeadKind(token);
    if (!kind) continue;
    // The head is the last noun of its compound: "battery applications" is headed by "applications";
    // a hyphenated compound before a noun modifies it ("metal-insulator transition").
    const next = tokens[i + 1];
    const nounNext = next?.word === true && nominal.has(next.pos) && next.pos !== 'NUM';
    if (nounNext && (applicationHeadKind(next) || next.application || kind === 'generic')) continue;
    if (nounNext && isDash(tokens[(mention ? indexAt(tokens, mention.start) : i) - 1])) continue;
    const headStart = mention ? indexAt(tokens, mention.start) : i;
    const first = extendLeft(tokens, headStart, false);
    const modifiers = headStart - first;
    if (kind === 'known' && modifiers === 0) continue;
    if (kind === 'generic' && modifiers === 0) continue;
    addPhrase(collected, tokens, first, i, 'Application', 'application-head');
  }
}

/** Material noun phrases: a class head ("aerogel", "rubber", "alloy") named by its modifiers. */
function mineMaterialHeads(
  collected: Collected,
  tokens: readonly SentenceToken[],
  mentions: readonly LexiconMention[],
): void {
  const known = mentions.filter((mention) => mention.label === 'Material');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as SentenceToken;
    if (!token.word || token.material === 'notation' || token.pos === 'VERB' || token.stop) continue;
    const mention = known.find((candidate) => candidate.end === token.end);
    if (!mention && !(materialClassHeads.has(token.singular) && token.material === null)) continue;
    const next = tokens[i + 1];
    if (next?.word && nominal.has(next.pos) && materialClassHeads.has(next.singular)) continue;
    if (mention && token.material !== 'name') continue;
    const headStart = mention ? indexAt(tokens, mention.start) : i;
    let first = extendLeft(tokens, headStart, true);
    // A material is named by nouns ("silica aerogel", "nitrile rubber"); adjectives other than those of
    // acids ("citric acid") describe it ("magnetic ferrite").
    while (first < headStart && !isMaterialModifier(tokens, first, token)) first++;
    if (first === headStart) continue;
    addPhrase(collected, tokens, first, i, 'Material', 'material-head');
  }
}

const chemicalWord = /(?:ene|yne|ane|yl|ile|ol|ide|ate|ite|ium|one|amine|amide|imide|oxy)$/;

function isMaterialModifier(tokens: readonly SentenceToken[], index: number, head: SentenceToken): boolean {
  const token = tokens[index] as SentenceToken;
  if (token.material === 'name' || isDash(token)) return true;
  if (/ing$/.test(token.lower)) return false;
  // Chemical class words are often tagged as adjectives ("nitrile rubber"); other adjectives describe.
  if (token.pos === 'ADJ') return head.singular === 'acid' || chemicalWord.test(token.lower);
  return nominal.has(token.pos) && token.pos !== 'NUM';
}

// Heads of a formulated material ("polyamide composition", "rubber blend"); too general to mine alone.
const materialFormHeads = new Set([
  'composition',
  'blend',
  'compound',
  'masterbatch',
  'formulation',
  'mixture',
]);

/** The index where the next item of a list starts (after ",", "and", "or", ", and"), or -1. */
function listContinuation(tokens: readonly SentenceToken[], index: number): number {
  let k = index;
  if (tokens[k]?.text === ',') k += 1;
  if (tokens[k]?.lower === 'and' || tokens[k]?.lower === 'or') k += 1;
  return k > index && k < tokens.length && tokens[k]?.word ? k : -1;
}

/** A phrase headed by an application noun, a known term, or a material class or form noun. */
function isProductHead(tokens: readonly SentenceToken[], first: number, last: number): boolean {
  const head = tokens[last] as SentenceToken;
  if (head.application || head.material === 'name') return true;
  if (applicationHeads.has(head.singular) || materialClassHeads.has(head.singular)) return true;
  return (genericApplicationHeads.has(head.singular) || materialFormHeads.has(head.singular)) && first < last;
}

function labelOfPhrase(
  tokens: readonly SentenceToken[],
  first: number,
  last: number,
): MinedTerm['label'] | null {
  const head = tokens[last] as SentenceToken;
  if (nonApplicationHeads.has(head.singular)) return null;
  if (
    (genericApplicationHeads.has(head.singular) || materialFormHeads.has(head.singular)) &&
    first === last
  ) {
    return null;
  }
  if (
    head.material !== null ||
    materialClassHeads.has(head.singular) ||
    materialFormHeads.has(head.singular)
  ) {
    return 'Material';
  }
  return 'Application';
}

/** Objects of use cues, claim preambles and titles. */
function mineCues(
  collected: Collected,
  text: string,
  tokens: readonly SentenceToken[],
  cues: readonly UseCueMatch[],
  start: number,
  end: number,
  section: string | undefined,
): void {
  for (const cue of cues) {
    let from = indexAt(tokens, cue.objectStart);
    // "applications such as wind turbine blades, boat hulls and pressure vessels": every listed object.
    while (from >= 0) {
      const phrase = phraseAfter(tokens, from);
      if (!phrase) break;
      const label = labelOfPhrase(tokens, phrase[0], phrase[1]);
      if (label === 'Application')
        addPhrase(collected, tokens, phrase[0], phrase[1], label, cue.cue, cue.start);
      from = listContinuation(tokens, phrase[1] + 1);
    }
  }
  if (section === 'claims') {
    const preamble = findClaimPreamble(text, start, end);
    if (preamble) {
      const from = indexAt(tokens, preamble.start);
      const phrase = from >= 0 ? phraseAfter(tokens, from) : null;
      if (phrase && (tokens[phrase[1]] as SentenceToken).end <= preamble.end) {
        const label = labelOfPhrase(tokens, phrase[0], phrase[1]);
        if (
          label &&
          !/^(?:method|process|use|apparatus|system for)$/.test((tokens[phrase[1]] as SentenceToken).singular)
        ) {
          addPhrase(collected, tokens, phrase[0], phrase[1], label, 'claim-preamble', preamble.start);
        }
      }
    }
  }
  if (section === 'title') {
    // Titles also name methods, effects and molecules: only a phrase with a product or material head counts.
    const phrase = phraseAfter(tokens, 0);
    if (phrase && isProductHead(tokens, phrase[0], phrase[1])) {
      const label = labelOfPhrase(tokens, phrase[0], phrase[1]);
      if (label) addPhrase(collected, tokens, phrase[0], phrase[1], label, 'title');
    }
    tokens.forEach((token, index) => {
      if (token.lower !== 'for' || index === 0) return;
      const object = phraseAfter(tokens, index + 1);
      if (!object || !isProductHead(tokens, object[0], object[1])) return;
      const label = labelOfPhrase(tokens, object[0], object[1]);
      if (label === 'Application') addPhrase(collected, tokens, object[0], object[1], label, 'title');
    });
  }
}

const acronymAfter = /^\s*\(\s*(\p{Lu}[\p{L}\p{N}-]{1,9}?)s?\s*\)/u;

/** "indium tin oxide (ITO)", "dye-sensitized solar cells (DSSCs)": the acronym takes the term's label. */
function mineAcronyms(
  collected: Collected,
  spans: readonly { label: MinedTerm['label']; end: number }[],
  end: number,
): void {
  for (const span of spans) {
    const after = collected.text.slice(span.end, Math.min(end, span.end + 16));
    const match = acronymAfter.exec(after);
    if (!match || !/\p{Lu}.*\p{Lu}|\p{Lu}\p{N}/u.test(match[1] as string)) continue;
    const inner = match[0].replace(/^\s*\(\s*/, '').replace(/\s*\)$/, '');
    const at = span.end + after.indexOf(inner);
    add(collected, span.label, at, at + inner.length, 'acronym');
  }
}

const cuePriority: Record<MiningCue, number> = {
  'stated-use': 0,
  'claim-preamble': 0,
  title: 1,
  'use-phrase': 2,
  'applications-such-as': 3,
  'suitable-for': 4,
  'useful-as': 5,
  acronym: 6,
  grade: 7,
  'compound-name': 8,
  alloy: 9,
  doped: 10,
  formula: 11,
  element: 12,
  'material-head': 13,
  'application-head': 14,
};

/** One candidate per span and label, the most telling cue kept. */
function dedupe(terms: readonly MinedTerm[]): MinedTerm[] {
  const best = new Map<string, MinedTerm>();
  for (const term of terms) {
    const id = `${term.label}:${term.start}:${term.end}`;
    const existing = best.get(id);
    if (!existing || cuePriority[term.cue] < cuePriority[existing.cue]) best.set(id, term);
  }
  return [...best.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Whether a token could be a modifier whatever its tag and marks: the tag-free part of `isModifier`.
 */
function mayModify(token: SentenceToken | undefined): boolean {
  if (token === undefined || !token.word || isNoise(token)) return false;
  if (morphologyWords.has(token.lower) || relational.has(token.lower)) return false;
  return token.text.length !== 1 && !/^\d+(?:\.\d+)?$/.test(token.text);
}

/** Whether `extendLeft` could take at least one modifier before the head starting at `headStart`. */
function mayHaveModifier(tokens: readonly SentenceToken[], headStart: number): boolean {
  const before = tokens[headStart - 1];
  return isDash(before) ? mayModify(tokens[headStart - 2]) : mayModify(before);
}

/**
 * Whether any phrase miner can find something in the sentence, decided before tagging (the tagger is
 * most of mining's cost). Each condition is one the miner itself requires whatever the tags: a
 * specific application head noun; a generic application head, a material class noun or a known
 * application or material with a possible modifier before it (those heads are only mined with one);
 * head nouns count only outside vocabulary mentions (`markTokens` makes them part of the mention);
 * a use cue, a claim preamble or a title. A sentence failing all of them yields no phrase.
 */
function mayYieldPhrase(
  tokens: readonly SentenceToken[],
  mentions: readonly LexiconMention[],
  cues: readonly UseCueMatch[],
  text: string,
  start: number,
  end: number,
  section: string | undefined,
): boolean {
  if (section === 'title' || cues.length > 0) return true;
  for (const mention of mentions) {
    if (mention.label !== 'Material' && mention.label !== 'Application') continue;
    if (mayHaveModifier(tokens, indexAt(tokens, mention.start))) return true;
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as SentenceToken;
    if (!token.word) continue;
    const { singular } = token;
    const specific = applicationHeads.has(singular);
    const generic = genericApplicationHeads.has(singular);
    const materialClass = materialClassHeads.has(singular);
    if (!specific && !generic && !materialClass) continue;
    // A head inside a vocabulary mention is only mined as that mention (checked above).
    let inMaterial = false;
    let inApplication = false;
    for (const mention of mentions) {
      if (token.start < mention.start || token.end > mention.end) continue;
      if (mention.label === 'Material') inMaterial = true;
      if (mention.label === 'Application') inApplication = true;
    }
    if ((specific || generic) && !inMaterial && !inApplication) {
      if (specific || mayHaveModifier(tokens, i)) return true;
    }
    if (materialClass && !inMaterial && mayHaveModifier(tokens, i)) return true;
  }
  return section === 'claims' && findClaimPreamble(text, start, end) !== null;
}

/**
 * Candidate Material and Application terms of one sentence, found offline: chemistry notation,
 * noun phrases headed by application or material-class nouns (boundaries from a part-of-speech
 * tagger), objects of use cues ("used in", "suitable for", "applications such as"), claim preambles
 * and titles. Offsets are exact; every candidate has a canonical key and its head word.
 */
export function mineTerms(text: string, options: MiningOptions = {}): MinedTerm[] {
  const start = options.start ?? 0;
  const end = options.end ?? text.length;
  const tagger = options.tagger ?? defaultPosTagger();
  const mentions =
    options.mentions ??
    (options.vocabulary ? finalizeMentions(matchMentions(options.vocabulary, text, { start, end })) : []);
  const collected: Collected = { terms: [], text };
  const chemistry = findChemistrySpans(text, start, end).filter(
    (span) => !mentions.some((mention) => mention.start <= span.start && span.end <= mention.end),
  );
  for (const span of chemistry) add(collected, 'Material', span.start, span.end, span.kind);
  const tokens = sentenceTokens(text, start, end);
  const cues = findUseCues(text, start, end);
  if (mayYieldPhrase(tokens, mentions, cues, text, start, end, options.section)) {
    tagTokens(tokens, text, start, end, tagger);
    let stopSpans = options.stopSpans;
    if (!stopSpans) {
      const matched: { start: number; end: number }[] = [];
      if (options.vocabulary) matchMentions(options.vocabulary, text, { start, end, stopSpans: matched });
      stopSpans = matched;
    }
    markTokens(
      tokens,
      mentions,
      chemistry.filter((span) => span.kind !== 'compound-name'),
    );
    for (const token of tokens) {
      token.stop = stopSpans.some((span) => span.start <= token.start && token.end <= span.end);
    }
    // Compound names are names: they may modify a head ("zinc oxide varistors" stops at them, though).
    for (const span of chemistry) {
      if (span.kind !== 'compound-name') continue;
      for (const token of tokens)
        if (token.start >= span.start && token.end <= span.end) token.material ??= 'name';
    }
    mineApplicationHeads(collected, tokens, mentions);
    mineMaterialHeads(collected, tokens, mentions);
    mineCues(collected, text, tokens, cues, start, end, options.section);
  }
  const named = [
    ...collected.terms,
    ...mentions.filter(
      (mention): mention is LexiconMention & { label: MinedTerm['label'] } =>
        mention.label === 'Material' || mention.label === 'Application',
    ),
  ];
  mineAcronyms(collected, named, end);
  return dedupe(collected.terms);
}
