import { describe, expect, it } from 'vitest';
import type { EvidenceCitation } from '../../../agent/discovery/candidate.ts';
import { chemicalAnalogues } from '../../../agent/discovery/chemical-analogues.ts';
import { EvidenceIndex } from '../../../agent/discovery/evidence-index.ts';
import type { RankedApplication } from '../../../agent/discovery/rank-candidates.ts';
import { attachableCitations } from '../../../agent/suggest/attachable-citations.ts';
import { composeRationale } from '../../../agent/suggest/compose-rationale.ts';
import { confidenceOf } from '../../../agent/suggest/confidence.ts';
import { scoreGroups } from '../../../agent/suggest/score-groups.ts';
import { countHeldBack } from '../../../agent/suggest/suggestion-engine.ts';
import type { CoMentionRow, EvidenceRows } from '../../../graph/index.ts';

function citation(
  role: EvidenceCitation['role'],
  subjectId: string,
  objectId: string,
  n: number,
): EvidenceCitation {
  return {
    role,
    subjectId,
    objectId,
    documentId: `d${n}`,
    chunkId: `d${n}#c1`,
    start: 0,
    end: 10,
    publishedAt: '2020-01-01',
    confidence: 0.8,
  };
}

function ranked(parts: Partial<RankedApplication>): RankedApplication {
  return {
    applicationId: 'application:ev-battery',
    rank: 1,
    score: 0.5,
    rankScore: 0,
    modelScore: 0.5,
    directScore: 0,
    components: {},
    features: {} as RankedApplication['features'],
    sources: [],
    citations: [],
    via: [],
    analogueReasons: {},
    ...parts,
  };
}

describe('score groups', () => {
  it('add up, with the base rate, to the score; each group keeps the sign of its logit contribution', () => {
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    // bias −2; contributions: evidence +1.0, analogy +0.5, market −0.3; logit 0.8 − 2 = −0.8 → model 0.3100.
    const model = sigmoid(-0.8);
    const entry = ranked({
      components: { directCoMentions: 1, analogueStrength: 0.5, appPopularity: -0.3 },
      modelScore: model,
      score: 0.6,
    });
    const { baseRate, groups } = scoreGroups(entry, -2);
    expect(baseRate).toBeCloseTo(sigmoid(-2), 12);
    const sum =
      baseRate + groups.evidence + groups.analogy + groups.propertyFit + groups.momentum + groups.market;
    expect(sum).toBeCloseTo(0.6, 12);
    const rise = model - sigmoid(-2);
    expect(groups.analogy).toBeCloseTo((rise * 0.5) / 1.2, 12);
    expect(groups.market).toBeCloseTo((rise * -0.3) / 1.2, 12);
    // Direct evidence lifts the final score above the model's: that lift is evidence too.
    expect(groups.evidence).toBeCloseTo((rise * 1) / 1.2 + (0.6 - model), 12);
    expect(groups.propertyFit).toBe(0);
    expect(groups.momentum).toBe(0);
  });
});

describe('confidence', () => {
  it('high needs direct evidence from ≥ 3 documents over ≥ 2 years and a second kind or role', () => {
    expect(confidenceOf({ documents: 3, kinds: 2, years: 2, roles: ['direct'] })).toBe('high');
    expect(confidenceOf({ documents: 3, kinds: 1, years: 2, roles: ['analogue', 'direct'] })).toBe('high');
    expect(confidenceOf({ documents: 3, kinds: 1, years: 2, roles: ['direct'] })).toBe('medium');
    expect(confidenceOf({ documents: 5, kinds: 2, years: 1, roles: ['direct'] })).toBe('medium');
    expect(confidenceOf({ documents: 2, kinds: 1, years: 1, roles: ['analogue'] })).toBe('medium');
    expect(confidenceOf({ documents: 1, kinds: 1, years: 1, roles: ['direct'] })).toBe('low');
    expect(confidenceOf({ documents: 4, kinds: 2, years: 3, roles: ['property', 'market'] })).toBe('low');
  });
});

describe('citations a suggestion may carry', () => {
  it('drops a passage naming neither the material, a stated analogue nor the application', () => {
    const kept = attachableCitations(
      [
        citation('direct', 'material:admer', 'application:ev-battery', 1),
        citation('analogue', 'material:polyethylene', 'application:ev-battery', 2),
        citation('analogue', 'material:silica', 'application:thermal-insulation', 3),
        citation('property', 'material:silica', 'property:heat-resistance', 4),
        citation('market', 'material:aerogel', 'application:ev-battery', 5),
      ],
      {
        materials: ['material:admer'],
        analogues: ['material:polyethylene'],
        applicationId: 'application:ev-battery',
      },
    );
    expect(kept.map((c) => c.documentId)).toEqual(['d1', 'd2', 'd5']);
  });
});

describe('rationale', () => {
  it('is plain sentences whose claims carry the [n] of the citations behind them', () => {
    const citations = [
      citation('direct', 'material:admer', 'application:ev-battery', 1),
      citation('analogue', 'material:polyethylene', 'application:ev-battery', 2),
      citation('property', 'application:ev-battery', 'property:heat-resistance', 3),
      citation('direct', 'material:admer', 'application:ev-battery', 4),
      citation('market', 'material:nmc', 'application:ev-battery', 5),
    ];
    const text = composeRationale({
      material: 'ADMER',
      application: 'ev battery',
      entity: (id) => id.replace(/^[a-z]+:/, '').replaceAll('-', ' '),
      citations,
      analogueReasons: { 'material:polyethylene': 'same polyolefin family; shares heat resistance' },
    });
    expect(text).toBe(
      'Documents already name ADMER together with ev battery [1][4]. ' +
        'Polyethylene (same polyolefin family; shares heat resistance) is used in ev battery [2]. ' +
        'Ev battery requires heat resistance [3]. ' +
        'Mentions of ev battery are growing faster than the corpus [5].',
    );
  });
});

