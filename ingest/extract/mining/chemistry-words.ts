/**
 * Closed word classes of materials chemistry used by the miner: element names, the anion and class
 * words of inorganic nomenclature, and the morphology words that describe a sample rather than name a
 * material or an application. General chemistry, written down once; no corpus went into these lists.
 */

const elementTable =
  'H hydrogen,He helium,Li lithium,Be beryllium,B boron,C carbon,N nitrogen,O oxygen,F fluorine,Ne neon,' +
  'Na sodium,Mg magnesium,Al aluminum,Si silicon,P phosphorus,S sulfur,Cl chlorine,Ar argon,K potassium,' +
  'Ca calcium,Sc scandium,Ti titanium,V vanadium,Cr chromium,Mn manganese,Fe iron,Co cobalt,Ni nickel,' +
  'Cu copper,Zn zinc,Ga gallium,Ge germanium,As arsenic,Se selenium,Br bromine,Kr krypton,Rb rubidium,' +
  'Sr strontium,Y yttrium,Zr zirconium,Nb niobium,Mo molybdenum,Tc technetium,Ru ruthenium,Rh rhodium,' +
  'Pd palladium,Ag silver,Cd cadmium,In indium,Sn tin,Sb antimony,Te tellurium,I iodine,Xe xenon,' +
  'Cs cesium,Ba barium,La lanthanum,Ce cerium,Pr praseodymium,Nd neodymium,Pm promethium,Sm samarium,' +
  'Eu europium,Gd gadolinium,Tb terbium,Dy dysprosium,Ho holmium,Er erbium,Tm thulium,Yb ytterbium,' +
  'Lu lutetium,Hf hafnium,Ta tantalum,W tungsten,Re rhenium,Os osmium,Ir iridium,Pt platinum,Au gold,' +
  'Hg mercury,Tl thallium,Pb lead,Bi bismuth,Po polonium,Rn radon,Ra radium,Ac actinium,Th thorium,' +
  'Pa protactinium,U uranium,Np neptunium,Pu plutonium,Am americium';

/** Lower-case element name (American spelling) → symbol. */
export const elementSymbolByName: ReadonlyMap<string, string> = new Map(
  elementTable.split(',').map((pair) => {
    const [symbol, name] = pair.split(' ') as [string, string];
    return [name, symbol];
  }),
);

/** Elements that are gases at room temperature: in a text they are atmospheres and reagents, not materials. */
export const gaseousElements: ReadonlySet<string> = new Set([
  'H',
  'He',
  'N',
  'O',
  'F',
  'Ne',
  'Cl',
  'Ar',
  'Kr',
  'Xe',
  'Rn',
]);

/**
 * Element names that are also ordinary English words (or verbs) and so name a material only in a
 * chemical context ("lead to", "iron out", "gold standard").
 */
export const ambiguousElementNames: ReadonlySet<string> = new Set(['lead', 'mercury', 'iron', 'gold', 'tin']);

/**
 * Two-letter symbols that are capitalised English words or common abbreviations ("In", "As", "No",
 * "Co." for company, "Pa" for pascal): they count only inside a formula or an element list.
 */
export const ambiguousSymbols: ReadonlySet<string> = new Set([
  'In',
  'As',
  'At',
  'Be',
  'He',
  'No',
  'Am',
  'Es',
  'Pa',
  'Ca',
  'Md',
  'Mt',
  'Ds',
  'Cn',
  'Ts',
  'Lv',
  'Fl',
  'Mc',
  'Nh',
  'Og',
  'Db',
  'Sg',
  'Bh',
  'Hs',
  'Rg',
  'Rf',
  'Bk',
  'Cf',
  'Fm',
  'Lr',
  'Cm',
  'Pm',
  'Po',
  'Tm',
  // Critical temperature, surface roughness and remanent polarisation are written like symbols.
  'Tc',
  'Ra',
  'Pr',
  // Gases at room temperature: process atmospheres, not materials.
  'Ar',
  'Ne',
  'Kr',
  'Xe',
  'Rn',
  'Cl',
]);

