/**
 * Application terms carry a sense: "cathode" in an organic electroluminescent element is an electrode,
 * not a battery cathode; a backsheet of a diaper is not a solar backsheet; an ion implant is not a
 * medical implant; lubricants in a tablet are an excipient role, not a lubricant product. Each
 * ambiguous term names the context its sense needs (in the sentence, else in the document) and what
 * it means otherwise: another application, or none (the mention is then no application at all).
 */

/** What the document as a whole is about, read once per document. */
export interface DocumentSenses {
  battery: boolean;
  lightEmitting: boolean;
}

interface SenseRule {
  /** Context that confirms the vocabulary's sense. */
  confirms: RegExp;
  /** Context that rules the vocabulary's sense out even when `confirms` matches elsewhere. */
  excludes?: RegExp;
  /** The sense otherwise: another application id, or null for none. */
  otherwise: string | null;
  /** When set, the sense is decided by the document flag if the sentence says nothing either way. */
  documentFlag?: keyof DocumentSenses;
  /** When set, the vocabulary's sense stands unless the document is about this (the usual sense of the word). */
  unlessDocument?: keyof DocumentSenses;
  /** Only mentions with these surfaces are ambiguous (lower case); other surfaces keep their sense. */
  surfaces?: RegExp;
}

const batteryContext =
  /\b(?:batter(?:y|ies)|lithium|li-ion|sodium-ion|electrochemical cells?|secondary cells?|rechargeable|charg(?:e|ing)[- ]discharg|energy storage|EVs?\b|electric vehicles?|cathode active|anode active|BAM\b|CSPG\b|spheroidi[sz]ed)/i;
const lightEmittingContext =
  /\b(?:electrolumines\w*|organic EL|OLEDs?|light[- ]emitting|LEDs?\b|display|pixels?|plasma|luminescen\w*|semiconductor|transistors?|diodes?|x-ray tubes?|electron (?:gun|beam|injection)|hole (?:injection|transport)|cathode[- ]ray|electroplat\w*|sputter\w*|electrolys[ie]s|chlor-alkali|solid oxide|SOFCs?|fuel cells?|air electrodes?|electrolyzers?|electrochemical sensors?)/i;
const formulationContext =
  /\b(?:tablets?|capsules?|dosage|excipients?|pharmaceutical|formulations?|disintegra\w*|binders?|fillers?|glidants?|diluents?|granulat\w*|lozenges?|suppositor\w*)\b/i;

const rules: Record<string, SenseRule> = {
  'application:battery-cathode': {
    confirms: batteryContext,
    excludes: lightEmittingContext,
    otherwise: 'application:electrode',
    unlessDocument: 'lightEmitting',
  },
  'application:battery-anode': {
    confirms: batteryContext,
    excludes: lightEmittingContext,
    otherwise: 'application:electrode',
    unlessDocument: 'lightEmitting',
  },
  'application:battery-electrolyte': { confirms: batteryContext, otherwise: null, documentFlag: 'battery' },
  'application:battery-binder': { confirms: batteryContext, otherwise: null, documentFlag: 'battery' },
  'application:conductive-additive': { confirms: batteryContext, otherwise: null, documentFlag: 'battery' },
  'application:medical-implant': {
    confirms:
      /\b(?:medical|surgical|surgery|patients?|bone|tissue|dental|orthop\w+|biocompatib\w+|body|joint|prosthe\w+|stents?)\b/i,
    excludes:
      /\b(?:ion implant\w*|implant\w* (?:into|in|to) (?:the |a )?(?:semiconductor|substrate|wafer|silicon)|dopants?|dop(?:ed|ing)|source\/drain|junctions?|annealing)\b/i,
    otherwise: null,
  },
  'application:solar-backsheet': {
    confirms: /\b(?:solar|photovoltaic|PV|modules?|cells?)\b/i,
    otherwise: null,
  },
  'application:pellicle': {
    confirms: /\b(?:lithograph\w*|photomasks?|masks?|reticles?|exposure)\b/i,
    otherwise: null,
  },
  'application:capacitor-film': {
    confirms: /\bcapacitors?\b/i,
    otherwise: null,
    surfaces: /dielectric film/,
  },
  'application:glazing': {
    confirms: /\b(?:glass|glazing|windows?|windshields?|windscreens?|laminated)\b/i,
    otherwise: null,
    surfaces: /interlayer/,
  },
  'application:flexible-printed-circuit': {
    confirms: /\b(?:circuits?|wiring|printed|FPCs?|copper[- ]clad)\b/i,
    otherwise: null,
    surfaces: /flexible substrate/,
  },
  'application:beverage-bottle': {
    confirms:
      /\b(?:beverages?|drinks?|soda|juices?|bottled|water bottles?|blow[- ]mo(?:u)?ld\w*|carbonated)\b/i,
    otherwise: null,
  },
  'application:lubricant': {
    confirms: /./,
    excludes: formulationContext,
    otherwise: null,
  },
  'application:eyeglass-lens': {
    confirms: /\b(?:lens(?:es)?|spectacles?|ophthalmic|optical)\b/i,
    otherwise: null,
    surfaces: /eyewear/,
  },
  'application:toys-stationery': {
    confirms: /\b(?:toys?|stationery|pens?|pencils?)\b/i,
    otherwise: null,
    surfaces: /consumer (?:goods|products)/,
  },
  'application:hose': {
    confirms:
      /\b(?:hoses?|tubing|fluid|pumps?|fuel|hydraulic|pneumatic|coolant|brake|medical|catheters?|automotive|garden|industrial)\b/i,
    excludes:
      /\b(?:round[- ]bottom|test tubes?|centrifuge|microcentrifuge|pipettes?|well plates?|cuvettes?|vials?|μl|µl|ml)\b/i,
    otherwise: null,
    surfaces: /\btubes?\b/,
  },
  'application:flexible-packaging': {
    confirms: /\b(?:packag\w+|pouch\w*|wrap\w*|food|bags?|sachets?)\b/i,
    otherwise: null,
    surfaces: /laminated film/,
  },
};

/** Reads the document-level sense flags (a battery paper, an OLED patent). */
export function documentSenses(text: string): DocumentSenses {
  const count = (pattern: RegExp) => (text.match(new RegExp(pattern.source, 'gi')) ?? []).length;
  const battery = count(batteryContext);
  const light = count(lightEmittingContext);
  return { battery: battery > 0 && battery >= light, lightEmitting: light > battery };
}

/**
 * The application a mention names in its context: the vocabulary's id when the context confirms its
 * sense (or the term is unambiguous), another id, or null when it names no application here.
 */
export function applicationSense(
  applicationId: string,
  surface: string,
  sentence: string,
  document: DocumentSenses,
): string | null {
  const rule = rules[applicationId];
  if (!rule) return applicationId;
  if (rule.surfaces && !rule.surfaces.test(surface.toLowerCase())) return applicationId;
  if (rule.excludes?.test(sentence)) return rule.otherwise;
  if (rule.confirms.test(sentence)) return applicationId;
  if (rule.documentFlag) return document[rule.documentFlag] ? applicationId : rule.otherwise;
  if (rule.unlessDocument) return document[rule.unlessDocument] ? rule.otherwise : applicationId;
  return rule.otherwise;
}
