import { describe, expect, it } from 'vitest';
import type { Fact, SectionName } from '../../../graph/index.ts';
import { createLexiconExtractor } from '../../../ingest/extract/lexicon-extractor.ts';
import { loadDefaultLexicon } from '../../../ingest/extract/lexicon-matcher.ts';
import { buildInput } from './extraction-input.ts';

// The offline extractor of ingestion: bundled lexicon, patterns and mining.
const extractor = createLexiconExtractor({ vocabulary: loadDefaultLexicon(), mining: true });

function usesOf(
  text: string,
  options: { kind?: 'patent' | 'news'; section?: SectionName; title?: string } = {},
): Fact[] {
  const sections: [SectionName, string][] = [];
  if (options.title) sections.push(['title', options.title]);
  sections.push([options.section ?? (options.kind === 'news' ? 'body' : 'description'), text]);
  const input = buildInput('doc:precision', sections, { kind: options.kind ?? 'patent' });
  return extractor.extractSync(input).facts.filter((fact) => fact.type === 'USED_IN');
}

const pairs = (facts: Fact[]) => facts.map((fact) => `${fact.subjectId} > ${fact.objectId}`).sort();

describe('USED_IN precision: the error classes of issue 16', () => {
  it('gives an excipient list its role, not a lubricant use per member', () => {
    const facts = usesOf(
      'In some embodiments, the push-fit capsules contain the active ingredients in admixture with filler such as lactose, binders such as starches, and/or lubricants such as talc or magnesium stearate and, optionally, stabilizers.',
    );
    expect(pairs(facts)).toEqual([]);
  });

  it('keeps a lubricant use outside a formulation', () => {
    const facts = usesOf(
      'Such a lubricant may have an oil or a fat as base, but solid lubricants, such as graphite or different types of plastics, also exist.',
    );
    expect(pairs(facts)).toEqual(['material:graphite > application:lubricant']);
  });

  it('reads a catalyst support list as the catalyst, not as building material or refractory uses', () => {
    const facts = usesOf(
      'The primary reforming catalyst may be nickel supported on a refractory support such as rings or pellets of calcium aluminate cement, alumina, titania, zirconia and the like.',
    );
    const found = pairs(facts);
    expect(found).toContain('material:nickel > application:catalyst');
    expect(found).toContain('material:alumina > application:catalyst');
    expect(found).toContain('material:zirconia > application:catalyst');
    expect(found.filter((pair) => /building-material|refractory/.test(pair))).toEqual([]);
  });

  it('reads the cathode of an organic electroluminescent element as an electrode', () => {
    const facts = usesOf(
      'As the cathode 33 for the organic electroluminescence element, metals or alloys with a low work function are used including metals such as Al, In, Mg and Ti, magnesium alloys such as Mg—Ag alloys and Mg—In alloys, aluminum alloys such as Al—Li alloys, Al—Sr alloys and Al—Ba alloys.',
      { title: 'Organic electroluminescence element and an exposure unit' },
    );
    const found = pairs(facts);
    expect(found).toContain('material:aluminum > application:electrode');
    expect(found).toContain('material:magnesium > application:electrode');
    expect(found).toContain('material:titanium > application:electrode');
    expect(found.filter((pair) => pair.includes('battery'))).toEqual([]);
  });

  it('keeps a battery cathode a battery cathode', () => {
    const facts = usesOf(
      'Cobalt is another mineral of critical importance to clean energy, used as a core component of cathodes in rechargeable batteries.',
      { kind: 'news' },
    );
    expect(pairs(facts)).toContain('material:cobalt > application:battery-cathode');
  });

  it('never reads a reference numeral or part label as a formula', () => {
    const cpu = usesOf(
      'The control equipment 10 includes CPU11, memory 12, and others, and functions as a relationship holding section 13 for the textile yarn feeder.',
    );
    expect(cpu).toEqual([]);
    const switches = usesOf('The first to fifth switch elements SW31 to SW35 are NMOS transistors.');
    expect(switches).toEqual([]);
    const valve = usesOf(
      'The eighth pipeline K8 provided with the eighth opening/closing valve SV8 is connected to the second HIP apparatus main body VSL2.',
    );
    expect(valve).toEqual([]);
  });

  it('does not resolve titanium alloys to titanium dioxide, nor spread one bullet over the next', () => {
    const facts = usesOf(
      'Aerospace and Military: Titanium alloys are crucial in aircraft engines, airframes, and spacecraft due to their ability to withstand high temperatures and stress. * Medical Devices: Titanium is used in implants. * Titanium Dioxide: Titanium(IV) oxide, or titanium dioxide, is a widely used pigment in paints, plastics, and paper.',
      { kind: 'news' },
    );
    const found = pairs(facts);
    expect(found).toContain('material:titanium-alloy > application:aerospace');
    expect(found).toContain('material:titanium > application:medical-implant');
    expect(
      found.filter((pair) => pair.startsWith('material:titanium-dioxide > application:aerospace')),
    ).toEqual([]);
    expect(found.filter((pair) => pair.includes('eyeglass'))).toEqual([]);
  });

  it('does not read plants, construction or company markets as uses', () => {
    const plant = usesOf(
      '(8) the progress of the civil construction works under Open Steel; (9) the delivery to site of the structural steel scheduled for late October for the commercial Anode Plant designed for 25,000 tpa CSPG output.',
      { kind: 'news' },
    );
    expect(pairs(plant)).toEqual([]);
    const markets = usesOf(
      'NEO Battery Materials is a Canadian battery materials technology company focused on developing silicon anode materials for lithium-ion batteries in electric vehicles, electronics, and energy storage systems.',
      { kind: 'news' },
    );
    const found = pairs(markets);
    expect(found).toContain('material:silicon > application:battery-anode');
    expect(found).toContain('material:silicon > application:lithium-ion-battery');
    expect(found.filter((pair) => /electronic|electric-vehicle|energy-storage/.test(pair))).toEqual([]);
  });

  it('keeps a use stated inside a supply statement by a compound noun', () => {
    const facts = usesOf(
      "The contract involves supplying natural graphite anode material from Westwater's Kellyton graphite plant, covering the balance of the Phase 1 production.",
      { kind: 'news', title: 'Westwater signs graphite anode supply contract for batteries' },
    );
    expect(pairs(facts)).toEqual(['material:graphite > application:battery-anode']);
  });
});

