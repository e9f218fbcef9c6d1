import { describe, expect, it } from 'vitest';
import { loadDefaultVocabulary } from '../../../../ingest/extract/lexicon-vocabulary.ts';
import { CompromisePosTagger } from '../../../../ingest/extract/mining/compromise-pos-tagger.ts';
import type { PosTagger } from '../../../../ingest/extract/mining/pos-tagger.ts';
import { type MinedTerm, mineTerms } from '../../../../ingest/extract/mining/term-miner.ts';
import { WinkPosTagger } from '../../../../ingest/extract/mining/wink-pos-tagger.ts';

const vocabulary = loadDefaultVocabulary();

function mine(text: string, section?: string): MinedTerm[] {
  const terms = mineTerms(text, { vocabulary, ...(section ? { section } : {}) });
  for (const term of terms) expect(text.slice(term.start, term.end)).toBe(term.surface);
  return terms;
}

const show = (terms: readonly MinedTerm[]) =>
  terms.map((term) => `${term.label}:${term.surface}:${term.cue}`);

describe('use cues', () => {
  it('a plural noun the tagger reads as a verb still ends the object ("fretboard finishes because")', () => {
    const terms = show(
      mine('Shellac is used in guitar fretboard finishes because it polishes to a hard film.'),
    );
    expect(terms).toContain('Application:guitar fretboard finishes:use-phrase');
  });

  it('records where the cue starts, for the stated-use rule', () => {
    const text = 'The fluorinated copolymer is used in automotive fuel hoses.';
    const [term] = mine(text);
    expect(term?.cueStart).toBe(text.indexOf('is used in'));
  });

  it('"used in" names the applications after it, every item of a list', () => {
    expect(show(mine('The fluorinated copolymer is used in automotive fuel hoses and seals.'))).toEqual([
      'Application:automotive fuel hoses:use-phrase',
      'Application:seals:use-phrase',
    ]);
  });

  it('"for use in"', () => {
    expect(
      show(
        mine('A thermoplastic resin composition for use in electric vehicle battery housings is provided.'),
      ),
    ).toEqual(['Application:electric vehicle battery housings:use-phrase']);
  });

  it('"applications such as"', () => {
    const terms = mine(
      'The prepregs are intended for applications such as wind turbine blades and pressure vessels.',
    );
    expect(show(terms)).toContain('Application:wind turbine blades:applications-such-as');
  });

  it('"suitable for"', () => {
    expect(show(mine('The film is suitable for food packaging trays.'))).toEqual([
      'Application:food packaging trays:suitable-for',
    ]);
  });

  it('"useful for"', () => {
    expect(show(mine('Such zeolite membranes are useful for hydrogen separation.'))).toContain(
      'Application:hydrogen separation:useful-as',
    );
  });

  it('a claim preamble names the claimed product', () => {
    const claim = '1. A heat-shrinkable label comprising a layer of polyester and a printed layer.';
    expect(show(mine(claim, 'claims'))).toContain('Application:heat-shrinkable label:claim-preamble');
    // A dependent claim or a method claim names no product.
    expect(show(mine('2. A method for producing a polyester film, comprising drawing.', 'claims'))).toEqual(
      [],
    );
  });

  it('a title names its subject and, after "for", its application', () => {
    expect(show(mine('Polyamide composition for automotive radiator end tanks', 'title'))).toEqual([
      'Material:Polyamide composition:title',
      'Application:automotive radiator end tanks:title',
    ]);
    expect(show(mine('POLYOLEFIN MICROPOROUS FILM FOR BATTERY SEPARATORS', 'title'))).toEqual([
      'Application:BATTERY SEPARATORS:title',
    ]);
  });

  it('a title about a method, an effect or a molecule names no product', () => {
    expect(mine('Methods for producing induced pluripotent stem cells', 'title')).toEqual([]);
    expect(mine('Monoclonal antibodies targeting amyloid beta oligomers', 'title')).toEqual([]);
  });

  it('mines nothing inside a stop phrase ("cell membrane" is not a separation membrane)', () => {
    expect(mine('The cell membrane of the stem cells was stained.')).toEqual([]);
  });

  it('finds nothing after a cue whose object is a process or a study', () => {
    expect(mine('The samples used in this study were suitable for the synthesis of oxides.')).toEqual([]);
  });
});

