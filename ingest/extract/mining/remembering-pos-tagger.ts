import { hash } from 'node:crypto';
import type { TagMemory } from '../extractor.ts';
import { type PartOfSpeech, type PosTagger, partsOfSpeech, type TaggedToken } from './pos-tagger.ts';

const tagIndex = new Map<PartOfSpeech, number>(partsOfSpeech.map((name, index) => [name, index]));

/** One span's tags, packed: offsets relative to the span's start, two per token, and one tag byte each. */
interface PackedTags {
  offsets: Int32Array;
  tags: Uint8Array;
}

function pack(tokens: readonly TaggedToken[], start: number): PackedTags {
  const offsets = new Int32Array(tokens.length * 2);
  const tags = new Uint8Array(tokens.length);
  tokens.forEach((token, index) => {
    offsets[index * 2] = token.start - start;
    offsets[index * 2 + 1] = token.end - start;
    tags[index] = tagIndex.get(token.pos) ?? (tagIndex.get('X') as number);
  });
  return { offsets, tags };
}

function unpack({ offsets, tags }: PackedTags, start: number): TaggedToken[] {
  const tokens: TaggedToken[] = new Array(tags.length);
  for (let index = 0; index < tags.length; index++) {
    tokens[index] = {
      start: start + (offsets[index * 2] as number),
      end: start + (offsets[index * 2 + 1] as number),
      pos: partsOfSpeech[tags[index] as number] as PartOfSpeech,
    };
  }
  return tokens;
}

/** What a span is remembered by: a digest of its text (a slice would keep the whole text alive). */
function keyOf(text: string, start: number, end: number): string {
  return hash('sha1', text.slice(start, end), 'base64');
}

/**
 * A tagger that can remember the tags of the last `limit` spans it tagged (the oldest are forgotten
 * first). Ingestion analyses a document a second time when mined terms it names are promoted during
 * the run (`PromotionWindow`): its sentences are the same, and tagging is most of what mining costs.
 * `tag` only tags; `for('remember')` also remembers, for a document the run may analyse again;
 * `for('reuse')` gives back what is remembered, for the document analysed again. So a run without a
 * promotion window pays nothing, and a first analysis never reads what came before (a benchmark's
 * repeats and the 100× benchmark's renumbered copies cost what they did).
 * Only for taggers whose tags of a span depend on the span's text alone (wink-nlp and compromise
 * both tag `text.slice(start, end)`). Spans are remembered by a digest of their text, so the memory
 * holds no slice of a document's text (a slice would keep the whole text alive): about 0.5 KB a
 * sentence, some 25 MB at the default limit, which covers a window of 500 grants.
 */
export class RememberingPosTagger implements PosTagger {
  readonly name: string;
  private readonly remembered = new Map<string, PackedTags>();
  private readonly tagger: PosTagger;
  private readonly limit: number;
  private readonly remembering: PosTagger;
  private readonly reusing: PosTagger;

  constructor(tagger: PosTagger, limit = 50_000) {
    this.tagger = tagger;
    this.limit = limit;
    this.name = tagger.name;
    this.remembering = {
      name: tagger.name,
      tag: (text: string, start = 0, end = text.length): TaggedToken[] =>
        this.tagAndRemember(keyOf(text, start, end), text, start, end),
    };
    this.reusing = {
      name: tagger.name,
      tag: (text: string, start = 0, end = text.length): TaggedToken[] => {
        const key = keyOf(text, start, end);
        const known = this.remembered.get(key);
        return known ? unpack(known, start) : this.tagAndRemember(key, text, start, end);
      },
    };
  }

  /** Tags the span; remembers nothing. */
  tag(text: string, start = 0, end = text.length): TaggedToken[] {
    return this.tagger.tag(text, start, end);
  }

  /** The tagger for one analysis: `remember` its tags, `reuse` those remembered, or neither. */
  for(memory: TagMemory | undefined): PosTagger {
    return memory === 'remember' ? this.remembering : memory === 'reuse' ? this.reusing : this;
  }

  private tagAndRemember(key: string, text: string, start: number, end: number): TaggedToken[] {
    const tokens = this.tagger.tag(text, start, end);
    if (this.remembered.size >= this.limit) {
      const oldest = this.remembered.keys().next().value;
      if (oldest !== undefined) this.remembered.delete(oldest);
    }
    this.remembered.set(key, pack(tokens, start));
    return tokens;
  }

  /** Spans remembered now (at most `limit`). */
  get size(): number {
    return this.remembered.size;
  }
}
