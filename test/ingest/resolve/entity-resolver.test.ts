import { describe, expect, it } from 'vitest';
import { loadDefaultLexicon } from '../../../ingest/extract/lexicon-matcher.ts';
import { EntityCollector, EntityResolver } from '../../../ingest/resolve/entity-resolver.ts';

const resolver = new EntityResolver([
  {
    id: 'material:polyethylene',
    label: 'Material',
    name: 'polyethylene',
    aliases: ['poly(ethylene)', 'PE'],
    exactAliases: ['PE'],
  },
  {
    id: 'material:pet',
    label: 'Material',
    name: 'polyethylene terephthalate',
    aliases: ['poly(ethylene terephthalate)', 'PET'],
    exactAliases: ['PET'],
  },
  { id: 'material:polyimide', label: 'Material', name: 'polyimide', aliases: ['PI'], exactAliases: ['PI'] },
  {
    id: 'material:phosphatidylinositol',
    label: 'Material',
    name: 'phosphatidylinositol',
    aliases: ['PI'],
    exactAliases: ['PI'],
  },
  {
    id: 'material:lfp',
    label: 'Material',
    name: 'lithium iron phosphate',
    aliases: ['LFP'],
    formula: 'LiFePO4',
  },
  {
    id: 'application:lithium-ion-battery',
    label: 'Application',
    name: 'lithium-ion battery',
    aliases: ['Li-ion battery', 'LIB'],
    exactAliases: ['LIB'],
  },
  {
    id: 'org:mitsui-chemicals',
    label: 'Organization',
    name: 'Mitsui Chemicals',
    aliases: ['Mitsui Chemicals, Inc.'],
  },
  { id: 'org:mitsui-co', label: 'Organization', name: 'Mitsui & Co.', aliases: [] },
]);

describe('EntityResolver', () => {
  it('resolves case, plural, hyphenation and spacing variants to one known entity', () => {
    for (const surface of ['Lithium-Ion Batteries', 'lithium ion battery', 'lithium-ion batteries', 'LIB']) {
      expect(resolver.resolve('Application', surface).id, surface).toBe('application:lithium-ion-battery');
    }
    expect(resolver.resolve('Material', 'Poly(ethylene)').id).toBe('material:polyethylene');
    expect(resolver.resolve('Material', 'poly ethylene').id).toBe('material:polyethylene');
    expect(resolver.resolve('Material', 'Polyethylenes').id).toBe('material:polyethylene');
  });

  it('resolves abbreviations through lexicon aliases, with their exact capitalisation only', () => {
    expect(resolver.resolve('Material', 'PE').id).toBe('material:polyethylene');
    expect(resolver.resolve('Material', 'PET').id).toBe('material:pet');
    expect(resolver.resolve('Material', 'PETs').id).toBe('material:pet');
    expect(resolver.resolve('Material', 'pe').id).not.toBe('material:polyethylene');
    expect(resolver.resolve('Material', 'Pet').id).not.toBe('material:pet');
  });

  it('never merges PE with PET or with a new short name', () => {
    const ids = new Set(['PE', 'PET', 'PEN'].map((surface) => resolver.resolve('Material', surface).id));
    expect(ids.size).toBe(3);
    expect(resolver.resolve('Material', 'PEs').id).toBe('material:polyethylene');
    expect(resolver.resolve('Material', 'PETE').id).not.toBe('material:pet');
    expect(resolver.resolve('Material', 'PEN').id).toBe('material:pen');
  });

  it('keeps two entities sharing a 2-letter acronym distinct and resolves the shared acronym to neither', () => {
    expect(resolver.resolve('Material', 'polyimide').id).toBe('material:polyimide');
    expect(resolver.resolve('Material', 'Phosphatidylinositol').id).toBe('material:phosphatidylinositol');
    const shared = resolver.resolve('Material', 'PI');
    expect(shared.via).toBe('ambiguous');
    expect(shared.id).not.toBe('material:polyimide');
    expect(shared.id).not.toBe('material:phosphatidylinositol');
  });

  it('resolves formulas in any element order and with subscript digits', () => {
    expect(resolver.resolve('Material', 'LiFePO4').id).toBe('material:lfp');
    expect(resolver.resolve('Material', 'LiFePO₄').id).toBe('material:lfp');
    expect(resolver.resolve('Material', 'FeLiPO4').id).toBe('material:lfp');
    const titania = resolver.resolve('Material', 'TiO₂');
    expect(titania.via).toBe('new');
    expect(titania.id).toBe(resolver.resolve('Material', 'O2Ti').id);
  });

  it('resolves organisation names with legal suffixes but does not merge different companies', () => {
    for (const surface of ['Mitsui Chemicals, Inc.', 'MITSUI CHEMICALS INC', 'Mitsui Chemicals Co., Ltd.']) {
      expect(resolver.resolve('Organization', surface).id, surface).toBe('org:mitsui-chemicals');
    }
    expect(resolver.resolve('Organization', 'Mitsui & Co., Ltd.').id).toBe('org:mitsui-co');
    expect(resolver.resolve('Organization', 'Acme Polymers GmbH').id).toBe('org:acme-polymers');
    expect(resolver.resolve('Organization', 'Acme Polymers Inc.').id).toBe('org:acme-polymers');
  });

  it('gives new names deterministic canonical ids, merging their variants', () => {
    const first = resolver.resolve('Material', 'Ethylene-propylene copolymers');
    const second = resolver.resolve('Material', 'ethylene propylene copolymer');
    expect(first.via).toBe('new');
    expect(first.id).toBe('material:ethylene-propylene-copolymer');
    expect(second.id).toBe(first.id);
  });
});

describe('EntityCollector', () => {
  it('merges surfaces as aliases under one entity', () => {
    const collector = new EntityCollector(resolver);
    collector.resolveAndRecord('Material', 'ethylene-propylene copolymer');
    collector.resolveAndRecord('Material', 'Ethylene propylene copolymers');
    collector.resolveAndRecord('Material', 'PE');
    const entities = collector.list();
    expect(entities).toHaveLength(2);
    expect(entities[0]).toMatchObject({
      id: 'material:ethylene-propylene-copolymer',
      name: 'ethylene-propylene copolymer',
      aliases: ['Ethylene propylene copolymers'],
    });
    expect(entities[1]).toMatchObject({ id: 'material:polyethylene', name: 'polyethylene' });
    expect(entities[1]?.aliases).toContain('PE');
  });

  it('uses the bundled lexicon as known entities', () => {
    const lexiconResolver = new EntityResolver(loadDefaultLexicon().knownEntities());
    expect(lexiconResolver.resolve('Material', 'poly(methyl methacrylate)').id).toBe('material:pmma');
    expect(lexiconResolver.resolve('Material', 'Cyclo-olefin copolymers').id).toBe(
      'material:cyclic-olefin-copolymer',
    );
    expect(lexiconResolver.resolve('Organization', 'BASF SE').id).toBe('org:basf');
    expect(lexiconResolver.resolve('Organization', 'Sumitomo Chemical Co., Ltd.').id).toBe(
      'org:sumitomo-chemical',
    );
    expect(lexiconResolver.resolve('Material', 'TiO₂').id).toBe('material:titanium-dioxide');
  });
});
