/**
 * The mention matcher of the discovery task README (`shared/bench/discovery/README.md`, "How the
 * ground truth was built", steps 1–2), written from those rules alone so that rebuilt tasks do not
 * inherit the quirks of the extractor they evaluate.
 */

export interface TaskVocabularyEntry {
  id: string;
  name: string;
  aliases?: string[];
  caseSensitive?: string[];
  acronyms?: string[];
}

export interface TaskVocabulary {
  materials: TaskVocabularyEntry[];
  applications: TaskVocabularyEntry[];
  stopPhrases: string[];
}

export type MentionKind = 'material' | 'application';

export interface Mention {
  id: string;
  kind: MentionKind;
  /** An ambiguous acronym: it counts only when the document names the entry another way. */
  acronym: boolean;
}

interface Alias {
  /** Null for a stop phrase. */
  id: string | null;
  kind: MentionKind | null;
  tokens: string[];
  caseSensitive: boolean;
  acronym: boolean;
  /** Written in lower case in the vocabulary: skipped when it appears in capitals in mixed-case text. */
  lowerCase: boolean;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  aliases: Alias[];
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
/** What may stand between the words of one multi-word alias. */
const JOINER = /^[\s\-\u2010-\u2015/()]+$/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN))
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  return tokens;
}

const isShort = (alias: string) => /^[\p{L}\p{N}]{1,2}$/u.test(alias);
const hasLower = (text: string) => /\p{Ll}/u.test(text);
const hasUpper = (text: string) => /\p{Lu}/u.test(text);

export class VocabularyMatcher {
  private readonly root: TrieNode = { children: new Map(), aliases: [] };

  constructor(vocabulary: TaskVocabulary) {
    for (const [kind, entries] of [
      ['material', vocabulary.materials],
      ['application', vocabulary.applications],
    ] as const) {
      for (const entry of entries) {
        const acronyms = new Set(entry.acronyms ?? []);
        const exact = new Set(entry.caseSensitive ?? []);
        const names = new Set([entry.name, ...(entry.aliases ?? []), ...acronyms]);
        for (const name of names) {
          const acronym = acronyms.has(name);
          this.add({
            id: entry.id,
            kind,
            tokens: tokenize(name).map((token) => token.text),
            caseSensitive: acronym || exact.has(name) || isShort(name),
            acronym,
            lowerCase: !hasUpper(name),
          });
        }
      }
    }
    for (const phrase of vocabulary.stopPhrases)
      this.add({
        id: null,
        kind: null,
        tokens: tokenize(phrase).map((token) => token.text),
        caseSensitive: false,
        acronym: false,
        lowerCase: false,
      });
  }

  private add(alias: Alias): void {
    if (alias.tokens.length === 0) return;
    let node = this.root;
    for (const token of alias.tokens) {
      const key = token.toLowerCase();
      let child = node.children.get(key);
      if (!child) {
        child = { children: new Map(), aliases: [] };
        node.children.set(key, child);
      }
      node = child;
    }
    node.aliases.push(alias);
  }

  /**
   * Mentions of one sentence, longest match first at each token (stop phrases consume their tokens and
   * yield nothing). Acronym mentions are returned flagged; `licenseAcronyms` drops the unlicensed ones
   * once the whole document is known.
   */
  sentenceMentions(sentence: string): Mention[] {
    const tokens = tokenize(sentence);
    const mixedCase = hasLower(sentence);
    const mentions: Mention[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node: TrieNode | undefined = this.root;
      let best: { alias: Alias | null; length: number } | undefined;
      for (let j = i; j < tokens.length && node; j += 1) {
        if (j > i) {
          const gap = sentence.slice((tokens[j - 1] as Token).end, (tokens[j] as Token).start);
          if (!JOINER.test(gap)) break;
        }
        node = node.children.get((tokens[j] as Token).text.toLowerCase());
        if (!node || node.aliases.length === 0) continue;
        const written = tokens.slice(i, j + 1).map((token) => token.text);
        const alias = node.aliases.find((candidate) => accepts(candidate, written, mixedCase));
        if (alias) best = { alias, length: j - i + 1 };
      }
      if (!best) {
        i += 1;
        continue;
      }
      if (best.alias?.id && best.alias.kind)
        mentions.push({ id: best.alias.id, kind: best.alias.kind, acronym: best.alias.acronym });
      i += best.length;
    }
    return mentions;
  }
}

function accepts(alias: Alias, written: string[], mixedCase: boolean): boolean {
  if (alias.caseSensitive) return alias.tokens.every((token, k) => token === written[k]);
  if (alias.lowerCase && mixedCase) {
    // An ordinary word written in capitals inside mixed-case text is taken for an acronym ("PIPES").
    const joined = written.join('');
    if (hasUpper(joined) && !hasLower(joined) && /\p{L}/u.test(joined)) return false;
  }
  return true;
}

/** Keeps an acronym mention only when the same document names that entry another way. */
export function licenseAcronyms(sentences: Mention[][]): Mention[][] {
  const namedOtherwise = new Set<string>();
  for (const mentions of sentences)
    for (const mention of mentions) if (!mention.acronym) namedOtherwise.add(mention.id);
  return sentences.map((mentions) =>
    mentions.filter((mention) => !mention.acronym || namedOtherwise.has(mention.id)),
  );
}
