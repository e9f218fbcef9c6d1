/**
 * Head nouns of applications: things a material is made into or used as (devices, components, parts,
 * products, functions). General engineering vocabulary written down once; no corpus went into it.
 */

/** Heads that name an application on their own ("coatings", "electrodes", "catalysts"). */
export const applicationHeads: ReadonlySet<string> = new Set(
  (
    'coating electrode anode cathode photoanode photocathode photoelectrode electrolyte catalyst ' +
    'photocatalyst electrocatalyst cocatalyst co-catalyst battery supercapacitor ultracapacitor capacitor ' +
    'sensor biosensor detector photodetector transistor diode phosphor scintillator magnet actuator ' +
    'transducer resonator varistor thermistor inductor membrane separator absorber adsorbent implant ' +
    'prosthesis stent scaffold crucible refractory solder interconnect filter waveguide ' +
    'adhesive sealant lubricant dressing emitter reactor turbine bearing gear engine pipe hose container tank ' +
    'bottle packaging insulator insulation electrolyzer electrolyser photocatalysis electrocatalysis ' +
    'catalysis microelectronics optoelectronics electronics ' +
    'photonics spintronics display touchscreen antenna fuel propellant explosive fertilizer pesticide ' +
    'cosmetic pharmaceutical drug vaccine tire tyre cable connector housing enclosure bumper ' +
    'windshield glazing window lens mirror prism tool cutter drill abrasive insert mold mould die ' +
    'brake clutch gasket seal valve pump nozzle textile garment fabric footwear toothpaste detergent ' +
    'microchip processor'
  ).split(' '),
);

/**
 * Heads too general to name an application without a classifying modifier: "optoelectronic devices"
 * and "biomedical applications" are applications, "devices" and "applications" are not.
 */
export const genericApplicationHeads: ReadonlySet<string> = new Set(
  (
    'device application component part industry technology equipment apparatus contact ' +
    'junction gate article instrument machine module conversion ' +
    'production generation splitting remediation purification removal storage'
  ).split(' '),
);

/**
 * Heads that never name an application even after a use cue ("used for the synthesis of", "suitable
 * for a wide range"): processes of making or studying, quantities and abstractions.
 */
export const nonApplicationHeads: ReadonlySet<string> = new Set(
  (
    'synthesis preparation fabrication formation characterization characterisation analysis study ' +
    'measurement investigation evaluation determination calculation simulation purpose reason time ' +
    'temperature range variety number amount degree level rate way method process procedure step ' +
    'technique approach mechanism condition state case example type kind form part first use ' +
    'property performance behavior behaviour effect result value function role basis source precursor ' +
    'reagent solvent reference comparison model theory design development improvement increase ' +
    'decrease reduction enhancement growth deposition treatment order addition presence absence ' +
    'material materials compound sample substance'
  ).split(' '),
);
