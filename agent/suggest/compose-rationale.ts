import type { EvidenceCitation } from '../discovery/candidate.ts';

export interface RationaleInput {
  material: string;
  application: string;
  /** Plain name of an entity id. */
  entity: (id: string) => string;
  /** The suggestion's citations in their final order: citation i is marked [i + 1]. */
  citations: readonly EvidenceCitation[];
  /** Why each analogue is comparable ("same polyolefin family; shares heat resistance"). */
  analogueReasons: Readonly<Record<string, string>>;
  /** Plain names of narrower or broader variants folded into the suggestion. */
  variants?: readonly string[];
}

function markers(numbers: readonly number[]): string {
  return numbers.map((n) => `[${n}]`).join('');
}

function numbered(
  citations: readonly EvidenceCitation[],
  keep: (citation: EvidenceCitation) => boolean,
): number[] {
  const result: number[] = [];
  citations.forEach((citation, position) => {
    if (keep(citation)) result.push(position + 1);
  });
  return result;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A few plain sentences, one claim each, every claim carrying the [n] markers of the citations that
 * support it (deterministic, no LLM). A claim without a citation is not made.
 */
export function composeRationale(input: RationaleInput): string {
  const { citations, material, application } = input;
  const sentences: string[] = [];
  const direct = numbered(citations, (citation) => citation.role === 'direct');
  if (direct.length > 0)
    sentences.push(`Documents already name ${material} together with ${application} ${markers(direct)}.`);
  // One sentence per analogue and the application it is used in (a folded variant's use names the variant).
  const analogueUses = new Map<string, { analogueId: string; usedIn: string }>();
  for (const citation of citations)
    if (citation.role === 'analogue')
      analogueUses.set(`${citation.subjectId}|${citation.objectId}`, {
        analogueId: citation.subjectId,
        usedIn: citation.objectId,
      });
  for (const { analogueId, usedIn } of analogueUses.values()) {
    const reason = input.analogueReasons[analogueId];
    const cited = numbered(
      citations,
      (citation) =>
        citation.role === 'analogue' && citation.subjectId === analogueId && citation.objectId === usedIn,
    );
    sentences.push(
      `${capitalised(input.entity(analogueId))}${reason ? ` (${reason})` : ''} is used in ${input.entity(usedIn)} ${markers(cited)}.`,
    );
  }
  const requires = citations
    .map((citation, position) => ({ citation, n: position + 1 }))
    .filter(({ citation }) => citation.role === 'property');
  const required = requires.filter(({ citation }) => !citation.subjectId.startsWith('material:'));
  const has = requires.filter(({ citation }) => citation.subjectId.startsWith('material:'));
  if (required.length > 0) {
    const properties = [...new Set(required.map(({ citation }) => input.entity(citation.objectId)))];
    sentences.push(
      `${capitalised(application)} requires ${properties.join(' and ')} ${markers(required.map(({ n }) => n))}.`,
    );
  }
  if (has.length > 0) {
    const properties = [...new Set(has.map(({ citation }) => input.entity(citation.objectId)))];
    sentences.push(`${material} has ${properties.join(' and ')} ${markers(has.map(({ n }) => n))}.`);
  }
  const market = numbered(citations, (citation) => citation.role === 'market');
  if (market.length > 0)
    sentences.push(`Mentions of ${application} are growing faster than the corpus ${markers(market)}.`);
  if (input.variants && input.variants.length > 0) sentences.push(`Variants: ${input.variants.join(', ')}.`);
  return sentences.join(' ');
}
