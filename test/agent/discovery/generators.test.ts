import { describe, expect, it } from 'vitest';
import { AnalogueGenerator } from '../../../agent/discovery/analogue-generator.ts';
import { DirectEvidenceGenerator } from '../../../agent/discovery/direct-evidence-generator.ts';
import { EvidenceIndex } from '../../../agent/discovery/evidence-index.ts';
import { MarketSignalGenerator } from '../../../agent/discovery/market-signal-generator.ts';
import { similarMaterials } from '../../../agent/discovery/material-similarity.ts';
import { PropertyFitGenerator } from '../../../agent/discovery/property-fit-generator.ts';
import { tinyRows } from './tiny-index.ts';

const index = EvidenceIndex.fromRows(tinyRows());
const asOf = '2014-12-31';

describe('evidence index', () => {
  it('answers neighbours, degrees and counts', () => {
    expect([...index.materialsOf('application:a1').keys()].sort()).toEqual([
      'material:m1',
      'material:m2',
      'material:m3',
    ]);
    expect(index.materialDegree('material:m3')).toBe(3);
    expect(index.applicationDegree('application:a4')).toBe(0);
    expect(index.documentCount('application:a4')).toBe(2);
    expect(index.countsByYear('application:a4').get(2014)).toBe(1);
    expect(index.pair('material:m3', 'application:a3')?.firstDate).toBe('2013-05-01');
    expect(index.documentsMentioningBoth('material:m3', 'application:a4')).toBe(1);
    expect(index.latestDate).toBe('2014-05-01');
    const past = index.restrictTo('2011-12-31');
    expect(past.entities('material')).toEqual(['material:m1', 'material:m2']);
    expect(past.pair('material:m3', 'application:a1')).toBeUndefined();
  });
});

describe('candidate generators', () => {
  it('direct evidence: applications co-mentioned with the material, with their spans, known excluded', () => {
    const candidates = new DirectEvidenceGenerator().generate(index, {
      materialId: 'material:m3',
      known: new Set(['application:a1']),
    });
    expect(candidates.map((c) => c.applicationId)).toEqual(['application:a2', 'application:a3']);
    expect(candidates[0]?.strength).toBe(0.5);
    expect(candidates[0]?.citations[0]).toMatchObject({
      role: 'direct',
      documentId: 'd3',
      chunkId: 'd3#c4',
      start: 40,
      end: 49,
    });
  });

  it('similarity by shared applications, properties and class stays a ranking feature', () => {
    const similarities = similarMaterials(index, 'material:m1');
    // m2: Jaccard 1/2 + same class 1/4; m3: Jaccard 1/3.
    expect(similarities.get('material:m2')?.similarity).toBeCloseTo(0.75, 12);
    expect(similarities.get('material:m3')?.similarity).toBeCloseTo(1 / 3, 12);
    expect(similarities.get('material:m2')?.adamicAdar).toBeCloseTo(1 / Math.log(3), 12);
  });

  it('analogue: only chemically comparable materials (same class here); shared uses alone are not enough', () => {
    const candidates = new AnalogueGenerator().generate(index, {
      materialId: 'material:m1',
      known: new Set(),
    });
    // m2 is a polymer like m1 (same class: weight 1, + ½ · Jaccard 1/2); m3 is a metal that only shares
    // application a1 with m1, so its a2 and a3 are not proposed through it.
    expect(candidates.map((c) => c.applicationId)).toEqual(['application:a2']);
    expect(candidates[0]?.strength).toBeCloseTo(1 + 0.5 * 0.5, 12);
    expect(candidates[0]?.via).toEqual(['material:m2']);
    expect(candidates[0]?.reasons).toEqual({ 'material:m2': 'same polymer class' });
    expect(candidates[0]?.citations[0]).toMatchObject({
      role: 'analogue',
      subjectId: 'material:m2',
      objectId: 'application:a2',
    });
  });

  it('property fit: share of required properties the material has', () => {
    const candidates = new PropertyFitGenerator().generate(index, {
      materialId: 'material:m1',
      known: new Set(),
    });
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({
      applicationId: 'application:a4',
      strength: 0.5,
      via: ['property:p1'],
    });
    expect(candidates[0]?.citations.map((c) => c.chunkId)).toEqual(['d5#r', 'd1#p']);
  });

  it('market signal: applications growing faster than the corpus', () => {
    const candidates = new MarketSignalGenerator().generate(index, {
      materialId: 'material:m1',
      known: new Set(['application:a1']),
      asOf,
    });
    // a4: ln3 − ln1 − (ln4 − ln3); a3: ln2 − ln1 − (ln4 − ln3); a1 known, a2 shrinking.
    expect(candidates.map((c) => c.applicationId)).toEqual(['application:a4', 'application:a3']);
    expect(candidates[0]?.strength).toBeCloseTo(Math.log(9 / 4), 12);
    expect(candidates[1]?.strength).toBeCloseTo(Math.log(1.5), 12);
    expect(candidates[1]?.citations[0]).toMatchObject({ role: 'market', documentId: 'd4' });
  });
});
