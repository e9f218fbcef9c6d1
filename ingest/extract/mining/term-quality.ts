import { evaluativeWords } from '../../resolve/term-keys.ts';
import { isReferenceLabelPair } from '../reference-labels.ts';

/**
 * Guards on what mining may turn into a term. The miner's phrase finder stays as it is (its phrases
 * also bound vocabulary matches, which the extraction benchmark measures); these guards decide which
 * of its phrases are candidate terms at all, and which candidates may ever be promoted.
 */

/** Why a mined phrase is not a term, or null when it may be one. */
export type TermRejection =
  | 'patent-self-reference'
  | 'enumerated-part'
  | 'generic-head'
  | 'notation-fragment'
  | 'actor';

/**
 * Words a patent uses to talk about itself and its own text: a phrase containing one ("the present
 * invention", "a first embodiment", "Japanese Patent Application", "combinations thereof") refers to the
 * document, never to a use of a material.
 */
const patentSelfWords: ReadonlySet<string> = new Set(
  (
    'invention embodiment example claim patent combination thereof herein aspect variant variation ' +
    'modification implementation instance disclosure specification publication figure fig'
  ).split(' '),
);

/**
 * "The art" is a patent's name for its own field ("known in the art", "skilled in the art", "prior
 * art", "Background Art"): alone or with these modifiers it is never a use ("fine art" may be).
 */
const fieldOfArtModifiers: ReadonlySet<string> = new Set(
  'prior related background relevant pertinent conventional'.split(' '),
);

/**
 * Heads that name something only as a placeholder in a claim or description ("the product", "a device
 * comprising", "the system"): too general to be a term on their own or with enumerating words only.
 * With a classifying modifier they can be terms ("medical device", "roofing system").
 */
const placeholderHeads: ReadonlySet<string> = new Set(
  (
    'product method apparatus device composition system article part component member element unit ' +
    'assembly structure object item portion means process material substance like body layer piece ' +
    'application use embodiment'
  ).split(' '),
);

/**
 * Words that enumerate or point at parts of the text rather than classify ("first electrode", "final
 * product", "alternate embodiment", "said layer"): a phrase with one is a reference to a part.
 */
const enumeratingWords: ReadonlySet<string> = new Set(
  (
    'first second third fourth fifth sixth seventh eighth ninth tenth last final previous preceding ' +
    'following subsequent above below aforementioned aforesaid said same such other another further ' +
    'additional alternate alternative exemplary illustrative preferred present particular specific ' +
    'respective corresponding resulting given certain various several different'
  ).split(' '),
);

/**
 * Heads naming who does something, not what a material is made into ("the supplier said", "a Dutch
 * studio", "researchers"): a use cue's list can run on into the reporting clause.
 */
const actorHeads: ReadonlySet<string> = new Set(
  (
    'supplier manufacturer producer maker company firm business customer user consumer researcher ' +
    'scientist engineer developer vendor distributor partner team group inventor applicant operator ' +
    'contractor builder studio laboratory lab university institute spokesperson spokesman spokeswoman ' +
    'official analyst executive director officer founder owner farmer cooperative association'
  ).split(' '),
);

// Words that grade or count rather than classify, beside the evaluative words of term keys.
const gradingWords: ReadonlySet<string> = new Set(
  'unique wide broad numerous many multiple diverse varied main major minor key critical'.split(' '),
);

const ordinalNumber = /^\d+(?:st|nd|rd|th)$/;

/**
 * Notation that is no material: a drawing label pair ("10B-10B", "3B–C"), a bracketed group with at
 * most a multiplier ("(NH2)2", "(OH)2", a substituent), unbalanced brackets, or a dangling dash or bond
 * ("C6H4—").
 */
export function isNotationFragment(surface: string): boolean {
  const text = surface.trim();
  if (isReferenceLabelPair(text)) return true;
  if (/^\([^()]+\)\d*$/.test(text) || /^\[[^[\]]+\]\d*$/.test(text)) return true;
  if (/^[-–—=]|[-–—=]$/.test(text)) return true;
  let depth = 0;
  for (const char of text) {
    if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') depth -= 1;
    if (depth < 0) return true;
  }
  return depth !== 0;
}

/**
 * Why a mined candidate (its canonical key and surface) is not a term: it refers to the patent's own
 * text, enumerates a part, is a placeholder head alone, or is a notation fragment. Null when it may be.
 */
export function termRejection(candidate: { key: string; surface: string }): TermRejection | null {
  if (isNotationFragment(candidate.surface)) return 'notation-fragment';
  const words = candidate.key.split(/[\s-]+/).filter((word) => word !== '');
  if (words.length === 0) return 'generic-head';
  if (words.some((word) => patentSelfWords.has(word) || patentSelfWords.has(word.replace(/s$/, '')))) {
    return 'patent-self-reference';
  }
  if (actorHeads.has(words[words.length - 1] as string)) return 'actor';
  const modifiers = words.slice(0, -1);
  if (words[words.length - 1] === 'art' && modifiers.every((word) => fieldOfArtModifiers.has(word))) {
    return 'patent-self-reference';
  }
  if (modifiers.some((word) => enumeratingWords.has(word) || ordinalNumber.test(word)))
    return 'enumerated-part';
  // A placeholder head is a term only with a classifying modifier ("unique applications" has none).
  const describing = (word: string) => evaluativeWords.has(word) || gradingWords.has(word);
  if (placeholderHeads.has(words[words.length - 1] as string) && modifiers.every(describing)) {
    return 'generic-head';
  }
  return null;
}
