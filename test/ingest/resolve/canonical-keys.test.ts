import { describe, expect, it } from 'vitest';
import {
  canonicalKey,
  compactKey,
  entityId,
  formulaEntityId,
  looksLikeFormula,
  normalizeFormula,
  organizationKey,
  singularize,
} from '../../../ingest/resolve/canonical-keys.ts';

describe('canonical keys', () => {
  it('normalises case, plurals, hyphenation and spacing', () => {
    expect(canonicalKey('Application', 'Lithium-Ion Batteries')).toBe('lithium ion battery');
    expect(canonicalKey('Application', 'lithium ion battery')).toBe('lithium ion battery');
    expect(canonicalKey('Material', 'Polyolefins')).toBe('polyolefin');
    expect(canonicalKey('Application', 'optical lenses')).toBe('optical lens');
    expect(canonicalKey('Material', 'glasses')).toBe('glass');
    expect(canonicalKey('Material', 'poly(ethylene)')).toBe('poly ethylene');
    expect(compactKey(canonicalKey('Material', 'poly(ethylene)'))).toBe(
      compactKey(canonicalKey('Material', 'polyethylene')),
    );
    expect(canonicalKey('Property', "Young's modulus")).toBe('youngs modulus');
    expect(canonicalKey('Material', 'ethylene/α-olefin copolymer')).toBe('ethylene alpha olefin copolymer');
  });

  it('singularises conservatively', () => {
    expect(singularize('batteries')).toBe('battery');
    expect(singularize('lens')).toBe('lens');
    expect(singularize('glass')).toBe('glass');
    expect(singularize('boxes')).toBe('box');
    expect(singularize('electronics')).toBe('electronics');
    expect(singularize('pet')).toBe('pet');
  });

  it('strips organisation legal-form suffixes', () => {
    const expected = 'mitsui chemicals';
    for (const name of [
      'Mitsui Chemicals, Inc.',
      'Mitsui Chemicals Inc',
      'MITSUI CHEMICALS INC.',
      'Mitsui Chemicals Corporation',
      'Mitsui Chemicals Co., Ltd.',
      'Mitsui Chemicals K.K.',
      'The Mitsui Chemicals Corp.',
    ]) {
      expect(organizationKey(name), name).toBe(expected);
    }
    expect(organizationKey('BASF SE')).toBe('basf');
    expect(organizationKey('Evonik Industries AG')).toBe('evonik industries');
    expect(organizationKey('Braskem S.A.')).toBe('braskem');
    expect(organizationKey('Celgard LLC')).toBe('celgard');
    expect(organizationKey('Johnson Matthey plc')).toBe('johnson matthey');
    expect(organizationKey('Wacker Chemie GmbH')).toBe('wacker chemie');
    expect(canonicalKey('Organization', 'Mitsui Chemicals, Inc.')).toBe('mitsui chemicals');
  });

  it('normalises formulas: subscripts, element order for simple formulas', () => {
    expect(normalizeFormula('LiFePO4')).toBe(normalizeFormula('LiFePO₄'));
    expect(normalizeFormula('LiFePO4')).toBe(normalizeFormula('FeLiPO4'));
    expect(normalizeFormula('Al2O3')).toBe('Al2O3');
    expect(normalizeFormula('O2Ti')).toBe('O2Ti');
    expect(normalizeFormula('TiO2')).toBe('O2Ti');
    expect(normalizeFormula('CH4')).toBe('CH4');
    expect(normalizeFormula('Ca(OH)2')).toBe('Ca(OH)2');
    expect(normalizeFormula('Xy2')).toBeNull();
    expect(looksLikeFormula('PVC')).toBe(false);
    expect(looksLikeFormula('PS')).toBe(false);
    expect(looksLikeFormula('NaCl')).toBe(true);
    expect(looksLikeFormula('H01M')).toBe(false);
    expect(formulaEntityId(normalizeFormula('LiFePO₄') as string)).toBe('material:fe-li-o4-p');
  });

  it('builds prefixed slug ids', () => {
    expect(entityId('Material', 'Polyethylene Terephthalate')).toBe('material:polyethylene-terephthalate');
    expect(entityId('Organization', 'mitsui chemicals')).toBe('org:mitsui-chemicals');
    expect(entityId('Application', 'AR/VR optics')).toBe('application:ar-vr-optics');
  });
});
