import type { ScoreGroupName, ScoreGroups } from '../../graph/index.ts';
import type { FeatureName } from '../discovery/features.ts';
import type { RankedApplication } from '../discovery/rank-candidates.ts';

/** Which plain-words group each raw feature belongs to. */
export const featureGroup: Record<FeatureName, ScoreGroupName> = {
  documentCoMentions: 'evidence',
  directCoMentions: 'evidence',
  directDiversity: 'evidence',
  commonNeighbours: 'analogy',
  adamicAdar: 'analogy',
  resourceAllocation: 'analogy',
  jaccardCF: 'analogy',
  katz3: 'analogy',
  analogueStrength: 'analogy',
  analogueMax: 'analogy',
  sameClassShare: 'analogy',
  propertyFit: 'propertyFit',
  appMomentum: 'momentum',
  appRecentPopularity: 'momentum',
  appNewPartners: 'momentum',
  appRecency: 'momentum',
  materialRecentPopularity: 'momentum',
  materialNewPartners: 'momentum',
  materialRecency: 'momentum',
  appPopularity: 'market',
  appDegree: 'market',
  appNewsShare: 'market',
  materialPopularity: 'market',
  materialDegree: 'market',
  preferentialAttachment: 'market',
  popularityProduct: 'market',
};

function sigmoid(value: number): number {
  return value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
}

/**
 * Splits a score into a base rate and five groups that add up to it exactly:
 * score = baseRate + evidence + analogy + propertyFit + momentum + market.
 * The base rate is the model's probability for an average candidate (sigmoid of the bias); the model's
 * rise above it is shared among the groups in proportion to their summed logit contributions (so each
 * group keeps its sign), and the lift from direct sentence-level evidence goes to `evidence`.
 */
export function scoreGroups(
  ranked: RankedApplication,
  bias: number,
): { baseRate: number; groups: ScoreGroups } {
  const groups: ScoreGroups = { evidence: 0, analogy: 0, propertyFit: 0, momentum: 0, market: 0 };
  const logits: ScoreGroups = { ...groups };
  let total = 0;
  for (const [feature, value] of Object.entries(ranked.components) as [FeatureName, number | undefined][]) {
    const group = featureGroup[feature];
    logits[group] += value ?? 0;
    total += value ?? 0;
  }
  const baseRate = sigmoid(bias);
  const rise = ranked.modelScore - baseRate;
  if (Math.abs(total) > 1e-12)
    for (const name of Object.keys(groups) as ScoreGroupName[]) groups[name] = (rise * logits[name]) / total;
  groups.evidence += ranked.score - ranked.modelScore;
  return { baseRate, groups };
}
