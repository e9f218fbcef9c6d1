import {
  type CandidateOccurrenceWrite,
  candidateId,
  type PendingCandidate,
  type PendingCandidates,
} from '../../graph/index.ts';
import { surfaceForms } from '../extract/vocabulary.ts';

/**
 * The mined candidates of documents not yet written, per candidate: the documents naming it, its
 * surfaces with their counts, its cues. `replacing` names the stored documents they are new versions of.
 */
export function pendingCandidates(
  documents: readonly { id: string; candidates: readonly CandidateOccurrenceWrite[] }[],
  replacing: readonly string[],
): PendingCandidates {
  const byId = new Map<
    string,
    {
      label: PendingCandidate['label'];
      key: string;
      documentIds: Set<string>;
      surfaces: Map<string, number>;
      cues: Set<string>;
    }
  >();
  for (const document of documents) {
    for (const occurrence of document.candidates) {
      const id = candidateId(occurrence.label, occurrence.key);
      let entry = byId.get(id);
      if (!entry) {
        entry = {
          label: occurrence.label,
          key: occurrence.key,
          documentIds: new Set(),
          surfaces: new Map(),
          cues: new Set(),
        };
        byId.set(id, entry);
      }
      entry.documentIds.add(document.id);
      entry.surfaces.set(occurrence.surface, (entry.surfaces.get(occurrence.surface) ?? 0) + 1);
      if (occurrence.cue) entry.cues.add(occurrence.cue);
    }
  }
  return {
    candidates: [...byId].map(([id, entry]) => ({
      id,
      label: entry.label,
      key: entry.key,
      documentIds: [...entry.documentIds],
      surfaces: [...entry.surfaces].map(([surface, count]) => ({ surface, count })),
      cues: [...entry.cues],
    })),
    replacing,
  };
}

/** Lower-case words, so that "Cyclo-olefin  Films" and "cyclo olefin films" compare equal. */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Whether a text names any of the given surfaces (or their plurals) as whole words: the documents a
 * promotion of those surfaces changes. Word n-grams looked up in a set, one pass over each text.
 */
export function surfaceFinder(surfaces: Iterable<string>): (text: string) => boolean {
  const phrases = new Set<string>();
  let longest = 0;
  for (const surface of surfaces) {
    for (const form of surfaceForms(surface)) {
      const phrase = words(form);
      if (phrase.length === 0) continue;
      phrases.add(phrase.join(' '));
      longest = Math.max(longest, phrase.length);
    }
  }
  return (text) => {
    if (phrases.size === 0) return false;
    const tokens = words(text);
    for (let start = 0; start < tokens.length; start++) {
      let phrase = '';
      for (let length = 1; length <= longest && start + length <= tokens.length; length++) {
        phrase = length === 1 ? (tokens[start] as string) : `${phrase} ${tokens[start + length - 1]}`;
        if (phrases.has(phrase)) return true;
      }
    }
    return false;
  };
}