describe('USED_IN polarity and hedging', () => {
  const one = (text: string, kind: 'patent' | 'news' = 'patent') => {
    const facts = usesOf(text, { kind });
    expect(facts).toHaveLength(1);
    return facts[0] as Fact;
  };

  it('records "is not suitable for" as negative', () => {
    const fact = one('Polystyrene is not suitable for medical implants.');
    expect(fact).toMatchObject({ subjectId: 'material:polystyrene', polarity: 'negative' });
  });

  it('records "was replaced by" as replaced for the replaced material and positive for the new one', () => {
    const facts = usesOf('In food packaging, glass was replaced by polyethylene terephthalate.', {
      kind: 'news',
    });
    expect(facts.find((fact) => fact.subjectId === 'material:glass')?.polarity).toBe('replaced');
    expect(facts.find((fact) => fact.subjectId === 'material:pet')?.polarity).toBe('positive');
    const instead = usesOf('Aluminium foil is now used in food packaging instead of polystyrene.', {
      kind: 'news',
    });
    expect(instead.find((fact) => fact.subjectId === 'material:polystyrene')?.polarity).toBe('replaced');
    expect(instead.find((fact) => fact.subjectId === 'material:aluminum')?.polarity).toBe('positive');
  });

  it('records "could be evaluated for" as tentative with a lower confidence than the plain statement', () => {
    const hedged = one('Graphene could be evaluated for use in supercapacitors.', 'news');
    const plain = one('Graphene is used in supercapacitors.', 'news');
    expect(hedged.polarity).toBe('tentative');
    expect(plain.polarity).toBe('positive');
    expect(hedged.confidence).toBeLessThan(plain.confidence);
  });

  it('gives a use phrase more confidence than a bare preposition, and bare co-occurrence no fact', () => {
    const use = one('Polycarbonate is used in automotive headlamp lenses.');
    const preposition = one('We sell polycarbonate for automotive lighting.', 'patent');
    expect(use.confidence).toBeGreaterThan(preposition.confidence);
    expect(
      usesOf('Polycarbonate prices rose while the smartphone market slowed in the third quarter.'),
    ).toEqual([]);
  });
});

describe('the co-mention relation of the discovery back-test', () => {
  it('records every pair of a sentence, cued pairs more confident, and cuts no Markdown bullets', () => {
    const comention = createLexiconExtractor({ vocabulary: loadDefaultLexicon(), relation: 'co-mention' });
    const text =
      'Polycarbonate prices rose while the smartphone market slowed. * Polycarbonate is used in automotive headlamp lenses.';
    const input = buildInput('doc:comention', [['body', text]], { kind: 'news' });
    const facts = comention.extractSync(input).facts.filter((fact) => fact.type === 'USED_IN');
    const smartphone = facts.find((fact) => fact.objectId === 'application:smartphone');
    expect(smartphone?.confidence).toBe(0.4);
    // One sentence (no Markdown bullet split): the use phrase and the plain co-occurrence share it.
    expect(new Set(facts.flatMap((fact) => fact.evidence.map((e) => e.start)))).toEqual(new Set([0]));
    const reading = extractor.extractSync(input).facts.filter((fact) => fact.type === 'USED_IN');
    expect(reading.find((fact) => fact.objectId === 'application:smartphone')).toBeUndefined();
  });
});
