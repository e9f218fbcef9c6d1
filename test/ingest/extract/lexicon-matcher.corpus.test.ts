import { describe, expect, it } from 'vitest';
import { finalizeMentions, loadLexicon, matchMentions } from '../../../ingest/extract/lexicon-matcher.ts';
import { splitSentences } from '../../../ingest/extract/sentences.ts';
import { sharedRoot } from '../../support/paths.ts';

const vocabPath = `${sharedRoot}/bench/discovery/vocab.json`;

describe('the discovery task vocab.json through the same loader', () => {
  const vocab = loadLexicon(vocabPath);

  function annotate(text: string) {
    return finalizeMentions(splitSentences(text).flatMap((span) => matchMentions(vocab, text, span))).map(
      (mention) => `${mention.surface}=${mention.entityId}`,
    );
  }

  it('loads materials and applications with entity ids built from the vocab ids', () => {
    expect(vocab.size().Material).toBeGreaterThan(200);
    expect(vocab.size().Application).toBeGreaterThan(100);
    expect(vocab.entry('material:polyethylene')?.name).toBe('polyethylene');
    expect(vocab.entry('application:lithium-ion-battery')).toBeDefined();
  });

  it('applies longest match, stop phrases and acronym licensing as the ground truth does', () => {
    expect(annotate('Graphite anodes for lithium-ion batteries.')).toContain(
      'lithium-ion batteries=application:lithium-ion-battery',
    );
    expect(
      annotate('Graphite anodes for lithium-ion batteries.').some((item) =>
        item.endsWith('material:lithium'),
      ),
    ).toBe(false);
    expect(annotate('The glass transition temperature rises.')).toEqual([]);
    expect(annotate('A PET scan of the patient.')).toEqual([]);
    const licensed = annotate('Polyethylene terephthalate (PET) is used for bottles. PET is strong.');
    expect(licensed.filter((item) => item.startsWith('PET='))).toHaveLength(2);
  });
});