describe('head noun phrases', () => {
  it('keeps classifying modifiers of an application and drops evaluative ones', () => {
    expect(show(mine('We report novel flexible piezoresistive sensors for robots.'))).toEqual([
      'Application:flexible piezoresistive sensors:application-head',
    ]);
  });

  it('stops an application phrase at a material ("SnS2 nanorod array photoelectrodes" → "photoelectrodes")', () => {
    expect(show(mine('SnS2 nanorod array photoelectrodes were tested.'))).toEqual([
      'Material:SnS2:formula',
      'Application:photoelectrodes:application-head',
    ]);
  });

  it('needs a modifier for general heads ("electrochromic devices", not "devices")', () => {
    expect(show(mine('These devices are electrochromic devices.'))).toEqual([
      'Application:electrochromic devices:application-head',
    ]);
  });

  it('extends a known application by its classifying modifiers ("sterile medical packaging")', () => {
    expect(show(mine('The film is laminated into sterile medical packaging.'))).toEqual([
      'Application:sterile medical packaging:application-head',
    ]);
  });

  it('names a material by its class head and modifiers ("kraft lignin", "silica aerogel")', () => {
    expect(show(mine('Kraft lignin and silica aerogel were blended.'))).toEqual([
      'Material:Kraft lignin:material-head',
      'Material:silica aerogel:material-head',
    ]);
  });

  it('gives the same boundaries with either tagger on a plain sentence', () => {
    const text = 'Porous carbon photoanodes are used in tandem photoelectrochemical cells.';
    const wink = mineTerms(text, { vocabulary, tagger: new WinkPosTagger() });
    const compromise = mineTerms(text, { vocabulary, tagger: new CompromisePosTagger() });
    expect(show(wink)).toEqual(show(compromise));
    expect(show(wink)).toContain('Application:photoanodes:application-head');
  });
});

describe('chemistry notation', () => {
  it('finds formulas without counts, elements, alloys, doped materials, compound names and grades', () => {
    const text = 'GaN and Fe layers, an Al-Cu alloy, ZnO:Al films, cobalt ferrite and PA66-GF30 housings.';
    expect(mine(text).map((term) => `${term.surface}:${term.cue}:${term.key}`)).toEqual([
      'Fe:element:Fe',
      'Al-Cu:alloy:Al-Cu',
      'ZnO:Al:doped:OZn:Al',
      'cobalt ferrite:compound-name:cobalt ferrite',
      'PA66-GF30:grade:PA66-GF30',
      'housings:application-head:housing',
    ]);
  });

  it('defines an acronym after a term with the same label', () => {
    expect(show(mine('Sodium-ion capacitors (SICs) were assembled.'))).toContain('Application:SICs:acronym');
  });
});

describe('the taggers', () => {
  for (const tagger of [new WinkPosTagger(), new CompromisePosTagger()]) {
    it(`${tagger.name} returns tags with offsets into the text`, () => {
      const text = 'xx The separator is coated. yy';
      const tokens = tagger.tag(text, 3, 27);
      expect(tokens.map((token) => text.slice(token.start, token.end))).toEqual(
        expect.arrayContaining(['The', 'separator', 'is', 'coated']),
      );
      expect(tokens.find((token) => text.slice(token.start, token.end) === 'separator')?.pos).toBe('NOUN');
      expect(tokens.find((token) => text.slice(token.start, token.end) === 'The')?.pos).toBe('DET');
    });
  }
});

describe('tagging only where a phrase can be found', () => {
  function countingTagger(): PosTagger & { calls: number } {
    const wink = new WinkPosTagger();
    return {
      name: 'counting wink',
      calls: 0,
      tag(text: string, start?: number, end?: number) {
        this.calls += 1;
        return wink.tag(text, start, end);
      },
    };
  }

  it('does not tag a sentence without a head noun, known term, cue, preamble or title', () => {
    const tagger = countingTagger();
    const text = 'The results were repeated three times at room temperature.';
    expect(mineTerms(text, { vocabulary, tagger })).toEqual([]);
    expect(tagger.calls).toBe(0);
  });

  it('tags a sentence with a head noun, and finds its phrase as before', () => {
    const tagger = countingTagger();
    const text = 'The results were repeated with flexible gas sensors.';
    const terms = mineTerms(text, { vocabulary, tagger });
    expect(tagger.calls).toBe(1);
    expect(show(terms)).toEqual(['Application:flexible gas sensors:application-head']);
  });

  it('a generic head needs a possible modifier before it: "the device" is not tagged, "a sensing device" is', () => {
    const tagger = countingTagger();
    mineTerms('The device was then cleaned.', { vocabulary, tagger });
    expect(tagger.calls).toBe(0);
    expect(show(mineTerms('A sensing device was then cleaned.', { vocabulary, tagger }))).toEqual([
      'Application:sensing device:application-head',
    ]);
    expect(tagger.calls).toBe(1);
  });

  it('titles are always tagged', () => {
    const tagger = countingTagger();
    mineTerms('Method of operating the same', { vocabulary, tagger, section: 'title' });
    expect(tagger.calls).toBe(1);
  });
});
