import { describe, expect, it } from 'vitest';
import {
  classifyUse,
  findFormulas,
  findOrganizationNames,
  findPolymerNames,
  findPropertyValue,
  isQualifiedProperty,
  producesCue,
  requiresConfidence,
} from '../../../ingest/extract/patterns.ts';

function spanOf(text: string, surface: string, from = 0) {
  const start = text.indexOf(surface, from);
  if (start < 0) throw new Error(`${surface} not in text`);
  return { start, end: start + surface.length };
}

const whole = (text: string) => ({ start: 0, end: text.length });

describe('findFormulas', () => {
  it('finds formulas of valid element symbols with counts', () => {
    const text = 'Coated with TiO2, Al2O3 and LiFePO₄ (LiNi0.8Co0.1Mn0.1O2) in H2O.';
    expect(findFormulas(text).map((hit) => hit.surface)).toEqual([
      'TiO2',
      'Al2O3',
      'LiFePO₄',
      'LiNi0.8Co0.1Mn0.1O2',
      'H2O',
    ]);
    expect(findFormulas(text)[2]?.formula).toBe('FeLiO4P');
  });

  it('ignores acronyms, classification codes and single elements', () => {
    expect(
      findFormulas('PVC, PS, H01M 50/409, A61L 27, C08L 23/10, Fig2, O2 and US2012 were cited.'),
    ).toEqual([]);
  });
});

describe('findPolymerNames', () => {
  it('finds poly(…), poly<word>, monomer copolymers and X-based polymers', () => {
    const text =
      'Blends of poly(vinylidene fluoride-co-hexafluoropropylene), polyphenylsulfone, an ethylene/α-olefin copolymer and a propylene-based elastomer; polymers and polymerization are not names.';
    expect(findPolymerNames(text).map((hit) => hit.surface)).toEqual([
      'poly(vinylidene fluoride-co-hexafluoropropylene)',
      'polyphenylsulfone',
      'ethylene/α-olefin copolymer',
      'propylene-based elastomer',
    ]);
  });
});

describe('findOrganizationNames', () => {
  it('finds capitalised names followed by a legal-form suffix', () => {
    const text = 'The film was supplied by Acme Polymers Co., Ltd. and by Nordic Resin AG in 2020.';
    expect(findOrganizationNames(text).map((hit) => hit.surface)).toEqual([
      'Acme Polymers Co., Ltd.',
      'Nordic Resin AG',
    ]);
  });
});

describe('findPropertyValue', () => {
  it('reads values with units after a property mention', () => {
    const cases: [string, string, number, string][] = [
      ['a tensile strength of 35 MPa', 'tensile strength', 35, 'MPa'],
      ['a Tg of 140 °C', 'Tg', 140, '°C'],
      ['a Tg of 140℃', 'Tg', 140, '°C'],
      ['a light transmittance of 91%', 'light transmittance', 91, '%'],
      ['a melt flow rate (230 °C, 2.16 kg) of 10 g/10 min', 'melt flow rate', 230, '°C'],
      ['thermal conductivity is 1.5 W/m·K', 'thermal conductivity', 1.5, 'W/m·K'],
      ['water absorption of not more than 0,5 %', 'water absorption', 0.5, '%'],
    ];
    for (const [text, property, value, unit] of cases) {
      const found = findPropertyValue(text, spanOf(text, property), text.length);
      expect(found, text).toMatchObject({ value, unit });
    }
  });

  it('rejects claim references and unitless numbers unless allowed', () => {
    const claim = 'the heat resistance of claim 1';
    expect(findPropertyValue(claim, spanOf(claim, 'heat resistance'), claim.length)).toBeNull();
    const index = 'a refractive index of 1.60';
    expect(findPropertyValue(index, spanOf(index, 'refractive index'), index.length)).toBeNull();
    expect(findPropertyValue(index, spanOf(index, 'refractive index'), index.length, true)).toMatchObject({
      value: 1.6,
    });
  });

  it('recognises qualified properties', () => {
    const text = 'It has excellent heat resistance and a transparent look; its density is 0.9.';
    expect(isQualifiedProperty(text, spanOf(text, 'heat resistance'), 0)).toBe(true);
    expect(isQualifiedProperty(text, spanOf(text, 'transparent'), 0)).toBe(true);
    expect(isQualifiedProperty(text, spanOf(text, 'density'), 0)).toBe(false);
  });
});

