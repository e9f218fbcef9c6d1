import type { EntityLabel } from '../../../graph/index.ts';
import { canonicalTermKey } from '../../resolve/term-keys.ts';
import type { Vocabulary } from '../vocabulary.ts';

/** A broader known term inferred for a (mined) term. */
export interface BroaderTerm {
  id: string;
  /** `head`: the head noun phrase is the known term ("medical packaging" → "packaging"); `grade`: a
   * grade or type designation was dropped ("polyamide 610" → "polyamide", "PA66-GF30" → "PA66"). */
  via: 'head' | 'grade';
}

/** The one vocabulary term with this key and label, if exactly one. */
export function knownTermId(vocabulary: Vocabulary, key: string, label: EntityLabel): string | undefined {
  return vocabulary.termWithKey(label, key);
}

// Trailing designations of a grade or type: numbers, "66", "610", "GF30", "T20", "HI".
const designation = /^(?:\d[\d.]*[a-z]?|[a-z]{1,3}\d{1,3}|type|grade)$/;

/**
 * The nearest broader vocabulary term of a term that is not itself in the vocabulary: the longest
 * known head phrase ("flexible medical packaging" → "medical packaging" before "packaging"), else the
 * name without its grade designation ("polyamide 610" → "polyamide", "PA66-GF30" → "PA66"). Null when
 * the term is known already or nothing broader is known. Labels never cross.
 */
export function inferBroader(
  term: { key: string; label: EntityLabel } | string,
  vocabulary: Vocabulary,
  label: EntityLabel = 'Application',
): BroaderTerm | null {
  const key = typeof term === 'string' ? canonicalTermKey(term, label) : term.key;
  const termLabel = typeof term === 'string' ? label : term.label;
  if (key === '' || knownTermId(vocabulary, key, termLabel)) return null;
  const words = key.split(' ');
  for (let first = 1; first < words.length; first++) {
    const id = knownTermId(vocabulary, words.slice(first).join(' '), termLabel);
    if (id) return { id, via: 'head' };
  }
  // Notation keys keep their case and join parts with dashes ("PA66-GF30").
  const notation = words.length === 1 && key.includes('-');
  const parts = notation ? key.split('-') : words;
  let last = parts.length;
  while (last > 1 && designation.test((parts[last - 1] as string).toLowerCase())) {
    last -= 1;
    const id = knownTermId(vocabulary, parts.slice(0, last).join(notation ? '-' : ' '), termLabel);
    if (id) return { id, via: 'grade' };
  }
  return null;
}
