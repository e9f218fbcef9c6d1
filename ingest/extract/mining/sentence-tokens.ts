import { singularize } from '../../resolve/canonical-keys.ts';
import { scanTokens } from '../token-scan.ts';
import type { PartOfSpeech, PosTagger } from './pos-tagger.ts';

/** A token of a sentence with what the miner needs to know about it. */
export interface SentenceToken {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Lower-case singular (for head-noun lookups). */
  singular: string;
  /** A word (letters or digits), not punctuation. */
  word: boolean;
  pos: PartOfSpeech;
  /** Covered by a material span (vocabulary mention or chemistry notation). */
  material: 'name' | 'notation' | null;
  /** Covered by a vocabulary application mention. */
  application: boolean;
  /** Inside a stop phrase ("cell membrane", "glass transition"): never part of a term. */
  stop: boolean;
}

function isAllCapitals(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

/**
 * Tokens of `text.slice(start, end)` before tagging (every word `X`, punctuation `PUNCT`): enough to
 * decide whether the sentence can yield a term at all before paying for the tagger.
 */
export function sentenceTokens(text: string, start: number, end: number): SentenceToken[] {
  const tokens: SentenceToken[] = [];
  scanTokens(text, start, end, (tokenStart, tokenEnd, word) => {
    tokens.push(sentenceToken(tokenStart, text.slice(tokenStart, tokenEnd), word));
  });
  return tokens;
}

function sentenceToken(tokenStart: number, value: string, word: boolean): SentenceToken {
  const lower = value.toLowerCase();
  return {
    start: tokenStart,
    end: tokenStart + value.length,
    text: value,
    lower,
    singular: word ? singularize(lower) : lower,
    word,
    pos: word ? 'X' : 'PUNCT',
    material: null,
    application: false,
    stop: false,
  };
}

/**
 * Sets the tags of a part-of-speech tagger on the sentence's tokens, aligned by offsets (the tagger's
 * own tokens may differ: each of ours takes the tag of the tagger token it starts in, `X` if none). An
 * all-capitals span (a patent title) is tagged in lower case, since taggers read capitals as names.
 */
export function tagTokens(
  tokens: SentenceToken[],
  text: string,
  start: number,
  end: number,
  tagger: PosTagger,
): void {
  const slice = text.slice(start, end);
  const tagged = isAllCapitals(slice)
    ? tagger.tag(text.slice(0, start) + slice.toLowerCase() + text.slice(end), start, end)
    : tagger.tag(text, start, end);
  let cursor = 0;
  for (const token of tokens) {
    if (!token.word) continue;
    while (cursor < tagged.length && (tagged[cursor]?.end ?? 0) <= token.start) cursor++;
    const tag = tagged[cursor];
    token.pos = tag && tag.start <= token.start && token.start < tag.end ? tag.pos : 'X';
  }
}

/** Tokens of `text.slice(start, end)` with their part-of-speech tags (see `tagTokens`). */
export function tagSentence(text: string, start: number, end: number, tagger: PosTagger): SentenceToken[] {
  const tokens = sentenceTokens(text, start, end);
  tagTokens(tokens, text, start, end, tagger);
  return tokens;
}