describe('relation cues', () => {
  it('ranks claim preambles, use phrases, composition and bare co-occurrence', () => {
    const claim = 'A battery separator comprising a polyolefin microporous film.';
    expect(
      classifyUse(claim, whole(claim), spanOf(claim, 'polyolefin'), spanOf(claim, 'battery separator'), true)
        .kind,
    ).toBe('claim');
    const use = 'The cyclic olefin copolymer is suitable for use in camera lenses.';
    expect(
      classifyUse(
        use,
        whole(use),
        spanOf(use, 'cyclic olefin copolymer'),
        spanOf(use, 'camera lenses'),
        false,
      ),
    ).toMatchObject({ kind: 'use', polarity: 'positive' });
    const made = 'Syringes made of cyclic olefin polymer are light.';
    expect(
      classifyUse(made, whole(made), spanOf(made, 'cyclic olefin polymer'), spanOf(made, 'Syringes'), false)
        .kind,
    ).toBe('composition');
    const plain = 'Glass sales grew while battery makers expanded in several regions of the world economy.';
    expect(
      classifyUse(plain, whole(plain), spanOf(plain, 'Glass'), spanOf(plain, 'battery'), false),
    ).toMatchObject({
      kind: 'cooccurrence',
      confidence: 0.4,
    });
  });

  it('a material modifying a material head shares its use; a material of another clause does not', () => {
    const text = 'Its geopolymer concrete is used in fire-resistant coatings for steel beams.';
    const materials = [spanOf(text, 'geopolymer'), spanOf(text, 'concrete'), spanOf(text, 'steel')];
    const coatings = spanOf(text, 'coatings');
    for (const material of [spanOf(text, 'geopolymer'), spanOf(text, 'concrete')]) {
      expect(classifyUse(text, whole(text), material, coatings, false, { materials }).kind).toBe('use');
    }
    const two = 'Zinc is added to the primer, while the epoxy is used in marine coatings.';
    const others = [spanOf(two, 'Zinc'), spanOf(two, 'epoxy')];
    expect(
      classifyUse(two, whole(two), spanOf(two, 'Zinc'), spanOf(two, 'marine coatings'), false, {
        materials: others,
      }).kind,
    ).not.toBe('use');
  });

  it('marks negated uses', () => {
    const text = 'Vials made without glass are lighter.';
    expect(classifyUse(text, whole(text), spanOf(text, 'glass'), spanOf(text, 'Vials'), false).polarity).toBe(
      'negative',
    );
    const unsuitable = 'PVC is not suitable for medical implants.';
    expect(
      classifyUse(
        unsuitable,
        whole(unsuitable),
        spanOf(unsuitable, 'PVC'),
        spanOf(unsuitable, 'medical implants'),
        false,
      ).polarity,
    ).toBe('negative');
  });

  it('finds requirement statements', () => {
    const a = 'Camera lenses require low birefringence.';
    expect(
      requiresConfidence(a, whole(a), spanOf(a, 'Camera lenses'), spanOf(a, 'low birefringence')),
    ).toBeGreaterThan(0);
    const b = 'High heat resistance is required for automotive parts.';
    expect(
      requiresConfidence(b, whole(b), spanOf(b, 'automotive parts'), spanOf(b, 'heat resistance')),
    ).toBeGreaterThan(0);
    const c = 'For 5G antennas, a low dielectric constant is essential.';
    expect(
      requiresConfidence(c, whole(c), spanOf(c, '5G antennas'), spanOf(c, 'low dielectric constant')),
    ).toBeGreaterThan(0);
    const d = 'Camera lenses and low birefringence were discussed.';
    expect(requiresConfidence(d, whole(d), spanOf(d, 'Camera lenses'), spanOf(d, 'low birefringence'))).toBe(
      0,
    );
  });

  it('finds production statements in news', () => {
    const launch = 'Mitsui Chemicals launches a new grade of TPX.';
    expect(producesCue(launch, spanOf(launch, 'Mitsui Chemicals'), spanOf(launch, 'TPX'))).toMatchObject({
      polarity: 'positive',
    });
    const stop = 'Acme will stop production of phenol at its plant.';
    expect(producesCue(stop, spanOf(stop, 'Acme'), spanOf(stop, 'phenol'))?.polarity).toBe('negative');
    const unrelated = 'Mitsui Chemicals said demand for TPX was weak.';
    expect(
      producesCue(unrelated, spanOf(unrelated, 'Mitsui Chemicals'), spanOf(unrelated, 'TPX')),
    ).toBeNull();
  });
});

describe('findOrganizationNames: a boilerplate heading is not part of the name', () => {
  it('drops a leading "About"', () => {
    const text = '[ About SIGMA Corporation ]';
    expect(findOrganizationNames(text).map((hit) => hit.surface)).toEqual(['SIGMA Corporation']);
  });
});
