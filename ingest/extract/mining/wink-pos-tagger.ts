import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import type { PartOfSpeech, PosTagger, TaggedToken } from './pos-tagger.ts';

type WinkInstance = ReturnType<typeof winkNLP>;
let shared: WinkInstance | undefined;

/** wink-nlp with its English lite web model (pos only: no entity or sentiment pipes). */
export class WinkPosTagger implements PosTagger {
  readonly name = 'wink-nlp';
  private readonly nlp: WinkInstance;

  constructor() {
    shared ??= winkNLP(model, ['pos']);
    this.nlp = shared;
  }

  tag(text: string, start = 0, end = text.length): TaggedToken[] {
    const slice = text.slice(start, end);
    const tokens = this.nlp.readDoc(slice).tokens();
    const values = tokens.out(this.nlp.its.value) as string[];
    const tags = tokens.out(this.nlp.its.pos) as string[];
    const result: TaggedToken[] = [];
    let cursor = 0;
    values.forEach((value, index) => {
      // wink keeps token values verbatim, so each is found in order after the previous one.
      const at = slice.indexOf(value, cursor);
      if (at < 0) return;
      cursor = at + value.length;
      result.push({ start: start + at, end: start + cursor, pos: (tags[index] ?? 'X') as PartOfSpeech });
    });
    return result;
  }
}
