import type { EntityLabel, TermOrigin } from '../../graph/index.ts';
import type { KnownEntity } from '../resolve/entity-resolver.ts';

/** Where a vocabulary term came from (the graph model's origins). */
export type { TermOrigin } from '../../graph/index.ts';

/**
 * One term of the vocabulary the matcher looks for: an entity id with the names that denote it. The
 * bundled lexicon, a product catalog, engineers and mining all contribute terms of this shape.
 */
export interface VocabularyTerm {
  /** Full entity id, e.g. `material:silica-aerogel`. */
  id: string;
  label: EntityLabel;
  name: string;
  aliases?: readonly string[];
  /** Ambiguous acronyms: case-sensitive, and they count only in a document that names the term otherwise. */
  acronyms?: readonly string[];
  /** Aliases that match only with exactly this capitalisation (`true`: all of them). */
  caseSensitive?: readonly string[] | boolean;
  origin: TermOrigin;
  /** Ids of broader terms of the same label (`application:medical-packaging` → `application:packaging`). */
  broader?: readonly string[];
  /** Also match the regular English plural of each alias's last word (default: the build option). */
  inflect?: boolean;
  formula?: string;
  class?: string;
  unit?: string;
  domain?: string;
  /**
   * A product's names: the term id is the product's, and a mention of it is a mention of this
   * material (the extractor reports the product beside it).
   */
  materialId?: string;
}

export interface VocabularyOptions {
  /** Phrases matched like aliases and then discarded ("glass transition" is not glass). */
  stopPhrases?: readonly string[];
  /** Default for terms without their own `inflect` (default true). */
  inflect?: boolean;
}

/** @internal One alias (or stop phrase) at the end of a trie path. */
export interface AliasInfo {
  /** Null for a stop phrase. */
  entityId: string | null;
  label: EntityLabel | null;
  origin: TermOrigin | null;
  exactTokens: string[];
  caseSensitive: boolean;
  acronym: boolean;
  /** An ordinary lower-case alias (skipped when written in capitals inside mixed-case text). */
  lowerCase: boolean;
}

/** @internal */
export interface TrieNode {
  children: Map<string, TrieNode>;
  aliases: AliasInfo[] | null;
}

/** Runs of letters and digits: the tokens aliases are split into (texts by `scanWords`, to the same runs). */
export const tokenPattern = /[\p{L}\p{N}]+/gu;

/**
 * When one surface names terms of several origins, the more deliberate source is listed first: an
 * engineer's term, then the customer's catalog, then the bundled lexicon, then machine-made terms.
 */
const originRank: Record<TermOrigin, number> = { user: 0, catalog: 1, lexicon: 2, llm: 3, mined: 4 };

/** The regular plural of a lower-case word, or null when the word already looks plural. */
function pluralOf(word: string): string | null {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(x|z|ch|sh|ss|ns|us)$/.test(word)) return `${word}es`;
  if (word.endsWith('s')) return null;
  return `${word}s`;
}

/**
 * The forms of a name that may stand in a text: itself, and the regular plural of its last word when
 * that word is lower-case ("silica aerogel" → "silica aerogels"), as the matcher inflects.
 */
export function surfaceForms(name: string): string[] {
  const lastWord = /(\p{Ll}{3,})$/u.exec(name)?.[1];
  const plural = lastWord ? pluralOf(lastWord) : null;
  return plural ? [name, `${name.slice(0, -(lastWord as string).length)}${plural}`] : [name];
}

function mergeTerms(first: VocabularyTerm, later: VocabularyTerm): VocabularyTerm {
  const union = (a?: readonly string[], b?: readonly string[]) => [...new Set([...(a ?? []), ...(b ?? [])])];
  const caseSensitive =
    first.caseSensitive === true || later.caseSensitive === true
      ? true
      : union(
          Array.isArray(first.caseSensitive) ? first.caseSensitive : [],
          Array.isArray(later.caseSensitive) ? later.caseSensitive : [],
        );
  return {
    ...later,
    ...first,
    aliases: union(first.aliases, later.aliases).filter((alias) => alias !== first.name),
    acronyms: union(first.acronyms, later.acronyms),
    caseSensitive,
    broader: union(first.broader, later.broader),
  };
}

/**
 * A compiled vocabulary: the terms (merged by id), a version string that extraction runs record, and
 * every alias and stop phrase in one token trie (lower-cased tokens) for the matcher.
 *
 * The trie and the resolver's entries are compiled on first use. Promotion only looks terms up, by id
 * and by key: late in a backfill, with tens of thousands of mined terms, compiling the matcher for it
 * cost the run's main thread most of a second at every version, for a matcher only the pool's threads use.
 */
export class Vocabulary {
  readonly version: string;
  readonly stopPhrases: readonly string[];
  private readonly root: TrieNode = { children: new Map(), aliases: null };
  private readonly byId = new Map<string, VocabularyTerm>();
  private readonly known = new Map<string, KnownEntity>();
  private readonly seen = new Set<string>();
  private readonly inflectDefault: boolean;
  private compiled = false;

  constructor(terms: readonly VocabularyTerm[], version: string, options: VocabularyOptions = {}) {
    this.version = version;
    this.stopPhrases = [...(options.stopPhrases ?? [])];
    this.inflectDefault = options.inflect ?? true;
    for (const term of terms) {
      const existing = this.byId.get(term.id);
      this.byId.set(term.id, existing ? mergeTerms(existing, term) : term);
    }
  }

