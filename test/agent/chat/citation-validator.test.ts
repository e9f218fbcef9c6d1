import { describe, expect, it } from 'vitest';
import { CitationMarkerFilter, CitationRegistry, validateCitations } from '../../../agent/chat/index.ts';
import type { PassageSpan } from '../../../graph/index.ts';

function span(chunkId: string, start: number, quote: string): PassageSpan {
  return {
    chunkId,
    section: 'body',
    start,
    end: start + quote.length,
    quote,
    document: {
      id: `doc:${chunkId}`,
      title: `Title ${chunkId}`,
      kind: 'news',
      publishedAt: '2022-01-02',
      source: 'test',
    },
  };
}

function registryWith(count: number): CitationRegistry {
  const registry = new CitationRegistry();
  for (let i = 1; i <= count; i += 1) registry.register(span(`c${i}`, i * 10, `quote ${i}`));
  return registry;
}

describe('CitationRegistry', () => {
  it('numbers spans from 1 and gives the same span the same number', () => {
    const registry = new CitationRegistry();
    expect(registry.register(span('a', 0, 'alpha'))).toBe(1);
    expect(registry.register(span('b', 5, 'beta'))).toBe(2);
    expect(registry.register(span('a', 0, 'alpha'))).toBe(1);
    expect(registry.get(2)).toMatchObject({
      n: 2,
      chunkId: 'b',
      documentId: 'doc:b',
      title: 'Title b',
      kind: 'news',
      publishedAt: '2022-01-02',
      section: 'body',
      start: 5,
      end: 9,
      quote: 'beta',
    });
    expect(registry.get(2)).not.toHaveProperty('page');
    expect(registry.get(2)).not.toHaveProperty('role');
  });

  it('keeps the role a suggestion cited a span in, and drops optional fields stored as null', () => {
    const registry = new CitationRegistry();
    const stored = { ...span('s', 3, 'gamma'), role: 'analogue' as const };
    // A Neo4j map projection returns null for a property the document does not have.
    const n = registry.register({ ...stored, document: { ...stored.document, number: null as never } });
    expect(registry.get(n)).toMatchObject({ n: 1, chunkId: 's', role: 'analogue', quote: 'gamma' });
    expect(registry.get(n)).not.toHaveProperty('number');
  });
});

describe('validateCitations', () => {
  it('keeps known markers, removes unknown ones and reports them', () => {
    const result = validateCitations(
      'PLA is used in cups [1]. It is also used in rockets [7].',
      registryWith(2),
    );
    expect(result.answer).toBe('PLA is used in cups [1]. It is also used in rockets.');
    expect(result.removedMarkers).toEqual(['[7]']);
    expect(result.citations.map((citation) => citation.n)).toEqual([1]);
    expect(result.citations[0]?.quote).toBe('quote 1');
  });

  it('filters groups and ranges number by number, citations in order of first use', () => {
    const result = validateCitations('A [2, 9]. B [1-3]. C [2][1]. D [12;2].', registryWith(2));
    expect(result.answer).toBe('A [2]. B [1][2]. C [2][1]. D [2].');
    expect(result.removedMarkers).toEqual(['[9]', '[3]', '[12]']);
    expect(result.citations.map((citation) => citation.n)).toEqual([2, 1]);
  });

  it('leaves text without markers and non-numeric brackets alone', () => {
    const text = 'See [the appendix] and [a](http://x) for more.';
    expect(validateCitations(text, registryWith(1))).toEqual({
      answer: text,
      citations: [],
      removedMarkers: [],
    });
  });

  it('removes every marker when no passage was returned', () => {
    const result = validateCitations('Claim [1] and claim [2].', new CitationRegistry());
    expect(result.answer).toBe('Claim and claim.');
    expect(result.removedMarkers).toEqual(['[1]', '[2]']);
  });
});

describe('CitationMarkerFilter (streaming)', () => {
  it('gives the same text as validateCitations however the text is split', () => {
    const text = 'Syringes [1] and vials [ 2 ] grow [7], see [1, 8] and [2-3].\nDone [9]';
    const expected = validateCitations(text, registryWith(2));
    for (const size of [1, 2, 3, 5, 8, 13]) {
      const filter = new CitationMarkerFilter(registryWith(2));
      let out = '';
      for (let i = 0; i < text.length; i += size) out += filter.push(text.slice(i, i + size));
      out += filter.flush();
      expect(out).toBe(expected.answer);
      expect(filter.removedMarkers()).toEqual(expected.removedMarkers);
    }
  });

  it('does not hold back text that cannot be a marker', () => {
    const filter = new CitationMarkerFilter(registryWith(1));
    expect(filter.push('Hello [world')).toBe('Hello [world');
    expect(filter.push(' and [1')).toBe(' and');
    expect(filter.push('] ok')).toBe(' [1] ok');
  });
});
