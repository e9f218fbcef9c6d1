/**
 * A dev-only approximation of the benchmark's annotation rules (sentences, longest-match lexicon
 * mentions, acronym licensing, stop phrases), used to build an evidence index straight from the corpus
 * while the real ingest/extract matcher is not available.
 */

export interface VocabularyEntry {
  id: string;
  name: string;
  aliases: string[];
  caseSensitive?: string[];
  acronyms?: string[];
}

export interface VocabularyFile {
  materials: VocabularyEntry[];
  applications: VocabularyEntry[];
  stopPhrases: string[];
}

interface AliasInfo {
  entryId: string | null; // null = stop phrase
  type: 'material' | 'application' | 'stop';
  tokens: string[];
  exactTokens: string[];
  caseSensitive: boolean;
  acronym: boolean;
  lowerCaseAlias: boolean;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  aliases: AliasInfo[];
}

export interface SentenceMention {
  entryId: string;
  type: 'material' | 'application';
  acronym: boolean;
  start: number;
  end: number;
}

export interface Sentence {
  segment: number;
  start: number;
  end: number;
  text: string;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const JOINER = /^[\s\-\u2010-\u2015/()]*$/u;

const ABBREVIATIONS = new Set(
  [
    'e.g',
    'i.e',
    'fig',
    'figs',
    'no',
    'nos',
    'u.s',
    'al',
    'pat',
    'wt',
    'vol',
    'approx',
    'ca',
    'cf',
    'etc',
    'vs',
    'jan',
    'feb',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'oct',
    'nov',
    'dec',
    'mr',
    'mrs',
    'dr',
    'inc',
    'co',
    'corp',
    'ltd',
    'st',
    'ref',
    'eq',
    'min',
    'max',
    'mol',
  ].map((word) => word.toLowerCase()),
);

/** Splits a segment into sentences (bullets, then . ! ? followed by space and an upper-case start). */
export function splitSentences(segment: string): { start: number; end: number }[] {
  const result: { start: number; end: number }[] = [];
  const pieces: { start: number; end: number }[] = [];
  let pieceStart = 0;
  for (let i = 0; i <= segment.length; i += 1) {
    if (i === segment.length || segment[i] === '•') {
      pieces.push({ start: pieceStart, end: i });
      pieceStart = i + 1;
    }
  }
  const boundary = /[.!?]["'”’)\]]*(?=\s+["'“‘([\p{Lu}\p{N}])/gu;
  for (const piece of pieces) {
    const text = segment.slice(piece.start, piece.end);
    let sentenceStart = 0;
    for (const match of text.matchAll(boundary)) {
      const position = match.index as number;
      if (text[position] === '.') {
        const before = /([\p{L}.]+)$/u.exec(text.slice(0, position))?.[1] ?? '';
        const word = before.toLowerCase().replace(/^\.+/, '');
        if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) continue;
        if (word === 'et' || (word.endsWith('al') && text.slice(0, position).endsWith('et al'))) continue;
      }
      const end = position + match[0].length;
      if (text.slice(sentenceStart, end).trim() !== '') {
        result.push({ start: piece.start + sentenceStart, end: piece.start + end });
      }
      sentenceStart = end;
    }
    if (text.slice(sentenceStart).trim() !== '') {
      result.push({ start: piece.start + sentenceStart, end: piece.end });
    }
  }
  return result;
}

export class TemporaryMatcher {
  private readonly root: TrieNode = { children: new Map(), aliases: [] };

  constructor(vocabulary: VocabularyFile) {
    const add = (
      entry: VocabularyEntry | null,
      type: AliasInfo['type'],
      alias: string,
      options: { acronym: boolean; caseSensitive: boolean },
    ) => {
      const exactTokens = alias.match(TOKEN) ?? [];
      if (exactTokens.length === 0) return;
      const tokens = exactTokens.map((token) => token.toLowerCase());
      const short = alias.replace(/[^\p{L}\p{N}]/gu, '').length <= 2;
      let node = this.root;
      for (const token of tokens) {
        let child = node.children.get(token);
        if (!child) {
          child = { children: new Map(), aliases: [] };
          node.children.set(token, child);
        }
        node = child;
      }
      node.aliases.push({
        entryId: entry?.id ?? null,
        type,
        tokens,
        exactTokens,
        caseSensitive: options.caseSensitive || options.acronym || short,
        acronym: options.acronym,
        lowerCaseAlias: alias === alias.toLowerCase(),
      });
    };
    for (const [type, entries] of [
      ['material', vocabulary.materials],
      ['application', vocabulary.applications],
    ] as const) {
      for (const entry of entries) {
        const acronyms = new Set(entry.acronyms ?? []);
        const caseSensitive = new Set(entry.caseSensitive ?? []);
        for (const alias of new Set([entry.name, ...entry.aliases, ...acronyms])) {
          add(entry, type, alias, { acronym: acronyms.has(alias), caseSensitive: caseSensitive.has(alias) });
        }
      }
    }
    for (const phrase of vocabulary.stopPhrases)
      add(null, 'stop', phrase, { acronym: false, caseSensitive: false });
  }

  /** Mentions of one sentence; `mixedCase` says whether the surrounding text is not all capitals. */
  matchSentence(text: string, mixedCase: boolean): SentenceMention[] {
    const tokens = [...text.matchAll(TOKEN)].map((match) => ({
      text: match[0],
      lower: match[0].toLowerCase(),
      start: match.index as number,
      end: (match.index as number) + match[0].length,
    }));
    const mentions: SentenceMention[] = [];
    let i = 0;
    while (i < tokens.length) {
      // Collect all alias ends reachable from token i, longest first.
      const candidates: { length: number; aliases: AliasInfo[] }[] = [];
      let node: TrieNode | undefined = this.root;
      for (let j = i; j < tokens.length && node; j += 1) {
        if (j > i) {
          const gap = text.slice(
            (tokens[j - 1] as { end: number }).end,
            (tokens[j] as { start: number }).start,
          );
          if (!JOINER.test(gap)) break;
        }
        node = node.children.get((tokens[j] as { lower: string }).lower);
        if (node && node.aliases.length > 0) candidates.push({ length: j - i + 1, aliases: node.aliases });
      }
      let matched: { alias: AliasInfo; length: number } | undefined;
      for (const candidate of candidates.reverse()) {
        const surface = tokens.slice(i, i + candidate.length);
        const alias = candidate.aliases.find((info) => {
          if (info.caseSensitive) return info.exactTokens.every((token, k) => surface[k]?.text === token);
          if (info.lowerCaseAlias && mixedCase) {
            const surfaceText = surface.map((token) => token.text).join('');
            if (
              /\p{L}/u.test(surfaceText) &&
              surfaceText === surfaceText.toUpperCase() &&
              surfaceText.length > 1
            ) {
              return false;
            }
          }
          return true;
        });
        if (alias) {
          matched = { alias, length: candidate.length };
          break;
        }
      }
      if (!matched) {
        i += 1;
        continue;
      }
      const first = tokens[i] as { start: number };
      const last = tokens[i + matched.length - 1] as { end: number };
      if (matched.alias.type !== 'stop' && matched.alias.entryId) {
        mentions.push({
          entryId: matched.alias.entryId,
          type: matched.alias.type,
          acronym: matched.alias.acronym,
          start: first.start,
          end: last.end,
        });
      }
      i += matched.length;
    }
    return mentions;
  }
}