  /** Compiles the trie and the resolver's entries, once (a failed compile leaves nothing half-built). */
  private compile(): void {
    if (this.compiled) return;
    try {
      this.compileAll();
    } catch (error) {
      this.root.children.clear();
      this.root.aliases = null;
      this.known.clear();
      this.seen.clear();
      throw error;
    }
    this.compiled = true;
  }

  private compileAll(): void {
    const ordered = [...this.byId.values()].sort((a, b) => originRank[a.origin] - originRank[b.origin]);
    for (const term of ordered) this.compileTerm(term, this.inflectDefault);
    for (const phrase of this.stopPhrases) this.addAlias(phrase, null, false, false);
    // The resolver knows a product's names as exact names of its material (LLM and pattern surfaces).
    for (const term of ordered) {
      const product = this.known.get(term.id);
      const material = term.materialId ? this.known.get(term.materialId) : undefined;
      if (!product || !term.materialId) continue;
      this.known.delete(term.id);
      if (!material) continue;
      const names = [product.name, ...product.aliases];
      this.known.set(term.materialId, {
        ...material,
        aliases: [...new Set([...material.aliases, ...names])],
        exactAliases: [...new Set([...(material.exactAliases ?? []), ...names])],
      });
    }
  }

  /** The material a product term stands for, if `id` is a product term. */
  materialOf(id: string): string | undefined {
    return this.byId.get(id)?.materialId;
  }

  /** The terms, merged by id, in first-seen order. */
  get terms(): VocabularyTerm[] {
    return [...this.byId.values()];
  }

  /** The term behind an entity id. */
  term(id: string): VocabularyTerm | undefined {
    return this.byId.get(id);
  }

  /** The terms as known entities for the resolver. */
  knownEntities(): KnownEntity[] {
    this.compile();
    return [...this.known.values()];
  }

  /** The known entity behind an id (lexicon-era name of `term`). */
  entry(id: string): KnownEntity | undefined {
    this.compile();
    return this.known.get(id);
  }

  /** Number of terms per label. */
  size(): Record<EntityLabel, number> {
    const counts: Record<EntityLabel, number> = { Material: 0, Application: 0, Property: 0, Organization: 0 };
    for (const term of this.byId.values()) counts[term.label] += 1;
    return counts;
  }

  /** @internal The trie root (used by the matcher). */
  get trie(): TrieNode {
    this.compile();
    return this.root;
  }

  private compileTerm(term: VocabularyTerm, inflectDefault: boolean): void {
    const acronyms = new Set(term.acronyms ?? []);
    const allCaseSensitive = term.caseSensitive === true;
    const caseSensitive = new Set(Array.isArray(term.caseSensitive) ? term.caseSensitive : []);
    const aliases = [...new Set([term.name, ...(term.aliases ?? []), ...acronyms])];
    const exactAliases = aliases.filter(
      (alias) =>
        allCaseSensitive ||
        caseSensitive.has(alias) ||
        acronyms.has(alias) ||
        alias.replace(/[^\p{L}\p{N}]/gu, '').length <= 2,
    );
    this.known.set(term.id, {
      id: term.id,
      label: term.label,
      name: term.name,
      aliases: aliases.filter((alias) => alias !== term.name),
      exactAliases,
      ...(term.formula ? { formula: term.formula } : {}),
      ...(term.class ? { class: term.class } : {}),
      ...(term.unit ? { unit: term.unit } : {}),
      ...(term.domain ? { domain: term.domain } : {}),
    });
    const inflect =
      (term.inflect ?? inflectDefault) && (term.label === 'Material' || term.label === 'Application');
    for (const alias of aliases) {
      const exact = exactAliases.includes(alias);
      this.addAlias(alias, term, exact, acronyms.has(alias));
      const lastWord = /(\p{Ll}{3,})$/u.exec(alias)?.[1];
      const plural = lastWord ? pluralOf(lastWord) : null;
      if (inflect && !exact && lastWord && plural) {
        this.addAlias(`${alias.slice(0, -lastWord.length)}${plural}`, term, false, false);
      }
    }
  }

  private addAlias(
    alias: string,
    term: VocabularyTerm | null,
    caseSensitive: boolean,
    acronym: boolean,
  ): void {
    const dedupeKey = `${term?.id ?? '#stop'}\u0000${alias}`;
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
      entityId: term?.id ?? null,
      label: term?.label ?? null,
      origin: term?.origin ?? null,
      exactTokens,
      caseSensitive: caseSensitive || acronym || short,
      acronym,
      lowerCase: alias === alias.toLowerCase(),
    };
    if (node.aliases) node.aliases.push(info);
    else node.aliases = [info];
  }
}

/**
 * Builds a vocabulary from terms of any origin (bundled lexicon, catalog, users, mining). Terms with
 * the same id are merged (aliases added); when one alias names several terms, the term of the more
 * deliberate origin comes first (user, catalog, lexicon, llm, mined), the others become alternatives.
 */
export function buildVocabulary(
  terms: readonly VocabularyTerm[],
  version: string,
  options: VocabularyOptions = {},
): Vocabulary {
  return new Vocabulary(terms, version, options);
}
