import type { EntityLabel } from '../../graph/index.ts';
import { entityId } from '../resolve/canonical-keys.ts';
import type { KnownEntity } from '../resolve/entity-resolver.ts';
import {
  type CpcMapData,
  defaultCpcMapPath,
  defaultLexiconPaths,
  type LexiconData,
  type LexiconDataInput,
  type LexiconEntry,
  lexiconDataSchema,
  readCpcMapFile,
  readLexiconFile,
} from './lexicon-data.ts';

/** One lexicon mention inside a text. */
export interface LexiconMention {
  entityId: string;
  label: EntityLabel;
  start: number;
  end: number;
  surface: string;
  /** Matched through an ambiguous acronym: counts only if the document names the entity otherwise. */
  acronym: boolean;
  /** Other entities sharing the matched alias (the first listed in the lexicon is `entityId`). */
  alternatives?: string[];
}

interface AliasInfo {
  /** Null for a stop phrase. */
  entityId: string | null;
  label: EntityLabel | null;
  exactTokens: string[];
  caseSensitive: boolean;
  acronym: boolean;
  /** An ordinary lower-case alias (skipped when written in capitals inside mixed-case text). */
  lowerCase: boolean;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  aliases: AliasInfo[] | null;
}

const tokenPattern = /[\p{L}\p{N}]+/gu;
// Words of a multi-word alias may be separated only by spaces, hyphens, dashes, slashes or parentheses.
const joinerPattern = /^[\s\-\u2010-\u2015\u2212/()]+$/u;

const sections = [
  ['materials', 'Material'],
  ['applications', 'Application'],
  ['properties', 'Property'],
  ['organizations', 'Organization'],
] as const;

/** The regular plural of a lower-case word, or null when the word already looks plural. */
function pluralOf(word: string): string | null {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(x|z|ch|sh|ss|ns|us)$/.test(word)) return `${word}es`;
  if (word.endsWith('s')) return null;
  return `${word}s`;
}

/**
 * A compiled lexicon: every alias and stop phrase in one token trie (lower-cased tokens), plus the
 * entries as known entities for the resolver.
 */
export class Lexicon {
  private readonly root: TrieNode = { children: new Map(), aliases: null };
  private readonly entries = new Map<string, KnownEntity>();
  private readonly seen = new Set<string>();

  constructor(data: readonly LexiconData[]) {
    for (const file of data) {
      for (const [key, label] of sections) {
        for (const entry of file[key]) this.addEntry(entry, label, file.inflect === true);
      }
      for (const phrase of file.stopPhrases) this.addAlias(phrase, null, null, false, false);
    }
  }

  /** The lexicon entries as known entities (ids such as `material:pet`). */
  knownEntities(): KnownEntity[] {
    return [...this.entries.values()];
  }

  /** The entry behind an entity id. */
  entry(id: string): KnownEntity | undefined {
    return this.entries.get(id);
  }

  /** Number of entries per label. */
  size(): Record<EntityLabel, number> {
    const counts: Record<EntityLabel, number> = { Material: 0, Application: 0, Property: 0, Organization: 0 };
    for (const entry of this.entries.values()) counts[entry.label] += 1;
    return counts;
  }

  private addEntry(entry: LexiconEntry, label: EntityLabel, inflect: boolean): void {
    const id = entityId(label, entry.id);
    const acronyms = new Set(entry.acronyms ?? []);
    const allCaseSensitive = entry.caseSensitive === true;
    const caseSensitive = new Set(Array.isArray(entry.caseSensitive) ? entry.caseSensitive : []);
    const aliases = [...new Set([entry.name, ...entry.aliases, ...acronyms])];
    const exactAliases = aliases.filter(
      (alias) =>
        allCaseSensitive ||
        caseSensitive.has(alias) ||
        acronyms.has(alias) ||
        alias.replace(/[^\p{L}\p{N}]/gu, '').length <= 2,
    );
    const existing = this.entries.get(id);
    this.entries.set(id, {
      id,
      label,
      name: existing?.name ?? entry.name,
      aliases: [...new Set([...(existing?.aliases ?? []), ...aliases])].filter(
        (alias) => alias !== (existing?.name ?? entry.name),
      ),
      exactAliases: [...new Set([...(existing?.exactAliases ?? []), ...exactAliases])],
      ...(entry.formula ? { formula: entry.formula } : {}),
      ...(entry.class ? { class: entry.class } : {}),
      ...(entry.unit ? { unit: entry.unit } : {}),
      ...(entry.domain ? { domain: entry.domain } : {}),
    });
    for (const alias of aliases) {
      const exact = exactAliases.includes(alias);
      this.addAlias(alias, id, label, exact, acronyms.has(alias));
      const lastWord = /(\p{Ll}{3,})$/u.exec(alias)?.[1];
      const plural = lastWord ? pluralOf(lastWord) : null;
      if (inflect && !exact && (label === 'Material' || label === 'Application') && lastWord && plural) {
        this.addAlias(`${alias.slice(0, -lastWord.length)}${plural}`, id, label, false, false);
      }
    }
  }

