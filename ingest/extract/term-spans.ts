import type { EntityLabel } from '../../graph/index.ts';
import type { LexiconMention } from './lexicon-matcher.ts';
import type { MinedTerm } from './mining/term-miner.ts';
import type { PatternHit } from './patterns.ts';

/** A term span of a sentence with where it came from. */
export interface TermSpan {
  label: EntityLabel;
  start: number;
  end: number;
  surface: string;
  source: 'vocabulary' | 'pattern' | 'mined';
  /** Vocabulary mentions: the entity id. */
  entityId?: string;
  /** Mined terms: the canonical key. */
  key?: string;
}

const sourceRank: Record<TermSpan['source'], number> = { vocabulary: 0, pattern: 1, mined: 2 };

/**
 * The most specific reading of a sentence: overlapping spans compete and the longest wins ("silica
 * aerogel" over "silica", "perovskite solar cells" over "perovskite"); at equal length a vocabulary
 * term beats a pattern, which beats a mined candidate. Returned in text order, never overlapping.
 */
export function selectSpecificSpans(spans: readonly TermSpan[]): TermSpan[] {
  const ordered = [...spans].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) || sourceRank[a.source] - sourceRank[b.source] || a.start - b.start,
  );
  const chosen: TermSpan[] = [];
  for (const span of ordered) {
    if (chosen.some((other) => other.start < span.end && span.start < other.end)) continue;
    chosen.push(span);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Vocabulary mentions as term spans. */
export function mentionSpans(mentions: readonly LexiconMention[]): TermSpan[] {
  return mentions.map((mention) => ({
    label: mention.label,
    start: mention.start,
    end: mention.end,
    surface: mention.surface,
    source: 'vocabulary',
    entityId: mention.entityId,
  }));
}

/** Mined candidates as term spans. */
export function minedSpans(terms: readonly MinedTerm[]): TermSpan[] {
  return terms.map((term) => ({
    label: term.label,
    start: term.start,
    end: term.end,
    surface: term.surface,
    source: 'mined',
    key: term.key,
  }));
}

/** Formula and polymer pattern hits as Material spans (organisation hits as Organization). */
export function patternSpans(hits: readonly PatternHit[]): TermSpan[] {
  return hits.map((hit) => ({
    label: hit.kind === 'organization' ? 'Organization' : 'Material',
    start: hit.start,
    end: hit.end,
    surface: hit.surface,
    source: 'pattern',
  }));
}
