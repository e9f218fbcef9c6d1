import { describe, expect, it, vi } from 'vitest';
import { readLexiconFile } from '../../../ingest/extract/lexicon-data.ts';
import { createLexiconExtractor } from '../../../ingest/extract/lexicon-extractor.ts';
import {
  finalizeMentions,
  loadDefaultLexicon,
  matchMentions,
} from '../../../ingest/extract/lexicon-matcher.ts';
import { lexiconTerms, loadDefaultVocabulary } from '../../../ingest/extract/lexicon-vocabulary.ts';
import { buildVocabulary, type VocabularyTerm } from '../../../ingest/extract/vocabulary.ts';
import { promotionOf } from '../../../ingest/vocabulary/candidate-promotion.ts';
import { buildInput } from './extraction-input.ts';

const bundled = loadDefaultVocabulary();

/** The bundled lexicon plus a catalog whose material is not in it. */
function withCatalog(...terms: VocabularyTerm[]) {
  return buildVocabulary([...bundled.terms, ...terms], `${bundled.version}+catalog-1`, {
    stopPhrases: bundled.stopPhrases,
  });
}

const silicaAerogel: VocabularyTerm = {
  id: 'material:silica-aerogel',
  label: 'Material',
  name: 'silica aerogel',
  aliases: ['AeroShield A200'],
  origin: 'catalog',
  broader: ['material:aerogel'],
};

function surfaces(text: string, vocabulary = bundled) {
  return finalizeMentions(matchMentions(vocabulary, text)).map(
    (mention) => `${mention.surface}=${mention.entityId}`,
  );
}

describe('buildVocabulary', () => {
  it('keeps the version, the origin and the broader links of its terms', () => {
    const vocabulary = withCatalog(silicaAerogel);
    expect(vocabulary.version).toBe(`${bundled.version}+catalog-1`);
    expect(vocabulary.term('material:silica-aerogel')).toMatchObject({
      origin: 'catalog',
      broader: ['material:aerogel'],
    });
    expect(vocabulary.term('material:silica')?.origin).toBe('lexicon');
    expect(vocabulary.size().Material).toBe(bundled.size().Material + 1);
  });

  it('merges terms with the same id, so a catalog can add aliases to a lexicon term', () => {
    const vocabulary = withCatalog({
      id: 'material:pa66',
      label: 'Material',
      name: 'PA66 catalog name',
      aliases: ['Ultramid A3K'],
      origin: 'catalog',
    });
    expect(vocabulary.term('material:pa66')?.name).toBe('polyamide 66');
    expect(surfaces('Ultramid A3K is moulded.', vocabulary)).toEqual(['Ultramid A3K=material:pa66']);
  });

  it('gives the bundled lexicon a version that changes with its files', () => {
    expect(bundled.version).toMatch(/^lexicon-[0-9a-f]{12}$/);
    expect(loadDefaultLexicon()).toBe(bundled);
  });

  it('reads broader links from the lexicon files', () => {
    const applications = lexiconTerms([
      readLexiconFile(new URL('../../../ingest/lexicon/applications.json', import.meta.url).pathname),
    ]);
    expect(applications.find((term) => term.id === 'application:medical-packaging')?.broader).toEqual([
      'application:packaging',
    ]);
  });
});

describe('compiling the matcher on first use', () => {
  it('promotion looks terms up without the matcher, and a matcher compiled late reads texts as one compiled at once', () => {
    const fresh = () =>
      buildVocabulary([...bundled.terms, silicaAerogel], 'late-compile', {
        stopPhrases: bundled.stopPhrases,
      });
    const vocabulary = fresh();
    const trie = vi.spyOn(vocabulary, 'trie', 'get');
    const entries = vi.spyOn(vocabulary, 'knownEntities');
    const promotion = promotionOf(
      {
        id: 'candidate:application:medical-packaging-film',
        label: 'Application',
        key: 'medical packaging film',
        name: 'medical packaging film',
        surfaces: ['medical packaging film', 'medical packaging films'],
        support: 3,
        occurrences: 4,
        cues: ['use'],
        promoted: false,
        retired: false,
        evidence: [],
      },
      vocabulary,
    );
    expect(promotion.term).toMatchObject({
      id: 'application:medical-packaging-film',
      broader: [expect.any(String)],
    });
    expect(vocabulary.term('material:silica-aerogel')).toMatchObject({ origin: 'catalog' });
    expect(trie).not.toHaveBeenCalled();
    expect(entries).not.toHaveBeenCalled();
    trie.mockRestore();
    entries.mockRestore();

    const text =
      'AeroShield A200 silica aerogel blankets and glass fibre insulate pipes; the glass transition is low.';
    const early = fresh();
    void early.trie;
    expect(surfaces(text, vocabulary)).toEqual(surfaces(text, early));
    expect(vocabulary.knownEntities()).toEqual(early.knownEntities());
    expect(surfaces(text, vocabulary)).toContain('silica aerogel=material:silica-aerogel');
  });
});