describe('held-back counts', () => {
  it('counts per reason, most frequent first, leaving accepted (known) applications out', () => {
    const heldBack = countHeldBack([
      { applicationId: 'application:a', reason: 'below minimum support' },
      { applicationId: 'application:b', reason: 'equal-score filler' },
      { applicationId: 'application:c', reason: 'below minimum support' },
      { applicationId: 'application:d', reason: 'accepted: now a known application' },
    ]);
    expect(heldBack).toEqual({
      total: 3,
      reasons: [
        { reason: 'below minimum support', count: 2 },
        { reason: 'equal-score filler', count: 1 },
      ],
    });
  });
});

describe('chemical analogues', () => {
  const row = (materialId: string, applicationId: string, documentId: string): CoMentionRow => ({
    materialId,
    applicationId,
    documentId,
    kind: 'news',
    publishedAt: '2021-01-01',
    assignees: [],
    confidence: 0.8,
    chunkId: `${documentId}#c1`,
    start: 0,
    end: 10,
  });
  const rows: EvidenceRows = {
    // The aerogel shares two applications with the adhesive resin; polyethylene shares none.
    coMentions: [
      row('material:acid-modified-polyolefin', 'application:ev-battery', 'd1'),
      row('material:acid-modified-polyolefin', 'application:food-packaging', 'd2'),
      row('material:aerogel', 'application:ev-battery', 'd3'),
      row('material:aerogel', 'application:food-packaging', 'd4'),
      row('material:polyethylene', 'application:pipe', 'd5'),
      row('material:silica', 'application:tyre', 'd6'),
      row('material:titanium-dioxide', 'application:paint', 'd7'),
    ],
    mentions: [],
    propertyFacts: [
      {
        type: 'HAS_PROPERTY',
        subjectId: 'material:polyethylene',
        propertyId: 'property:heat-resistance',
        documentId: 'd5',
        publishedAt: '2021-01-01',
      },
    ],
    materialClasses: {
      'material:acid-modified-polyolefin': 'adhesive resin',
      'material:aerogel': 'porous material',
      'material:polyethylene': 'polyolefin',
      'material:silica': 'filler',
      'material:titanium-dioxide': 'pigment',
    },
    broader: [
      { narrowerId: 'material:silica', broaderId: 'material:oxide' },
      { narrowerId: 'material:titanium-dioxide', broaderId: 'material:oxide' },
    ],
  };
  const index = EvidenceIndex.fromRows(rows);

  it('never links an acid-modified polyolefin adhesive to a silica aerogel, however many uses they share', () => {
    const found = chemicalAnalogues(
      index,
      'material:acid-modified-polyolefin',
      new Set(['property:heat-resistance']),
    );
    expect(found.map((analogue) => analogue.materialId)).toEqual(['material:polyethylene']);
    expect(found[0]?.reason).toBe('same polyolefin family; shares heat resistance');
  });

  it('keeps rubbers of other backbones out of the polyolefin family, olefinic rubbers in it', () => {
    const rubbers = EvidenceIndex.fromRows({
      ...rows,
      coMentions: [
        row('material:lldpe', 'application:film', 'r1'),
        row('material:silicone', 'application:hose', 'r2'),
        row('material:nbr', 'application:hose', 'r3'),
        row('material:epdm', 'application:hose', 'r4'),
      ],
      propertyFacts: [],
      materialClasses: {
        'material:lldpe': 'polyolefin',
        'material:silicone': 'elastomer',
        'material:nbr': 'elastomer',
        'material:epdm': 'elastomer',
      },
      broader: [],
    });
    const found = chemicalAnalogues(rubbers, 'material:lldpe');
    expect(found.map((analogue) => [analogue.materialId, analogue.reason])).toEqual([
      ['material:epdm', 'same polyolefin family'],
    ]);
  });

  it('links materials of two families of one kingdom only through two shared properties, not one', () => {
    const property = (subjectId: string, propertyId: string, documentId: string) => ({
      type: 'HAS_PROPERTY' as const,
      subjectId,
      propertyId,
      documentId,
      publishedAt: '2021-01-01',
    });
    const polymers = (shared: string[]) =>
      chemicalAnalogues(
        EvidenceIndex.fromRows({
          coMentions: [
            row('material:lldpe', 'application:film', 'p1'),
            row('material:pet', 'application:bottle', 'p2'),
          ],
          mentions: [],
          propertyFacts: [
            ...shared.map((id, i) => property('material:lldpe', id, `q${i}`)),
            ...shared.map((id, i) => property('material:pet', id, `s${i}`)),
          ],
          materialClasses: { 'material:lldpe': 'polyolefin', 'material:pet': 'polyester' },
          broader: [],
        }),
        'material:lldpe',
      ).map((analogue) => [analogue.materialId, analogue.reason]);
    expect(polymers(['property:transparency'])).toEqual([]);
    expect(polymers(['property:transparency', 'property:heat-resistance'])).toEqual([
      ['material:pet', 'also a polymer; shares heat resistance and transparency'],
    ]);
  });

  it('links materials under one broader term, and names it', () => {
    const found = chemicalAnalogues(index, 'material:silica');
    expect(found.map((analogue) => [analogue.materialId, analogue.reason])).toEqual([
      ['material:aerogel', 'same inorganic compound family'],
      ['material:titanium-dioxide', 'also an oxide'],
    ]);
  });
});
