import { describe, expect, it } from 'vitest';
import { EvidenceIndex } from '../../../agent/discovery/evidence-index.ts';
import {
  computeFeatures,
  FEATURE_NAMES,
  FeatureContext,
  logShare,
  perMaterials,
  supportingDocuments,
} from '../../../agent/discovery/features.ts';
import { tinyRows } from './tiny-index.ts';

const index = EvidenceIndex.fromRows(tinyRows());

const context = new FeatureContext(index, '2014-12-31');
const features = computeFeatures(context, 'material:m1', [
  'application:a2',
  'application:a3',
  'application:a4',
]);

describe('features', () => {
  // The era at 2014-12-31: 5 documents (3 of them after 2011-12-31), 3 materials, 4 applications.
  // Path sums are per 100 materials: ln(1 + 100·sum/3).
  const perHundred = (sum: number) => Math.log1p((100 * sum) / 3);

  it('measures the era it is computed in', () => {
    expect(context.scale()).toEqual({ documents: 5, recentDocuments: 3, materials: 3, applications: 4 });
  });

  it('computes path features by hand on m1', () => {
    const a2 = features.get('application:a2');
    // m1–a1–{m2,m3}–a2: CN 2, AA 2/ln3, RA (1/3)/2 + (1/3)/3, Jaccard 1/2 + 1/3, Katz3 2.
    expect(a2?.commonNeighbours).toBeCloseTo(perHundred(2), 12);
    expect(a2?.adamicAdar).toBeCloseTo(perHundred(2 / Math.log(3)), 12);
    expect(a2?.resourceAllocation).toBeCloseTo(1 / 6 + 1 / 9, 12);
    expect(a2?.jaccardCF).toBeCloseTo(perHundred(5 / 6), 12);
    expect(a2?.katz3).toBeCloseTo(perHundred(2), 12);
    expect(a2?.analogueStrength).toBeCloseTo(perHundred(0.75 + 1 / 3), 12);
    expect(a2?.analogueMax).toBeCloseTo(0.75, 12);
    expect(a2?.sameClassShare).toBe(0.5);
    const a3 = features.get('application:a3');
    expect(a3?.adamicAdar).toBeCloseTo(perHundred(1 / Math.log(3)), 12);
    expect(a3?.resourceAllocation).toBeCloseTo(1 / 9, 12);
  });

  it('computes popularity, degree, momentum, recency and property fit', () => {
    const a4 = features.get('application:a4');
    // Counts as log shares of the era: ln((count + 1) / (total + 1)).
    expect(a4?.appPopularity).toBeCloseTo(Math.log(3 / 6), 12);
    expect(a4?.appRecentPopularity).toBeCloseTo(Math.log(3 / 4), 12);
    expect(a4?.appDegree).toBeCloseTo(Math.log(1 / 4), 12);
    expect(a4?.appMomentum).toBeCloseTo(Math.log(9 / 4), 12);
    expect(a4?.appNewsShare).toBe(0.5);
    expect(a4?.propertyFit).toBe(0.5);
    expect(a4?.adamicAdar).toBe(0);
    expect(a4?.materialDegree).toBeCloseTo(Math.log(2 / 5), 12);
    expect(a4?.materialPopularity).toBeCloseTo(Math.log(2 / 6), 12);
    // pop(a)·deg(m) as a sum of the two log shares.
    expect(a4?.preferentialAttachment).toBeCloseTo(Math.log(3 / 6) + Math.log(2 / 5), 12);
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

describe('era normalisation', () => {
  it('gives the same share to the same proportion of a small and a large corpus', () => {
    // 9 of 99 documents and 109 of 1,099: the same tenth of the era (counting the +1).
    expect(logShare(9, 99)).toBeCloseTo(logShare(109, 1099), 12);
    expect(logShare(0, 0)).toBe(0);
    expect(logShare(10, 100)).toBeLessThan(logShare(20, 100));
  });

  it('scales path sums to 100 materials', () => {
    expect(perMaterials(3, 300)).toBeCloseTo(Math.log(2), 12);
    expect(perMaterials(30, 3000)).toBeCloseTo(perMaterials(3, 300), 12);
    expect(perMaterials(0, 0)).toBe(0);
  });

  it('keeps an application ranked the same when the corpus doubles with the same mix', () => {
    const doubled = EvidenceIndex.fromRows(doubleRows(tinyRows()));
    const again = computeFeatures(new FeatureContext(doubled, '2014-12-31'), 'material:m1', [
      'application:a2',
      'application:a3',
      'application:a4',
    ]);
    // Raw counts would double; shares move by less than ln(2) and keep the order.
    const before = features.get('application:a4')?.appPopularity as number;
    const after = again.get('application:a4')?.appPopularity as number;
    expect(Math.abs(after - before)).toBeLessThan(Math.log(2) / 4);
    expect(again.get('application:a2')?.commonNeighbours).toBeCloseTo(
      features.get('application:a2')?.commonNeighbours as number,
      12,
    );
  });
});

/** Every document twice (copies get new ids): the same evidence mix in a corpus twice the size. */
function doubleRows(rows: ReturnType<typeof tinyRows>): ReturnType<typeof tinyRows> {
  return {
    ...rows,
    coMentions: [
      ...rows.coMentions,
      ...rows.coMentions.map((row) => ({ ...row, documentId: `${row.documentId}'` })),
    ],
    mentions: [
      ...rows.mentions,
      ...rows.mentions.map((row) => ({ ...row, documentId: `${row.documentId}'` })),
    ],
  };
}