  private addAlias(
    alias: string,
    id: string | null,
    label: EntityLabel | null,
    caseSensitive: boolean,
    acronym: boolean,
  ): void {
    const dedupeKey = `${id ?? '#stop'}\u0000${alias}`;
    if (this.seen.has(dedupeKey)) return;
    this.seen.add(dedupeKey);
    const matches = [...alias.matchAll(tokenPattern)];
    if (matches.length === 0) return;
    const exactTokens = matches.map((match) => match[0]);
    let node = this.root;
    for (const token of exactTokens) {
      const lower = token.toLowerCase();
      let child = node.children.get(lower);
      if (!child) {
        child = { children: new Map(), aliases: null };
        node.children.set(lower, child);
      }
      node = child;
    }
    const short = exactTokens.join('').length <= 2;
    const info: AliasInfo = {
      entityId: id,
      label,
      exactTokens,
      caseSensitive: caseSensitive || acronym || short,
      acronym,
      lowerCase: alias === alias.toLowerCase(),
    };
    if (node.aliases) node.aliases.push(info);
    else node.aliases = [info];
  }

  /** @internal The trie root (used by the matcher). */
  get trie(): TrieNode {
    return this.root;
  }
}

/** Builds a lexicon from in-memory data (ours or a vocab.json object), later files adding to earlier ones. */
export function createLexicon(...data: LexiconDataInput[]): Lexicon {
  return new Lexicon(data.map((item) => lexiconDataSchema.parse(item)));
}

/** Loads a lexicon from JSON files in the shared format (e.g. a task's vocab.json). */
export function loadLexicon(...paths: string[]): Lexicon {
  return new Lexicon(paths.map((path) => readLexiconFile(path)));
}

let defaultLexicon: Lexicon | undefined;

/** The bundled product lexicon (materials, applications, properties, organisations), loaded once. */
export function loadDefaultLexicon(): Lexicon {
  defaultLexicon ??= loadLexicon(...defaultLexiconPaths);
  return defaultLexicon;
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
}

function isAllCapitals(surface: string): boolean {
  return surface.length > 1 && /\p{L}/u.test(surface) && surface === surface.toUpperCase();
}

/**
 * Lexicon mentions in `text.slice(start, end)` (normally one sentence), offsets into `text`. At each
 * token the longest alias or stop phrase wins and consumes its tokens; stop phrases yield nothing.
 * Acronym mentions are returned flagged; apply `finalizeMentions` per document to license them.
 */
export function matchMentions(lexicon: Lexicon, text: string, options: MatchOptions = {}): LexiconMention[] {
  const start = options.start ?? 0;
  const end = options.end ?? text.length;
  const mixedCase = options.mixedCase ?? isMixedCase(text.slice(start, end));
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  const pattern = new RegExp(tokenPattern.source, 'gu');
  pattern.lastIndex = start;
  for (let match = pattern.exec(text); match && match.index < end; match = pattern.exec(text)) {
    starts.push(match.index);
    const tokenEnd = Math.min(match.index + match[0].length, end);
    ends.push(tokenEnd);
    words.push(tokenEnd === match.index + match[0].length ? match[0] : text.slice(match.index, tokenEnd));
  }
  const mentions: LexiconMention[] = [];
  const root = lexicon.trie;
  const count = words.length;
  let i = 0;
  while (i < count) {
    let node: TrieNode | undefined = root.children.get((words[i] as string).toLowerCase());
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
      node = node.children.get((words[j] as string).toLowerCase());
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
      if (first.entityId === null || first.label === null) break;
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
