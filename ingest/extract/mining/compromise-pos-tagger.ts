import nlp from 'compromise';
import type { PartOfSpeech, PosTagger, TaggedToken } from './pos-tagger.ts';

interface CompromiseTerm {
  tags: string[];
  offset: { start: number; length: number };
}

// Compromise tags a term with a whole lineage ("Noun, Singular, Hyphenated"); the first match decides.
const tagOrder: [string, PartOfSpeech][] = [
  ['Determiner', 'DET'],
  ['Preposition', 'ADP'],
  ['Conjunction', 'CCONJ'],
  ['Pronoun', 'PRON'],
  ['Auxiliary', 'AUX'],
  ['Copula', 'AUX'],
  ['Adverb', 'ADV'],
  ['Value', 'NUM'],
  ['Adjective', 'ADJ'],
  ['Verb', 'VERB'],
  ['ProperNoun', 'PROPN'],
  ['Acronym', 'PROPN'],
  ['Noun', 'NOUN'],
];

function universalTag(tags: readonly string[]): PartOfSpeech {
  for (const [tag, pos] of tagOrder) if (tags.includes(tag)) return pos;
  return 'X';
}

/** compromise's tagger; punctuation is attached to its terms, so only words come back. */
export class CompromisePosTagger implements PosTagger {
  readonly name = 'compromise';

  tag(text: string, start = 0, end = text.length): TaggedToken[] {
    const slice = text.slice(start, end);
    const sentences = nlp(slice).json({ offset: true, terms: { offset: true } }) as {
      terms: CompromiseTerm[];
    }[];
    const result: TaggedToken[] = [];
    for (const sentence of sentences) {
      for (const term of sentence.terms) {
        const termStart = start + term.offset.start;
        result.push({ start: termStart, end: termStart + term.offset.length, pos: universalTag(term.tags) });
      }
    }
    return result;
  }
}
