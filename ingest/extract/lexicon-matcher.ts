import type { EntityLabel } from '../../graph/index.ts';
import { type CpcMapData, defaultCpcMapPath, type LexiconDataInput, readCpcMapFile } from './lexicon-data.ts';
import {
  loadDefaultVocabulary,
  vocabularyFromLexiconData,
  vocabularyFromLexiconFiles,
} from './lexicon-vocabulary.ts';
import { scanWords } from './token-scan.ts';
import { type AliasInfo, type TermOrigin, type TrieNode, Vocabulary } from './vocabulary.ts';

/** One vocabulary mention inside a text. */
export interface LexiconMention {
  entityId: string;
  label: EntityLabel;
  start: number;
  end: number;
  surface: string;
  /** Matched through an ambiguous acronym: counts only if the document names the entity otherwise. */
  acronym: boolean;
  /** Other entities sharing the matched alias (the first by origin, then listing order, is `entityId`). */
  alternatives?: string[];
  /** Origin of the matched term. */
  origin?: TermOrigin;
}

// Words of a multi-word alias may be separated only by spaces, hyphens, dashes, slashes or parentheses.
const joinerPattern = /^[\s\-\u2010-\u2015\u2212/()]+$/u;

/** The compiled vocabulary under its lexicon-era name (class and type). */
export { Vocabulary as Lexicon };

/** Builds a vocabulary from in-memory lexicon data (ours or a vocab.json object), later files adding to earlier ones. */
export function createLexicon(...data: LexiconDataInput[]): Vocabulary {
  return vocabularyFromLexiconData(data);
}

/** Loads a vocabulary from lexicon files in the shared format (e.g. a task's vocab.json). */
export function loadLexicon(...paths: string[]): Vocabulary {
  return vocabularyFromLexiconFiles(paths);
}

/** The bundled product lexicon (materials, applications, properties, organisations) as a vocabulary, loaded once. */
export function loadDefaultLexicon(): Vocabulary {
  return loadDefaultVocabulary();
}

/** The bundled CPC → application map. */
export function loadDefaultCpcMap(): CpcMapData {
  return readCpcMapFile(defaultCpcMapPath);
}

/** Whether text counts as mixed-case (has a lower-case letter) for the all-capitals acronym rule. */
export function isMixedCase(text: string): boolean {
  return /\p{Ll}/u.test(text);
}

export interface MatchOptions {
  /** Start of the span to match (default 0). */
  start?: number;
  /** End of the span to match (default text length). */
  end?: number;
  /** Whether the surrounding text is mixed-case (default: the span itself has a lower-case letter). */
  mixedCase?: boolean;
  /** Receives the spans of matched stop phrases (which yield no mention but consume their words). */
  stopSpans?: { start: number; end: number }[];
}

function isAllCapitals(surface: string): boolean {
  return surface.length > 1 && /\p{L}/u.test(surface) && surface === surface.toUpperCase();
}

/**
 * Vocabulary mentions in `text.slice(start, end)` (normally one sentence), offsets into `text`. At each
 * token the longest alias or stop phrase wins and consumes its tokens; stop phrases yield nothing.
 * Acronym mentions are returned flagged; apply `finalizeMentions` per document to license them.
 */
export function matchMentions(
  vocabulary: Vocabulary,
  text: string,
  options: MatchOptions = {},
): LexiconMention[] {
  const start = options.start ?? 0;
  const end = options.end ?? text.length;
  const mixedCase = options.mixedCase ?? isMixedCase(text.slice(start, end));
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  scanWords(text, start, end, (wordStart, wordEnd) => {
    starts.push(wordStart);
    ends.push(wordEnd);
    words.push(text.slice(wordStart, wordEnd));
  });
  const mentions: LexiconMention[] = [];
  const root = vocabulary.trie;
  const count = words.length;
  let i = 0;
  while (i < count) {
    let node: TrieNode | undefined = root.children?.get((words[i] as string).toLowerCase());
    if (!node) {
      i++;
      continue;
    }
    const candidates: { length: number; aliases: AliasInfo[] }[] = [];
    let j = i;
    while (node) {
      if (node.aliases) candidates.push({ length: j - i + 1, aliases: node.aliases });
      j++;
      if (j >= count) break;
      const gap = text.slice(ends[j - 1] as number, starts[j] as number);
      if (!joinerPattern.test(gap)) break;
      node = node.children?.get((words[j] as string).toLowerCase());
    }
    let consumed = 0;
    for (let c = candidates.length - 1; c >= 0 && consumed === 0; c--) {
      const candidate = candidates[c] as { length: number; aliases: AliasInfo[] };
      const accepted: AliasInfo[] = [];
      let surfaceWords: string | undefined;
      for (const info of candidate.aliases) {
        if (info.caseSensitive) {
          let same = true;
          for (let k = 0; k < info.exactTokens.length && same; k++) {
            same = info.exactTokens[k] === words[i + k];
          }
          if (!same) continue;
        } else if (info.lowerCase && mixedCase) {
          surfaceWords ??= words.slice(i, i + candidate.length).join('');
          if (isAllCapitals(surfaceWords)) continue;
        }
        accepted.push(info);
      }
      const first = accepted[0];
      if (!first) continue;
      consumed = candidate.length;
      if (first.entityId === null || first.label === null) {
        options.stopSpans?.push({
          start: starts[i] as number,
          end: ends[i + candidate.length - 1] as number,
        });
        break;
      }
      const mentionStart = starts[i] as number;
      const mentionEnd = ends[i + candidate.length - 1] as number;
      const mention: LexiconMention = {
        entityId: first.entityId,
        label: first.label,
        start: mentionStart,
        end: mentionEnd,
        surface: text.slice(mentionStart, mentionEnd),
        acronym: first.acronym,
      };
      if (first.origin) mention.origin = first.origin;
      const alternatives = [
        ...new Set(
          accepted
            .slice(1)
            .filter((info) => info.entityId !== null && info.entityId !== first.entityId)
            .map((info) => info.entityId as string),
        ),
      ];
      if (alternatives.length > 0) mention.alternatives = alternatives;
      mentions.push(mention);
    }
    i += consumed > 0 ? consumed : 1;
  }
  return mentions;
}

const labelsByPrefix: Record<string, EntityLabel> = {
  material: 'Material',
  application: 'Application',
  property: 'Property',
  org: 'Organization',
};

/** The label of an entity id from its prefix (`material:pet` → Material). */
export function labelOfId(id: string): EntityLabel {
  return labelsByPrefix[id.slice(0, id.indexOf(':'))] ?? 'Material';
}

/**
 * Document-level pass over all mentions of one document: an alias shared by several entries goes to the
 * entry the document names otherwise (else the first), and acronym mentions are kept only when the
 * document also names the same entry another way.
 */
export function finalizeMentions<M extends LexiconMention>(mentions: readonly M[]): M[] {
  const named = new Set<string>();
  for (const mention of mentions) {
    if (!mention.acronym && !mention.alternatives) named.add(mention.entityId);
  }
  const result: M[] = [];
  for (const mention of mentions) {
    let chosen = mention;
    if (mention.alternatives && !named.has(mention.entityId)) {
      const better = mention.alternatives.find((id) => named.has(id));
      if (better) {
        chosen = { ...mention, entityId: better, label: labelOfId(better), alternatives: [mention.entityId] };
      }
    }
    if (chosen.acronym && !named.has(chosen.entityId)) continue;
    result.push(chosen);
  }
  return result;
}
