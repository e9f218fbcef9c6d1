import type { EvidenceIndex } from './evidence-index.ts';

export const BASELINE_NAMES = [
  'popularity',
  'preferentialAttachment',
  'collaborativeFiltering',
  'adamicAdar',
] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/**
 * The README's baselines computed from an index (known pairs = its sentence co-mentions), to check an
 * index against `baselines.json` and to compare methods on tasks without one.
 */
export function baselineScores(
  index: EvidenceIndex,
  materialId: string,
  applicationIds: readonly string[],
): Record<BaselineName, number[]> {
  const own = index.applicationsOf(materialId);
  const degree = own.size;
  const scores: Record<BaselineName, number[]> = {
    popularity: [],
    preferentialAttachment: [],
    collaborativeFiltering: [],
    adamicAdar: [],
  };
  for (const applicationId of applicationIds) {
    const popularity = index.documentCount(applicationId);
    let collaborative = 0;
    let adamicAdar = 0;
    for (const other of index.materialsOf(applicationId).keys()) {
      if (other === materialId) continue;
      let shared = false;
      for (const sharedApplication of index.applicationsOf(other).keys()) {
        if (!own.has(sharedApplication)) continue;
        shared = true;
        adamicAdar += 1 / Math.log(index.applicationDegree(sharedApplication));
      }
      if (shared) collaborative += 1;
    }
    scores.popularity.push(popularity);
    scores.preferentialAttachment.push(popularity * degree);
    scores.collaborativeFiltering.push(collaborative);
    scores.adamicAdar.push(adamicAdar);
  }
  return scores;
}
