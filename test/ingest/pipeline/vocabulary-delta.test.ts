import { describe, expect, it } from 'vitest';
import type { VocabularySnapshot, VocabularyTermRecord } from '../../../graph/index.ts';
import { loadDefaultVocabulary } from '../../../ingest/extract/lexicon-vocabulary.ts';
import {
  analyzeDocument,
  buildGraphExtractor,
  type ParsedDocument,
  readDocuments,
} from '../../../ingest/index.ts';
import { extendGraphExtractorBy } from '../../../ingest/pipeline/extractor-spec.ts';
import { termsAfter, vocabularyDelta } from '../../../ingest/pipeline/vocabulary-delta.ts';
import { fixture } from '../../support/paths.ts';

const lexicon = loadDefaultVocabulary().terms as VocabularyTermRecord[];

const mined = (name: string): VocabularyTermRecord => ({
  id: `application:${name.replace(/\s+/g, '-')}`,
  label: 'Application',
  name,
  origin: 'mined',
});

function snapshot(
  version: number,
  terms: VocabularyTermRecord[],
  retiredIds: string[] = [],
): VocabularySnapshot {
  return { version, stamp: `${version}|2026-12-05T00:00:0${version}.000Z`, terms, retiredIds };
}

/** `terms` with `added` spread among them, as a snapshot caught up since them lists them. */
function withAdded(terms: VocabularyTermRecord[], added: VocabularyTermRecord[]): VocabularyTermRecord[] {
  const result = [...terms];
  for (const [index, term] of added.entries()) result.splice((index + 1) * 97, 0, term);
  return result;
}

describe('a vocabulary version sent as what it adds', () => {
  const previous = snapshot(1, lexicon);
  const added = [mined('pipe liner q1'), mined('fuel tank q2'), mined('medical tube q3')];
  const current = snapshot(2, withAdded(previous.terms, added));

  it('is the added terms with their places, from which the new list is rebuilt', () => {
    const delta = vocabularyDelta(previous, current);
    expect(delta).toMatchObject({ since: previous.stamp, version: 2, stamp: current.stamp });
    expect(delta?.added.map(({ term }) => term)).toEqual(added);
    expect(termsAfter(previous.terms, delta as NonNullable<typeof delta>)).toEqual(current.terms);
  });

  it('is not made from a whole read, nor when the retired ids changed', () => {
    const wholeRead = snapshot(
      2,
      current.terms.map((term) => ({ ...term })),
    );
    expect(vocabularyDelta(previous, wholeRead)).toBeUndefined();
    const retired = snapshot(2, current.terms, ['material:pet']);
    expect(vocabularyDelta(previous, retired)).toBeUndefined();
    const dropped = snapshot(2, current.terms.slice(1));
    expect(vocabularyDelta(previous, dropped)).toBeUndefined();
  });

  it('is refused when its places do not fit the list the thread holds', () => {
    const delta = vocabularyDelta(previous, current) as NonNullable<ReturnType<typeof vocabularyDelta>>;
    expect(termsAfter(previous.terms.slice(0, 50), delta)).toBeUndefined();
    const unordered = { ...delta, added: [...delta.added].reverse() };
    expect(termsAfter(previous.terms, unordered)).toBeUndefined();
  });

  it("extends a thread's extractor to what a whole snapshot builds, analyses included", async () => {
    const documents: ParsedDocument[] = [];
    for await (const outcome of readDocuments({
      kind: 'file',
      path: fixture('uspto-ipg-weekly-excerpts', 'ipg120327.196.xml.gz'),
    })) {
      if (outcome.ok) documents.push(outcome.document);
    }
    const document = documents[0] as ParsedDocument;
    const spec = { kind: 'graph', mining: true } as const;
    const held = buildGraphExtractor(spec, previous);
    await analyzeDocument(held.extractor, document);
    const delta = vocabularyDelta(previous, current) as NonNullable<ReturnType<typeof vocabularyDelta>>;
    const extended = extendGraphExtractorBy(held, delta);
    const whole = buildGraphExtractor(spec, current);
    expect(extended?.vocabulary.version).toBe(whole.vocabulary.version);
    expect(extended?.vocabulary.terms).toEqual(whole.vocabulary.terms);
    expect(extended?.vocabulary.knownEntities()).toEqual(whole.vocabulary.knownEntities());
    expect(await analyzeDocument(extended?.extractor as typeof whole.extractor, document)).toEqual(
      await analyzeDocument(whole.extractor, document),
    );
  });
});
