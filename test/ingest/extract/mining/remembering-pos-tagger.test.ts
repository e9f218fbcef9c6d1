import { describe, expect, it } from 'vitest';
import { CompromisePosTagger } from '../../../../ingest/extract/mining/compromise-pos-tagger.ts';
import type { PosTagger, TaggedToken } from '../../../../ingest/extract/mining/pos-tagger.ts';
import { RememberingPosTagger } from '../../../../ingest/extract/mining/remembering-pos-tagger.ts';
import { WinkPosTagger } from '../../../../ingest/extract/mining/wink-pos-tagger.ts';

/** A real tagger that counts the spans it was asked to tag. */
class CountingTagger implements PosTagger {
  readonly name: string;
  calls = 0;
  constructor(private readonly tagger: PosTagger) {
    this.name = tagger.name;
  }
  tag(text: string, start?: number, end?: number): TaggedToken[] {
    this.calls += 1;
    return this.tagger.tag(text, start, end);
  }
}

const sentence = 'The cyclic olefin copolymer is used in prefilled syringes and diagnostic cuvettes.';
const other = 'Polypropylene fibres were spun into nonwoven fabrics for filtration media.';

describe('RememberingPosTagger', () => {
  for (const make of [() => new WinkPosTagger(), () => new CompromisePosTagger()]) {
    const name = make().name;

    it(`gives ${name}'s own tags, at the span's offsets, whether the span is new or remembered`, () => {
      const inner = new CountingTagger(make());
      const tagger = new RememberingPosTagger(inner);
      const first = `Abstract. ${sentence} More text follows.`;
      const second = `A longer preamble of another document comes first here. ${sentence}`;
      const at = (text: string) =>
        [text.indexOf(sentence), text.indexOf(sentence) + sentence.length] as const;

      const fresh = tagger.for('remember').tag(first, ...at(first));
      expect(fresh).toEqual(make().tag(first, ...at(first)));
      expect(inner.calls).toBe(1);

      const remembered = tagger.for('reuse').tag(second, ...at(second));
      expect(inner.calls).toBe(1);
      expect(remembered).toEqual(make().tag(second, ...at(second)));
      for (const token of remembered) expect(second.slice(token.start, token.end).trim()).not.toBe('');
      expect(tagger.size).toBe(1);
    });
  }

  it('remembers nothing unless asked to; only `reuse` reads what is remembered', () => {
    const inner = new CountingTagger(new WinkPosTagger());
    const tagger = new RememberingPosTagger(inner);
    tagger.tag(sentence);
    tagger.for(undefined).tag(sentence);
    expect(tagger.size).toBe(0);
    tagger.for('remember').tag(sentence);
    tagger.for('remember').tag(sentence);
    expect(inner.calls).toBe(4);
    tagger.tag(sentence);
    expect(inner.calls).toBe(5);
    tagger.for('reuse').tag(sentence);
    expect(inner.calls).toBe(5);
    expect(tagger.size).toBe(1);
  });

  it('tags a span whose text differs, even by case, anew', () => {
    const inner = new CountingTagger(new WinkPosTagger());
    const tagger = new RememberingPosTagger(inner);
    tagger.for('remember').tag(sentence);
    tagger.for('reuse').tag(sentence.toUpperCase());
    tagger.for('reuse').tag(other);
    expect(inner.calls).toBe(3);
    expect(tagger.size).toBe(3);
  });

  it('forgets the oldest spans beyond its limit, and tags them again when they come back', () => {
    const inner = new CountingTagger(new WinkPosTagger());
    const tagger = new RememberingPosTagger(inner, 2);
    const third = 'Silica aerogel blankets insulate pipelines.';
    const remember = tagger.for('remember');
    remember.tag(sentence);
    remember.tag(other);
    remember.tag(third);
    expect(tagger.size).toBe(2);
    expect(inner.calls).toBe(3);
    const reuse = tagger.for('reuse');
    reuse.tag(third);
    reuse.tag(other);
    expect(inner.calls).toBe(3);
    expect(reuse.tag(sentence)).toEqual(new WinkPosTagger().tag(sentence));
    expect(inner.calls).toBe(4);
    expect(tagger.size).toBe(2);
  });

  it('keeps no tag the tagger did not give: a remembered span returns fresh token objects', () => {
    const tagger = new RememberingPosTagger(new WinkPosTagger());
    const first = tagger.for('remember').tag(sentence);
    (first[0] as TaggedToken).pos = 'INTJ';
    const again = tagger.for('reuse').tag(sentence);
    expect(again).toEqual(new WinkPosTagger().tag(sentence));
    (again[0] as TaggedToken).pos = 'INTJ';
    expect(tagger.for('reuse').tag(sentence)).toEqual(new WinkPosTagger().tag(sentence));
  });
});
