/** The textual cue that made the miner propose a term. */
export type MiningCue =
  /** A noun phrase headed by an application noun ("transparent electrodes"). */
  | 'application-head'
  /** "used in/for/as", "for use in", "employed as", "serves as". */
  | 'use-phrase'
  /** "applications such as/including/in", "application as". */
  | 'applications-such-as'
  /** "suitable for", "suited to", "intended for", "designed for". */
  | 'suitable-for'
  /** "useful as/for/in", "candidate for", "potential for". */
  | 'useful-as'
  /**
   * A use cue or claim preamble whose subject is the company's own material or product (catalog or
   * user origin), plainly stated: set by the extractor, which knows the terms' origins.
   */
  | 'stated-use'
  /** A claim preamble: "A battery separator comprising …". */
  | 'claim-preamble'
  /** A document title: "Polyamide composition for automotive parts". */
  | 'title'
  /** A noun phrase headed by a material class noun ("silica aerogel", "nitrile rubber"). */
  | 'material-head'
  /** Chemistry notation. */
  | 'formula'
  | 'element'
  | 'alloy'
  | 'doped'
  | 'compound-name'
  | 'grade'
  /** An acronym defined in brackets after a term: "indium tin oxide (ITO)". */
  | 'acronym';

/** A use cue in a sentence: the object of the use starts at `objectStart`. */
export interface UseCueMatch {
  cue: Extract<MiningCue, 'use-phrase' | 'applications-such-as' | 'suitable-for' | 'useful-as'>;
  start: number;
  objectStart: number;
}

const cuePatterns: [UseCueMatch['cue'], RegExp][] = [
  [
    'use-phrase',
    /\b(?:for use (?:in|as|with)|(?:is|are|be|being|been|was|were|widely|commonly|mainly|often|usually|currently|typically)\s+(?:\w+ly\s+)?(?:used|employed|utili[sz]ed|applied)\s+(?:in|for|as)|find(?:s)? (?:its |their )?use in|serves? as|acts? as|functions? as)\s/giu,
  ],
  ['applications-such-as', /\b(?:applications?|uses)\s+(?:such as|including|in|for|as|like)\s/giu],
  ['suitable-for', /\b(?:suitable (?:for|as)|suited (?:for|to)|intended for|designed for|dedicated to)\s/giu],
  [
    'useful-as',
    /\b(?:useful (?:as|for|in)|(?:promising |potential |good |ideal |excellent )?candidates? (?:for|as)|potential (?:use|application)s? (?:in|as|for))\s/giu,
  ],
];

// One word each cue pattern cannot match without (same flags): most sentences have none of them.
const cueWord =
  /use|employed|utili|applied|serve|act|function|applicat|suit|intended|designed|dedicated|candidate|potential/iu;

/** The use cues of `text.slice(start, end)`, in text order. */
export function findUseCues(text: string, start = 0, end = text.length): UseCueMatch[] {
  const slice = text.slice(start, end);
  const matches: UseCueMatch[] = [];
  if (!cueWord.test(slice)) return matches;
  for (const [cue, pattern] of cuePatterns) {
    for (const match of slice.matchAll(pattern)) {
      const at = start + (match.index ?? 0);
      matches.push({ cue, start: at, objectStart: at + match[0].length });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

/** Claim preamble: "1. A battery separator comprising …" → the span of "battery separator". */
export function findClaimPreamble(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  const slice = text.slice(start, Math.min(end, start + 160));
  const match =
    /^\s*(?:\d+\s*[.)]\s*)?(?:An?|One or more)\s+(.{3,100}?)\s*,?\s+(?:comprising|comprises|consisting|consists|including|includes|having|has|containing|contains|wherein|characteri[sz]ed|made of|formed of|for use|for|which|that)\b/u.exec(
      slice,
    );
  if (!match) return null;
  const phrase = match[1] as string;
  const phraseStart = start + (match.index ?? 0) + match[0].indexOf(phrase);
  return { start: phraseStart, end: phraseStart + phrase.length };
}
