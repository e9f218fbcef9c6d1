import { describe, expect, it } from 'vitest';
import { bundledLexiconSeed } from '../../../ingest/extract/lexicon-vocabulary.ts';
import { canonicalTermKey, headWordOf, termKeyOnce } from '../../../ingest/resolve/term-keys.ts';

describe('canonicalTermKey', () => {
  it('groups variants of case, plural, hyphenation, joined prefixes and spelling', () => {
    const variants = [
      'anti-reflective coatings',
      'Antireflective Coating',
      'the novel anti-reflective coating',
      'these improved antireflective coatings',
    ];
    expect(new Set(variants.map((variant) => canonicalTermKey(variant, 'Application')))).toEqual(
      new Set(['antireflective coating']),
    );
    expect(canonicalTermKey('glass-fibre reinforced polyamides', 'Material')).toBe(
      canonicalTermKey('glass fiber reinforced polyamide', 'Material'),
    );
    expect(canonicalTermKey('aluminium alloys', 'Material')).toBe('aluminum alloy');
    expect(canonicalTermKey('zinc sulphide', 'Material')).toBe('zinc sulfide');
    expect(canonicalTermKey('functionalised graphene', 'Material')).toBe('functionalized graphene');
    expect(canonicalTermKey('poly(vinylidene fluoride)', 'Material')).toBe(
      canonicalTermKey('polyvinylidenefluoride', 'Material'),
    );
  });

  it('drops hyphenated evaluative words but keeps classifying modifiers', () => {
    expect(canonicalTermKey('long-term energy storage systems', 'Application')).toBe('energy storage system');
    expect(canonicalTermKey('high-temperature applications', 'Application')).toBe(
      'high temperature application',
    );
    expect(canonicalTermKey('medical packaging', 'Application')).not.toBe(
      canonicalTermKey('packaging', 'Application'),
    );
  });

  it('writes formulas and chemical notation in one canonical form', () => {
    expect(canonicalTermKey('TiO2', 'Material')).toBe(canonicalTermKey('O2Ti', 'Material'));
    expect(canonicalTermKey('LiFePO₄', 'Material')).toBe('FeLiO4P');
    expect(canonicalTermKey('ZnO : Al', 'Material')).toBe('OZn:Al');
    expect(canonicalTermKey('Ag – Cu', 'Material')).toBe('Ag-Cu');
    expect(canonicalTermKey('PA66-GF30', 'Material')).toBe('PA66-GF30');
    expect(canonicalTermKey('Fe', 'Material')).toBe('Fe');
    expect(canonicalTermKey('Silica Aerogel', 'Material')).toBe('silica aerogel');
  });

  it('singularises the plural of an acronym', () => {
    expect(canonicalTermKey('CNTs', 'Material')).toBe('cnt');
    expect(canonicalTermKey('DSSCs', 'Application')).toBe('dssc');
  });

  it('gives the head word', () => {
    expect(headWordOf(canonicalTermKey('Flexible Medical Packagings', 'Application'))).toBe('packaging');
    expect(headWordOf('coating')).toBe('coating');
  });

  it('keys each surface of the bundled lexicon the same without its memo (termKeyOnce)', () => {
    let compared = 0;
    for (const term of bundledLexiconSeed().terms) {
      for (const surface of [
        term.name,
        ...(term.aliases ?? []),
        ...(term.acronyms ?? []),
        ` The ${term.name}s `,
      ]) {
        for (const keepLeadingWords of [true, false]) {
          expect(termKeyOnce(surface, term.label, { keepLeadingWords })).toBe(
            canonicalTermKey(surface, term.label, { keepLeadingWords }),
          );
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });
});
