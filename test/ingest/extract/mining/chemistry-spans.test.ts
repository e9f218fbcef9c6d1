import { describe, expect, it } from 'vitest';
import { findChemistrySpans, isFormulaToken } from '../../../../ingest/extract/mining/chemistry-spans.ts';

const spans = (text: string) => findChemistrySpans(text).map((span) => `${span.surface}:${span.kind}`);

describe('isFormulaToken', () => {
  it('accepts formulas with and without counts, variables, phases and crystal planes', () => {
    for (const formula of [
      'AlN',
      'GaN',
      'LiFePO4',
      'Ti1-xAlxN',
      'ZnSxSe1-x',
      'α-Fe2O3',
      'Si(100)',
      '(Ti,Al)N',
      'C60',
    ]) {
      expect(isFormulaToken(formula), formula).toBe(true);
    }
  });

  it('rejects acronyms, words, plurals of acronyms, gases and space groups', () => {
    for (const token of [
      'PVC',
      'PCB',
      'CNTs',
      'ICs',
      'Can',
      'Nice',
      'HEMT',
      'O2',
      'NO2',
      'CO2',
      'H2O',
      'P21',
    ]) {
      expect(isFormulaToken(token), token).toBe(false);
    }
  });
});

describe('findChemistrySpans', () => {
  it('finds alloys, also when a tokenised text spaces the dashes', () => {
    expect(spans('Ti-6Al-4V and Ag – Cu and U–Zr alloys')).toEqual([
      'Ti-6Al-4V:alloy',
      'Ag – Cu:alloy',
      'U–Zr:alloy',
    ]);
  });

  it('does not read bonds and curves as alloys', () => {
    expect(spans('The Si-O bonds and the I-V curves')).toEqual([]);
  });

  it('finds doped materials, with a formula or a named crystal as host', () => {
    expect(spans('ZnO:Al films, LuAG:Ce crystals and Y2O3 : Eu3+ phosphors')).toEqual([
      'ZnO:Al:doped',
      'LuAG:Ce:doped',
      'Y2O3 : Eu3+:doped',
    ]);
  });

  it('counts element symbols, but not English words, units, abbreviations or a company', () => {
    expect(
      spans(
        'Fe and Cu were added. In this work, 300 K was reached by Acme Co., Ltd. The remanent polarization (Pr)',
      ),
    ).toEqual(['Fe:element', 'Cu:element']);
  });

  it('counts one-letter symbols only in a list with other elements', () => {
    expect(spans('stabilisers (M = V, Ti, Nb and C)')).toEqual([
      'V:element',
      'Ti:element',
      'Nb:element',
      'C:element',
    ]);
    expect(spans('Figure 2 B and C')).toEqual([]);
  });

  it('splits chemical parts off compounds such as "ZnO-based" and "Ag/AgCl"', () => {
    expect(spans('ZnO-based varistors and Ag/AgCl electrodes')).toEqual([
      'ZnO:formula',
      'Ag:element',
      'AgCl:formula',
    ]);
  });

  it('finds nomenclature names and filled grades', () => {
    expect(
      spans('lithium iron phosphate, ferric chloride, zinc sulphate heptahydrate and PA66-GF30'),
    ).toEqual([
      'PA66-GF30:grade',
      'lithium iron phosphate:compound-name',
      'ferric chloride:compound-name',
      'zinc sulphate heptahydrate:compound-name',
    ]);
  });
});

describe('screening a sentence before splitting it into runs', () => {
  it('a sentence whose only capitals start long words or "A" has no notation, but may name compounds', () => {
    expect(spans('Example Three Shows Good Results.')).toEqual([]);
    expect(spans('Zinc oxide films were grown at room temperature.')).toEqual(['Zinc oxide:compound-name']);
    expect(spans('Aluminium nitrate and Ferric chloride were mixed.')).toEqual([
      'Aluminium nitrate:compound-name',
      'Ferric chloride:compound-name',
    ]);
  });

  it('short capitalised words, symbols and counts still reach the run reader', () => {
    expect(spans('Thin films of Fe were grown.')).toEqual(['Fe:element']);
    expect(spans('A blade made of Ti-6Al-4V was tested.')).toEqual(['Ti-6Al-4V:alloy']);
    // Three-letter words can be a symbol and a count ("Snx"): they are not screened out.
    expect(spans('The (Snx,Tiy)z layer')).toEqual(['(Snx,Tiy)z:formula']);
  });

  it('capitals in words that read as no element are inert, but not when a symbol or dopant follows', () => {
    expect(spans('FIG. 2 shows the DNA sequence.')).toEqual([]);
    expect(spans('FIG. 2 shows a TiO2 film.')).toEqual(['TiO2:formula']);
    // "It" and "By" are words, yet I and B are elements: they still reach the run reader.
    expect(spans('(It,By)x')).toEqual(['(It,By)x:formula']);
    expect(spans('The FIG : Ce phosphor')).toEqual(['FIG : Ce:doped']);
  });
});
