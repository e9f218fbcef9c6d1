/**
 * The lexicon's material classes grouped the way a chemist would compare them: a family (materials
 * that can stand in for one another: polyolefins and olefinic elastomers) inside a kingdom (polymers,
 * inorganics, metals, carbons, chemicals). Two materials of different kingdoms are never analogues.
 */
interface ClassPlace {
  family: string;
  kingdom: string;
}

const families: Record<string, { kingdom: string; classes: string[] }> = {
  polyolefin: { kingdom: 'polymer', classes: ['polyolefin', 'olefinic elastomer', 'adhesive resin'] },
  // Rubbers of other backbones (silicone, nitrile, fluoro-, diene rubbers) are not polyolefins: they meet
  // polyolefins only through shared properties (see chemical-analogues.ts).
  elastomer: { kingdom: 'polymer', classes: ['elastomer'] },
  'engineering polymer': {
    kingdom: 'polymer',
    classes: [
      'engineering plastic',
      'super engineering plastic',
      'polyester',
      'styrenic',
      'acrylic',
      'vinyl',
      'fluoropolymer',
      'polyether',
      'optical resin',
      'conductive polymer',
      'barrier polymer',
      'precursor',
    ],
  },
  thermoset: { kingdom: 'polymer', classes: ['thermoset', 'polyurethane'] },
  biopolymer: { kingdom: 'polymer', classes: ['biopolymer'] },
  ceramic: {
    kingdom: 'inorganic',
    classes: ['ceramic', 'bioceramic', 'piezoceramic', 'magnetic ceramic'],
  },
  'inorganic compound': {
    kingdom: 'inorganic',
    classes: [
      'inorganic',
      'inorganic class',
      'pigment',
      'filler',
      'flame retardant',
      'conductor',
      'transparent conductor',
      'semiconductor',
      '2D material',
      'porous material',
      'nanomaterial',
    ],
  },
  battery: {
    kingdom: 'inorganic',
    classes: ['battery material', 'electrolyte', 'electrolyte salt', 'battery raw material'],
  },
  metal: { kingdom: 'metal', classes: ['metal', 'catalyst metal'] },
  carbon: { kingdom: 'carbon', classes: ['carbon'] },
  chemical: {
    kingdom: 'chemical',
    classes: ['chemical', 'monomer', 'additive', 'catalyst', 'electronic chemical', 'colorant'],
  },
  reinforcement: { kingdom: 'composite', classes: ['reinforcement', 'composite'] },
};

const placeOfClass = new Map<string, ClassPlace>();
for (const [family, { kingdom, classes }] of Object.entries(families))
  for (const materialClass of classes) placeOfClass.set(materialClass, { family, kingdom });

/** Materials whose lexicon class says less than their chemistry: a polyolefin wax is a polyolefin, EPDM an olefinic rubber. */
const classOfMaterial: Record<string, string> = {
  'material:polyolefin-wax': 'polyolefin',
  // The lexicon files every rubber under "elastomer"; these are olefin polymers by backbone.
  'material:epdm': 'olefinic elastomer',
  'material:epr': 'olefinic elastomer',
  'material:polyolefin-elastomer': 'olefinic elastomer',
  'material:thermoplastic-olefin': 'olefinic elastomer',
  'material:thermoplastic-vulcanizate': 'olefinic elastomer',
  'material:polyisobutylene': 'olefinic elastomer',
};

/** The class analogues are judged by: the chemical one where the lexicon files a material by function. */
export function chemicalClassOf(materialId: string, materialClass: string | undefined): string | undefined {
  return classOfMaterial[materialId] ?? materialClass;
}

/** The family and kingdom of a material's chemical class; undefined when the class is unknown. */
export function placeOf(materialId: string, materialClass: string | undefined): ClassPlace | undefined {
  const chemicalClass = chemicalClassOf(materialId, materialClass);
  return chemicalClass ? placeOfClass.get(chemicalClass) : undefined;
}
