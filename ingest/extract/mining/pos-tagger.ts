/** Universal part-of-speech tags (the subset both NLP libraries map onto). */
export const partsOfSpeech = [
  'NOUN',
  'PROPN',
  'ADJ',
  'VERB',
  'AUX',
  'ADP',
  'DET',
  'PRON',
  'CCONJ',
  'SCONJ',
  'ADV',
  'NUM',
  'PART',
  'PUNCT',
  'SYM',
  'INTJ',
  'X',
] as const;

export type PartOfSpeech = (typeof partsOfSpeech)[number];

/** A token with its tag, as offsets into the text that was tagged. */
export interface TaggedToken {
  start: number;
  end: number;
  pos: PartOfSpeech;
}

/** Part-of-speech tagging of one span of a text (normally a sentence); offsets into `text`. */
export interface PosTagger {
  readonly name: string;
  tag(text: string, start?: number, end?: number): TaggedToken[];
}
