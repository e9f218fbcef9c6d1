import { describe, expect, it } from 'vitest';
import { EvidenceIndex } from '../../../agent/discovery/evidence-index.ts';
import {
  computeFeatures,
  FEATURE_NAMES,
  FeatureContext,
  supportingDocuments,
} from '../../../agent/discovery/features.ts';
import { tinyRows } from './tiny-index.ts';

const index = EvidenceIndex.fromRows(tinyRows());

describe('features', () => {
  const context = new FeatureContext(index, '2014-12-31');
  const features = computeFeatures(context, 'material:m1', [
    'application:a2',
    'application:a3',
    'application:a4',
  ]);

  it('computes path features by hand on m1', () => {
    const a2 = features.get('application:a2');
    // m1–a1–{m2,m3}–a2: CN 2, AA 2/ln3, RA (1/3)/2 + (1/3)/3, Jaccard 1/2 + 1/3, Katz3 2.
    expect(a2?.commonNeighbours).toBeCloseTo(Math.log1p(2), 12);
    expect(a2?.adamicAdar).toBeCloseTo(Math.log1p(2 / Math.log(3)), 12);
    expect(a2?.resourceAllocation).toBeCloseTo(1 / 6 + 1 / 9, 12);
    expect(a2?.jaccardCF).toBeCloseTo(Math.log1p(5 / 6), 12);
    expect(a2?.katz3).toBeCloseTo(Math.log1p(2), 12);
    expect(a2?.analogueStrength).toBeCloseTo(Math.log1p(0.75 + 1 / 3), 12);
    expect(a2?.analogueMax).toBeCloseTo(0.75, 12);
    expect(a2?.sameClassShare).toBe(0.5);
    const a3 = features.get('application:a3');
    expect(a3?.adamicAdar).toBeCloseTo(Math.log1p(1 / Math.log(3)), 12);
    expect(a3?.resourceAllocation).toBeCloseTo(1 / 9, 12);
  });

  it('computes popularity, degree, momentum, recency and property fit', () => {
    const a4 = features.get('application:a4');
    expect(a4?.appPopularity).toBeCloseTo(Math.log1p(2), 12);
    expect(a4?.appRecentPopularity).toBeCloseTo(Math.log1p(2), 12);
    expect(a4?.appDegree).toBe(0);
    expect(a4?.appMomentum).toBeCloseTo(Math.log(9 / 4), 12);
    expect(a4?.appNewsShare).toBe(0.5);
    expect(a4?.propertyFit).toBe(0.5);
    expect(a4?.adamicAdar).toBe(0);
    expect(a4?.materialDegree).toBeCloseTo(Math.log1p(1), 12);
    expect(a4?.materialPopularity).toBeCloseTo(Math.log1p(1), 12);
    expect(a4?.preferentialAttachment).toBeCloseTo(Math.log1p(2), 12);
    expect(a4?.documentCoMentions).toBe(0);
    expect(a4?.directCoMentions).toBe(0);
    // a4 last named 2014-05-01: exp(−(244 days)/3 years).
    expect(a4?.appRecency).toBeCloseTo(Math.exp(-(244 / 365.25) / 3), 12);
    expect(Object.keys(a4 ?? {}).sort()).toEqual([...FEATURE_NAMES].sort());
  });

  it('counts direct evidence and its diversity for pairs already co-mentioned', () => {
    const direct = computeFeatures(context, 'material:m3', ['application:a3']).get('application:a3');
    // One document whose fact has confidence 0.5: it counts 0.5 / 0.75 of a clearly stated use.
    expect(direct?.directCoMentions).toBeCloseTo(Math.log1p(0.5 / 0.75), 12);
    // One kind (patent) + ln(1 + one assignee).
    expect(direct?.directDiversity).toBeCloseTo(1 + Math.log1p(1), 12);
    expect(direct?.documentCoMentions).toBeCloseTo(Math.log1p(1), 12);
  });

  it('weights direct evidence by the best confidence of each document, capped at one document', () => {
    const rows = [
      { documentId: 'd1', confidence: 0.85 },
      { documentId: 'd1', confidence: 0.4 },
      { documentId: 'd2', confidence: 0.3 },
      { documentId: 'd3', confidence: 0.75 },
    ];
    // d1 counts 1 (0.85 capped), d2 0.3 / 0.75 = 0.4, d3 1.
    expect(supportingDocuments(rows)).toBeCloseTo(2.4, 12);
    expect(supportingDocuments([])).toBe(0);
  });
});