/** Anion words of inorganic nomenclature: "zinc oxide", "lithium iron phosphate", "barium titanate". */
export const anionWord =
  /^(?:mono|di|tri|tetra|penta|hexa|hepta|sesqui|per|oxy|hydroxy|sub)?(?:oxide|hydroxide|peroxide|nitride|carbide|boride|silicide|sulfide|selenide|telluride|fluoride|chloride|bromide|iodide|hydride|phosphide|arsenide|antimonide|phosphate|pyrophosphate|sulfate|sulfite|nitrate|nitrite|carbonate|bicarbonate|silicate|aluminosilicate|titanate|zirconate|niobate|tantalate|aluminate|borate|chromate|dichromate|manganate|permanganate|molybdate|tungstate|vanadate|ferrite|cobaltite|manganite|nickelate|cuprate|stannate|germanate|gallate|acetate|oxalate|citrate|perchlorate|chlorate|hypochlorite|cyanide|thiocyanate|hexafluorophosphate|tetrafluoroborate|oxynitride|oxyfluoride|oxychloride|carbonitride|hydrate|fluorosilicate|phosphosilicate|stearate|formate|acrylate|methacrylate|chalcogenide|halide|arsenate|selenate|tellurate|iodate|bromate)s?$/;

/** Cation adjectives of older nomenclature ("ferric oxide", "cuprous chloride"). */
export const cationAdjective =
  /^(?:ferric|ferrous|cupric|cuprous|stannic|stannous|plumbous|plumbic|mercuric|mercurous|cobaltous|cobaltic|manganous|chromic|chromous|nickelous|auric|aurous|titanous|vanadic|ceric|cerous|ammonium)$/;

/**
 * Heads that make a noun phrase a material when a modifier names which one: "silica aerogel",
 * "nitrile butadiene rubber", "aluminum alloy", "borosilicate glass", "polyamide resin".
 */
export const materialClassHeads: ReadonlySet<string> = new Set(
  (
    'polymer copolymer homopolymer terpolymer resin rubber elastomer fiber oxide alloy glass ceramic ' +
    'composite nanocomposite aerogel xerogel steel cement concrete wax ester ether amide imide ' +
    'polyester polyamide polyimide polyolefin polyurethane silicone lignin cellulose starch carbon graphite ' +
    'graphene nanotube zeolite perovskite spinel clay silica alumina zirconia titania ceria filler pigment ' +
    'dye salt acid oxide sulfide nitride carbide boride phosphate silicate gel hydrogel foam solder ionomer ' +
    'plastic thermoplastic thermoset laminate prepreg superalloy intermetallic'
  ).split(' '),
);

/**
 * Words that describe the form of a sample (particles, films, arrays) or its texture: they are neither
 * part of a material's name nor of an application's, so noun-phrase extension stops at them.
 */
export const morphologyWords: ReadonlySet<string> = new Set(
  (
    'nanoparticle nanoparticles particle particles nanorod nanorods nanowire nanowires nanosheet ' +
    'nanosheets nanoflake nanoflakes nanofiber nanofibers nanocrystal nanocrystals nanostructure ' +
    'nanostructures nanodot nanodots nanoplatelet nanoplatelets nanocube nanocubes nanobelt nanobelts ' +
    'nanoribbon nanoribbons nanocomposite nanocomposites microsphere microspheres sphere spheres powder ' +
    'powders film films array arrays crystal crystals whisker whiskers flake flakes sheet sheets grain ' +
    'grains sample samples specimen specimens matrix matrices bulk thin thick porous mesoporous ' +
    'microporous nanoporous macroporous nanostructured nanocrystalline polycrystalline monocrystalline ' +
    'crystalline amorphous single-crystal single-crystalline epitaxial dense hollow layered spherical ' +
    'composite composites hybrid hybrids structure structures system systems phase phases based doped ' +
    'coated loaded supported modified functionalized decorated sintered annealed sputtered ' +
    'electrodeposited nanoscale nanosized microscale as-prepared as-deposited as-grown as-synthesized'
  ).split(' '),
);
