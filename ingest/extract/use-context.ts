/**
 * What a sentence says around a material and an application beyond their co-occurrence: whether an
 * application word names a plant, a business or a role rather than a use ("the Anode Plant",
 * "supports include woven fabrics"), whether a material word is part of a company name ("Graphite
 * One", "Baolai Steel"), whether the sentence is about business (plants, prices, supply, construction,
 * offerings) rather than use, and how a use is hedged.
 */

interface Span {
  start: number;
  end: number;
}

// An application word that modifies a plant, a business or a process names that, not a use.
const placeOrBusinessAfter =
  /^(?:[\s-]+(?:active|grade|grades|materials?|product(?:ion)?s?|manufacturing|processing|purification|coating|spheroidi[sz]ation|upgrading|recycling|technology|raw))*(?:\s+\p{L}+)?\s+(?:plants?|compartments?|chambers?|facilit(?:y|ies)|factor(?:y|ies)|mills?|sites?|projects?|business(?:es)?|industr(?:y|ies)|markets?|sectors?|supply(?:\s+chains?)?|furnaces?|lines?|services?|equipment|machinery|operations?|capacity|output|demand|prices?|stocks?|shares?|investors?|ventures?)\b/iu;
// A hyphenated compound the application word only modifies: "cathode-luminescence", "cathode-ray".
const compoundModifierAfter = /^-(?:luminescen\w*|ray|rays|side|sides|to-\w+)/i;
// Adjectives that are also application terms: "refractory support", "adhesive foil".
const adjectivalApplication: Record<string, RegExp> = {
  refractory:
    /^\s+(?:supports?|cements?|metals?|superalloys?|alloys?|oxides?|materials?|ceramics?|compounds?|elements?|lining|(?:\p{L}+\s+)?ores?)\b/iu,
  adhesive: /^\s+(?:foils?|layers?|interface|articles?|bonds?|strength|properties|tapes?)\b/i,
};
// A role head introducing a list of materials forms: "porous supports include woven fabrics comprising …".
const roleHeadBefore =
  /\b(?:supports?|substrates?|carriers?|excipients?|fillers?|extenders?|binders?|diluents?|solvents?)\b[^.;]{0,40}?\b(?:include|includes|including|such as|is|are|selected from(?: the group consisting of)?|e\.g\.,?|for example)\s*(?:\p{L}+\s+){0,2}$/iu;

/**
 * Whether an application mention names something other than a use: a plant or business ("anode
 * plant", "battery anode material manufacturing plant"), a compound it only modifies, an adjective
 * ("refractory support"), or a material form listed under a role head ("supports include fabrics").
 */
export function isNotApplicationUse(
  text: string,
  mention: Span & { surface: string },
  sentence: Span,
): boolean {
  const after = text.slice(mention.end, Math.min(sentence.end, mention.end + 80));
  if (placeOrBusinessAfter.test(after)) return true;
  if (compoundModifierAfter.test(after)) return true;
  const adjective = adjectivalApplication[mention.surface.toLowerCase()];
  if (adjective?.test(after)) return true;
  const before = text.slice(Math.max(sentence.start, mention.start - 80), mention.start);
  // "would display narrow transitions", "to coat the fibres": the word is a verb here.
  if (/\b(?:would|will|can|could|may|might|must|shall|should|does|do|did)\s+$/i.test(before)) return true;
  return roleHeadBefore.test(before);
}

// A capitalised word that is not a sentence function word: part of a name with the material word.
const capitalisedWord =
  /^\s+(?!(?:The|A|An|And|Or|Of|In|For|To|With|By|On|At|Is|Are|Was|Were)\b)\p{Lu}\p{Ll}+/u;
const capitalisedWordBefore = /(?:^|[^.!?:]\s)\p{Lu}\p{Ll}+\s+$/u;

/**
 * Whether a capitalised material word is part of a proper name ("Graphite One Inc.", "Baolai Steel",
 * "Lithium Energy Ltd"): a capitalised word follows it or precedes it inside the sentence. Never in
 * title-cased text (headlines), where every word is capitalised.
 */
export function isInProperName(text: string, mention: Span & { surface: string }, sentence: Span): boolean {
  // "Li-ion", "Na-ion": the element names a battery type, not a material of the sentence.
  if (/^-ion\b/i.test(text.slice(mention.end, mention.end + 5))) return true;
  if (!/^\p{Lu}\p{Ll}/u.test(mention.surface)) return false;
  const after = text.slice(mention.end, Math.min(sentence.end, mention.end + 30));
  const before = text.slice(Math.max(sentence.start, mention.start - 30), mention.start);
  const atStart = mention.start === sentence.start;
  return capitalisedWord.test(after) || (!atStart && capitalisedWordBefore.test(before));
}

// Statements about plants, prices, supply, construction, trading and corporate events.
const businessStatement =
  /\b(?:plants?|facilit(?:y|ies)|factor(?:y|ies)|mines?|mill|deposits?|offtake|supply (?:chain|agreement|deal)s?|suppl(?:y|ies|ying|ied)|agreements?|contracts?|markets?|demand|prices?|priced|stocks?|shares?|investors?|invest(?:ed|ing|ment)?|public offering|IPO|acquisitions?|revenues?|tpa|tpy|tonnes|tons|capacity|construction|commissioning|production target|producers?|shareholders?|financing|funding|awarded|NASDAQ|NYSE|TSX|OTC\w*|ASX)\b/i;

/** Whether a sentence is about business (plants, prices, supply, construction, trading) rather than use. */
export function isBusinessStatement(sentence: string): boolean {
  return businessStatement.test(sentence);
}

// Hedges that make a use a possibility under study rather than a statement of use.
const hedge =
  /\b(?:could (?:be (?:evaluated|tested|explored|investigated|considered|used|applied)|potentially|enable|find|become|serve)|might|potential(?:ly)?(?: (?:use|uses|application|applications|candidate))?|promising|candidates? (?:for|material)|(?:being|be|is|are) (?:evaluated|tested|investigated|explored|studied|assessed|considered) (?:for|as|in)|under (?:evaluation|investigation|development|study)|is expected to|are expected to|aims? to|hopes? to|may (?:eventually|one day|someday))\b/i;

/** Whether a sentence hedges what it says ("could be evaluated for", "is a promising candidate for"). */
export function isHedged(sentence: string): boolean {
  return hedge.test(sentence);
}
