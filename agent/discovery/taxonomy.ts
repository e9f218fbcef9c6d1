import type { BroaderLink } from '../../graph/index.ts';

/**
 * The BROADER links between applications (and between materials) as the ranking uses them: which terms
 * are broader than a known application, and which proposed terms are variants of one another.
 */
export class Taxonomy {
  private readonly parents = new Map<string, Set<string>>();

  constructor(links: readonly BroaderLink[] = []) {
    for (const { narrowerId, broaderId } of links) {
      if (narrowerId === broaderId) continue;
      const set = this.parents.get(narrowerId) ?? new Set<string>();
      set.add(broaderId);
      this.parents.set(narrowerId, set);
    }
  }

  /** Every broader term of `id`, transitively (a cycle a user made by hand stops the walk). */
  ancestors(id: string): Set<string> {
    const seen = new Set<string>();
    const stack = [...(this.parents.get(id) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next) || next === id) continue;
      seen.add(next);
      stack.push(...(this.parents.get(next) ?? []));
    }
    return seen;
  }

  /** True when one term is (transitively) broader than the other. */
  related(a: string, b: string): boolean {
    return a !== b && (this.ancestors(a).has(b) || this.ancestors(b).has(a));
  }

  /** Terms broader than any of `known` (a known "medical packaging" makes "packaging" not new). */
  broaderThanAny(known: Iterable<string>): Set<string> {
    const result = new Set<string>();
    for (const id of known) for (const ancestor of this.ancestors(id)) result.add(ancestor);
    return result;
  }
}

/** A proposal with the narrower or broader variants folded into it. */
export interface VariantGroup<T> {
  head: T;
  variants: T[];
}

/**
 * Folds ranked proposals whose applications are broader or narrower than one another into one group, in
 * rank order. The head is the best-ranked member, except that a narrower member with direct evidence
 * (a passage naming the material with that very application) takes the place of a broader head: the
 * most specific stated use wins, as in extraction.
 */
export function groupVariants<T>(
  ranked: readonly T[],
  taxonomy: Taxonomy,
  applicationOf: (item: T) => string,
  hasDirectEvidence: (item: T) => boolean,
): VariantGroup<T>[] {
  const groups: VariantGroup<T>[] = [];
  for (const item of ranked) {
    const id = applicationOf(item);
    const group = groups.find((candidate) =>
      [candidate.head, ...candidate.variants].some((member) => taxonomy.related(applicationOf(member), id)),
    );
    if (!group) {
      groups.push({ head: item, variants: [] });
      continue;
    }
    const headId = applicationOf(group.head);
    if (hasDirectEvidence(item) && taxonomy.ancestors(id).has(headId)) {
      group.variants.unshift(group.head);
      group.head = item;
    } else group.variants.push(item);
  }
  return groups;
}
