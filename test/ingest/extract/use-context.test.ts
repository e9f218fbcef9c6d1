import { describe, expect, it } from 'vitest';
import { applicationSense, documentSenses } from '../../../ingest/extract/application-senses.ts';
import { isReferenceLabel } from '../../../ingest/extract/reference-labels.ts';
import {
  isBusinessStatement,
  isHedged,
  isInProperName,
  isNotApplicationUse,
} from '../../../ingest/extract/use-context.ts';

const whole = (text: string) => ({ start: 0, end: text.length });
function spanOf(text: string, surface: string, from = 0) {
  const start = text.indexOf(surface, from);
  if (start < 0) throw new Error(`${surface} not in ${text}`);
  return { start, end: start + surface.length, surface };
}

describe('reference labels', () => {
  it('reads part labels, numbered signals and sibling numerals as labels', () => {
    const cpu = 'The control equipment 10 includes CPU11, memory 12, and others.';
    expect(isReferenceLabel(cpu, spanOf(cpu, 'CPU11'), whole(cpu))).toBe(true);
    const switches = 'The first to fifth switch elements SW31 to SW35 are NMOS transistors.';
    expect(isReferenceLabel(switches, spanOf(switches, 'SW31'), whole(switches))).toBe(true);
    const valve = 'The eighth pipeline K8 provided with the eighth opening/closing valve SV8 is connected.';
    expect(isReferenceLabel(valve, spanOf(valve, 'SV8'), whole(valve))).toBe(true);
    const signals = 'The scan signal SS12 follows the switch signal SWS.';
    expect(isReferenceLabel(signals, spanOf(signals, 'SS12'), whole(signals))).toBe(true);
    const bus = 'The bus electrode Yb extends in the row direction.';
    expect(isReferenceLabel(bus, spanOf(bus, 'Yb'), whole(bus))).toBe(true);
  });

  it('keeps formulas written as formulas', () => {
    for (const [text, formula] of [
      ['A stream of CO2 was introduced into the reactor.', 'CO2'],
      ['The film contains MoS2 and WS2 as solid lubricants.', 'WS2'],
      ['Methane (CH4) is reformed over nickel.', 'CH4'],
      ['Ytterbium (Yb) is doped into the fibre.', 'Yb'],
    ] as const) {
      expect(isReferenceLabel(text, spanOf(text, formula), whole(text))).toBe(false);
    }
  });
});

describe('application senses', () => {
  const plain = { battery: false, lightEmitting: false };
  it('reads a cathode or anode by its sentence, then by its document', () => {
    const oled = 'The cathode of the organic electroluminescence element is aluminium.';
    expect(applicationSense('application:battery-cathode', 'cathode', oled, plain)).toBe(
      'application:electrode',
    );
    const battery = 'The cathode of the lithium-ion battery is NMC.';
    expect(applicationSense('application:battery-cathode', 'cathode', battery, plain)).toBe(
      'application:battery-cathode',
    );
    const silent = 'Graphite anode material is supplied from the plant.';
    expect(applicationSense('application:battery-anode', 'anode', silent, plain)).toBe(
      'application:battery-anode',
    );
    const oledDocument = documentSenses('Organic electroluminescence element with light-emitting layers');
    expect(applicationSense('application:battery-anode', 'anode', silent, oledDocument)).toBe(
      'application:electrode',
    );
  });

  it('drops senses the context rules out and leaves unambiguous terms alone', () => {
    const ion = 'A molecular cluster is implanted into the semiconductor substrate by ion implantation.';
    expect(applicationSense('application:medical-implant', 'implant', ion, plain)).toBeNull();
    const bone = 'Titanium is used for bone implants.';
    expect(applicationSense('application:medical-implant', 'implants', bone, plain)).toBe(
      'application:medical-implant',
    );
    const tablet = 'Tablets contain lubricants such as talc.';
    expect(applicationSense('application:lubricant', 'lubricants', tablet, plain)).toBeNull();
    const diaper = 'A suitable backsheet is a polyethylene film.';
    expect(applicationSense('application:solar-backsheet', 'backsheet', diaper, plain)).toBeNull();
    expect(applicationSense('application:catalyst', 'catalyst', tablet, plain)).toBe('application:catalyst');
  });
});

describe('use context', () => {
  it('reads application words that name a plant, a compound, an adjective or a listed form', () => {
    const plant = 'The delivery of structural steel for the Anode Plant is on schedule.';
    expect(isNotApplicationUse(plant, spanOf(plant, 'Anode'), whole(plant))).toBe(true);
    const support = 'Nickel supported on a refractory support such as alumina.';
    expect(isNotApplicationUse(support, spanOf(support, 'refractory'), whole(support))).toBe(true);
    const luminescence = 'MgO crystals cause a cathode-luminescence emission.';
    expect(isNotApplicationUse(luminescence, spanOf(luminescence, 'cathode'), whole(luminescence))).toBe(
      true,
    );
    const fabrics = 'Preferred porous supports include woven fabrics comprising glass.';
    expect(isNotApplicationUse(fabrics, spanOf(fabrics, 'fabrics'), whole(fabrics))).toBe(true);
    const use = 'Graphite is used in battery anodes for electric vehicles.';
    expect(isNotApplicationUse(use, spanOf(use, 'battery anodes'), whole(use))).toBe(false);
  });

  it('reads capitalised material words inside company names', () => {
    const company = 'Graphite One Inc. entered into a supply agreement with Lucid Group Inc.';
    expect(isInProperName(company, spanOf(company, 'Graphite'), whole(company))).toBe(true);
    const steel = 'Choosing Baolai Steel for your fire pipe supply ensures safety.';
    expect(isInProperName(steel, spanOf(steel, 'Steel'), whole(steel))).toBe(true);
    const sentence = 'Graphite particles are coated with a thin carbon film.';
    expect(isInProperName(sentence, spanOf(sentence, 'Graphite'), whole(sentence))).toBe(false);
  });

  it('tells business statements and hedges', () => {
    expect(isBusinessStatement('The Pilot Plant remains on track for commissioning in Q4 2025.')).toBe(true);
    expect(isBusinessStatement('Prices of lithium fell by a third.')).toBe(true);
    expect(isBusinessStatement('Silver is used to help solar panels generate electricity.')).toBe(false);
    expect(isHedged('Graphene could be evaluated for use in supercapacitors.')).toBe(true);
    expect(isHedged('The resin is a promising candidate for 5G antennas.')).toBe(true);
    expect(isHedged('The film may be made of polyethylene.')).toBe(false);
  });
});
