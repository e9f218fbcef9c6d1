import type { RankedApplication } from '../discovery/rank-candidates.ts';

const sourceText: Record<string, string> = {
  direct: 'documents already name the material together with this application',
  analogue: 'similar materials are used in it',
  'property-fit': 'the application requires properties the material has',
  'market-signal': 'mentions of the application are growing',
};

/** A deterministic, human-readable reason built from what the ranking found (no LLM needed). */
export function composeRationale(
  ranked: RankedApplication,
  names: { material: string; application: string; entity: (id: string) => string },
): string {
  const reasons = ranked.sources.map((source) => sourceText[source] ?? source);
  const via = ranked.via.slice(0, 3).map(names.entity);
  const top = Object.entries(ranked.components)
    .filter(([, value]) => (value ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .slice(0, 3)
    .map(([feature]) => feature);
  const parts = [
    `${names.application} for ${names.material}: ${reasons.length > 0 ? reasons.join('; ') : 'ranked by graph features'}`,
  ];
  if (via.length > 0) parts.push(`via ${via.join(', ')}`);
  if (top.length > 0) parts.push(`strongest signals: ${top.join(', ')}`);
  return `${parts.join('. ')}.`;
}