describe('most specific match wins', () => {
  it('reads a catalog term over the shorter lexicon term it contains', () => {
    const vocabulary = withCatalog(silicaAerogel);
    expect(surfaces('A silica aerogel blanket insulates LNG pipelines.', vocabulary)).toEqual([
      'silica aerogel=material:silica-aerogel',
      'pipelines=application:pipe',
    ]);
    // The shorter term is still itself where the text means it.
    expect(surfaces('Silica is a reinforcing filler in green tires.', vocabulary)).toEqual([
      'Silica=material:silica',
      'tires=application:tire',
    ]);
  });

  it('reads polyamide 66 as polyamide 66, not as polyamide', () => {
    expect(surfaces('Glass-fibre reinforced polyamide 66 and polyamide are compared.')).toEqual([
      'Glass-fibre=material:glass-fiber',
      'polyamide 66=material:pa66',
      'polyamide=material:polyamide',
    ]);
  });

  it('resolves a product name to its material', () => {
    expect(surfaces('AeroShield A200 panels were installed.', withCatalog(silicaAerogel))).toContain(
      'AeroShield A200=material:silica-aerogel',
    );
  });

  it('prefers a user or catalog term over a lexicon term for the same surface, keeping the other as alternative', () => {
    const vocabulary = withCatalog({
      id: 'material:acme-silica',
      label: 'Material',
      name: 'Acme precipitated silica',
      aliases: ['precipitated silica'],
      origin: 'user',
    });
    const [mention] = matchMentions(vocabulary, 'precipitated silica for tires');
    expect(mention?.entityId).toBe('material:acme-silica');
    expect(mention?.origin).toBe('user');
    expect(mention?.alternatives).toEqual(['material:silica']);
  });
});

describe('never over-merge', () => {
  it('keeps different substances that once shared a lexicon entry apart', () => {
    expect(
      surfaces('Graphene oxide was reduced to reduced graphene oxide, unlike pristine graphene.'),
    ).toEqual([
      'Graphene oxide=material:graphene-oxide',
      'reduced graphene oxide=material:reduced-graphene-oxide',
      'graphene=material:graphene',
    ]);
    expect(surfaces('Nickel sulfate is made from nickel.')).toEqual([
      'Nickel sulfate=material:nickel-sulfate',
      'nickel=material:nickel',
    ]);
  });

  it('does not count silica when the text names a silica aerogel the vocabulary does not know yet', () => {
    const extractor = createLexiconExtractor({ vocabulary: bundled, mining: true });
    const input = buildInput(
      'news:aerogel',
      [
        [
          'body',
          'The silica aerogel blanket is used for thermal insulation of cryogenic pipelines. Silica is used in tires.',
        ],
      ],
      { kind: 'news' },
    );
    const result = extractor.extractSync(input);
    const silica = result.mentions.filter((mention) => mention.entityId === 'material:silica');
    expect(silica.map((mention) => mention.surface)).toEqual(['Silica']);
    expect(
      result.facts.some(
        (fact) => fact.subjectId === 'material:silica' && fact.objectId === 'application:pipe',
      ),
    ).toBe(false);
    const candidate = result.candidates?.find((item) => item.key === 'silica aerogel');
    expect(candidate).toMatchObject({
      label: 'Material',
      surface: 'silica aerogel',
      broaderId: 'material:aerogel',
    });
    expect(input.text.slice(candidate?.sentence.start, candidate?.sentence.end)).toBe(
      'The silica aerogel blanket is used for thermal insulation of cryogenic pipelines.',
    );
    expect(result.vocabularyVersion).toBe(bundled.version);
  });

  it('leaves extraction without mining as it was (no candidates)', () => {
    const extractor = createLexiconExtractor({ lexicon: bundled });
    const result = extractor.extractSync(
      buildInput('news:plain', [['body', 'The silica aerogel blanket.']], { kind: 'news' }),
    );
    expect(result.candidates).toBeUndefined();
    expect(result.mentions.map((mention) => mention.entityId)).toEqual([
      'material:silica',
      'material:aerogel',
    ]);
  });
});

describe('the trie holds each alias of a term once', () => {
  /** The aliases at the end of `tokens` (lower-cased) in the vocabulary's trie. */
  function aliasesAt(vocabulary: ReturnType<typeof buildVocabulary>, tokens: string[]) {
    let node: typeof vocabulary.trie | undefined = vocabulary.trie;
    for (const token of tokens) node = node?.children?.get(token);
    return node?.aliases ?? [];
  }

  it('compiles an alias that is also its name inflected once, and another term with it beside it', () => {
    const film: VocabularyTerm = {
      id: 'application:barrier-film',
      label: 'Application',
      name: 'barrier film',
      aliases: ['barrier films', 'Barrier films'],
      origin: 'user',
    };
    const other: VocabularyTerm = {
      id: 'material:barrier-film-grade',
      label: 'Material',
      name: 'barrier films',
      origin: 'mined',
    };
    const vocabulary = buildVocabulary([film, other], 'test-1');
    const aliases = aliasesAt(vocabulary, ['barrier', 'films']);
    // "barrier films" as the name's plural and as an alias is one entry; "Barrier films" is another
    // alias of the same term (its own capitalisation); the second term's name is its own entry.
    expect(aliases.map((info) => [info.entityId, info.alias])).toEqual([
      ['application:barrier-film', 'barrier films'],
      ['application:barrier-film', 'Barrier films'],
      ['material:barrier-film-grade', 'barrier films'],
    ]);
    // A name ends a path: the leaf holds no map of children.
    expect(aliasesAt(vocabulary, ['barrier', 'film']).length).toBe(1);
    expect(vocabulary.trie.children?.get('barrier')?.children?.get('films')?.children).toBeNull();
    const text = 'Barrier films and barrier films.';
    const mentions = matchMentions(vocabulary, text);
    expect(mentions.map((mention) => [mention.surface, mention.entityId, mention.alternatives])).toEqual([
      ['Barrier films', 'application:barrier-film', ['material:barrier-film-grade']],
      ['barrier films', 'application:barrier-film', ['material:barrier-film-grade']],
    ]);
  });
});
