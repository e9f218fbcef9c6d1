import { describe, expect, it } from 'vitest';
import {
  createLexicon,
  finalizeMentions,
  type Lexicon,
  loadDefaultLexicon,
  matchMentions,
} from '../../../ingest/extract/lexicon-matcher.ts';
import { splitSentences } from '../../../ingest/extract/sentences.ts';

const small = createLexicon({
  version: 1,
  materials: [
    { id: 'lithium', name: 'lithium', aliases: ['Li'] },
    { id: 'pet', name: 'polyethylene terephthalate', aliases: ['PET'], acronyms: ['PET'] },
    { id: 'polyethylene', name: 'polyethylene', aliases: ['PE'], acronyms: ['PE'] },
    { id: 'tio2', name: 'titanium dioxide', aliases: ['TiO2'], caseSensitive: ['TiO2'] },
    { id: 'glass', name: 'glass', aliases: [] },
    { id: 'zinc', name: 'zinc', aliases: [] },
  ],
  applications: [
    {
      id: 'lithium-ion-battery',
      name: 'lithium-ion battery',
      aliases: ['lithium ion battery', 'Li-ion battery', 'lithium-ion batteries'],
    },
    { id: 'pipe', name: 'pipe', aliases: ['pipes'] },
    { id: 'membrane', name: 'separation membrane', aliases: ['membrane', 'membranes'] },
  ],
  stopPhrases: ['glass transition', 'zinc finger', 'cell membrane', 'PET scan'],
});

function surfaces(lexicon: Lexicon, text: string, mixedCase?: boolean) {
  return matchMentions(lexicon, text, mixedCase === undefined ? {} : { mixedCase }).map(
    (mention) => `${mention.surface}=${mention.entityId}`,
  );
}

describe('matchMentions', () => {
  it('takes the longest alias at each token and consumes its tokens', () => {
    expect(surfaces(small, 'A lithium-ion battery uses lithium.')).toEqual([
      'lithium-ion battery=application:lithium-ion-battery',
      'lithium=material:lithium',
    ]);
  });

  it('lets multi-word aliases be joined only by spaces, hyphens, dashes, slashes or parentheses', () => {
    expect(surfaces(small, 'lithium ion battery; lithium–ion battery; Li-ion battery')).toEqual([
      'lithium ion battery=application:lithium-ion-battery',
      'lithium–ion battery=application:lithium-ion-battery',
      'Li-ion battery=application:lithium-ion-battery',
    ]);
    expect(surfaces(small, 'lithium, ion battery')).toEqual(['lithium=material:lithium']);
  });

  it('matches stop phrases and discards them', () => {
    expect(
      surfaces(small, 'The glass transition of glass; a zinc finger; the cell membrane and a membrane.'),
    ).toEqual(['glass=material:glass', 'membrane=application:membrane']);
  });

  it('is case-insensitive except for case-sensitive and short aliases', () => {
    expect(surfaces(small, 'Lithium and LITHIUM-ION BATTERY in an all-caps title', false)).toEqual([
      'Lithium=material:lithium',
      'LITHIUM-ION BATTERY=application:lithium-ion-battery',
    ]);
    expect(surfaces(small, 'TiO2 and tio2 and Li and LI and li')).toEqual([
      'TiO2=material:tio2',
      'Li=material:lithium',
    ]);
  });

  it('skips an ordinary alias written in capitals inside mixed-case text, but not in all-caps titles', () => {
    expect(surfaces(small, 'The PIPES buffer and steel pipes.')).toEqual(['pipes=application:pipe']);
    expect(surfaces(small, 'STEEL PIPES FOR WATER')).toEqual(['PIPES=application:pipe']);
  });

  it('counts acronyms only in a document that names the entry another way', () => {
    const licensed = 'Polyethylene terephthalate (PET) bottles. PET is recyclable.';
    const unlicensed = 'PET imaging and PE teachers.';
    const run = (text: string) =>
      finalizeMentions(splitSentences(text).flatMap((span) => matchMentions(small, text, span))).map(
        (mention) => mention.surface,
      );
    expect(run(licensed)).toEqual(['Polyethylene terephthalate', 'PET', 'PET']);
    expect(run(unlicensed)).toEqual([]);
    expect(run('A PET scan.')).toEqual([]);
  });

  it('returns offsets into the text that reproduce the surface', () => {
    const text = 'xx A Li-ion battery with TiO2. yy';
    for (const mention of matchMentions(small, text, { start: 3, end: 31 })) {
      expect(text.slice(mention.start, mention.end)).toBe(mention.surface);
    }
  });

  it('sends an alias shared by two entries to the one the document names otherwise', () => {
    const shared = createLexicon({
      materials: [
        { id: 'polyimide', name: 'polyimide', aliases: ['PI'], acronyms: ['PI'] },
        { id: 'phosphatidylinositol', name: 'phosphatidylinositol', aliases: ['PI'], acronyms: ['PI'] },
      ],
    });
    const text = 'Phosphatidylinositol (PI) binds. PI is a lipid.';
    const mentions = finalizeMentions(
      splitSentences(text).flatMap((span) => matchMentions(shared, text, span)),
    );
    expect(mentions.map((mention) => mention.entityId)).toEqual([
      'material:phosphatidylinositol',
      'material:phosphatidylinositol',
      'material:phosphatidylinositol',
    ]);
  });
});

describe('the bundled lexicon', () => {
  const lexicon = loadDefaultLexicon();

  it('loads hundreds of entries of all four labels', () => {
    const size = lexicon.size();
    expect(size.Material).toBeGreaterThan(150);
    expect(size.Application).toBeGreaterThan(90);
    expect(size.Property).toBeGreaterThan(50);
    expect(size.Organization).toBeGreaterThan(50);
  });

  it('matches industrial text, plurals included', () => {
    const text =
      'Mitsui Chemicals supplies APEL cyclic olefin copolymers for smartphone camera lenses and prefilled syringes with low birefringence.';
    expect(matchMentions(lexicon, text).map((mention) => mention.entityId)).toEqual([
      'org:mitsui-chemicals',
      'material:cyclic-olefin-copolymer',
      'material:cyclic-olefin-copolymer',
      'application:smartphone-lens',
      'application:prefilled-syringe',
      'property:birefringence',
    ]);
  });

  it('keeps PE and PET apart', () => {
    const text = 'Polyethylene (PE) and polyethylene terephthalate (PET) films.';
    const ids = finalizeMentions(matchMentions(lexicon, text)).map(
      (mention) => `${mention.surface}=${mention.entityId}`,
    );
    expect(ids).toEqual([
      'Polyethylene=material:polyethylene',
      'PE=material:polyethylene',
      'polyethylene terephthalate=material:pet',
      'PET=material:pet',
    ]);
  });

  it('matches fast enough for bulk ingestion (> 1 MB/s)', () => {
    const sentence =
      'A battery separator comprising a polyethylene microporous film and alumina particles for lithium-ion batteries in electric vehicles. ';
    const text = sentence.repeat(8000);
    const started = performance.now();
    let count = 0;
    for (const span of splitSentences(text)) count += matchMentions(lexicon, text, span).length;
    const seconds = (performance.now() - started) / 1000;
    expect(count).toBeGreaterThan(8000 * 4);
    expect(text.length / 1e6 / seconds).toBeGreaterThan(1);
  });
});
