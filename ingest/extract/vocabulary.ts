import type { EntityLabel, TermOrigin } from '../../graph/index.ts';
import type { KnownEntity } from '../resolve/entity-resolver.ts';
import { addId, type IdIndex, onlyId } from '../resolve/id-index.ts';
import { termKeyOnce } from '../resolve/term-keys.ts';

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
  /** The alias as given: a term's alias is compiled once. */
  alias: string;
  /** Its tokens as written, for a case-sensitive alias only (empty otherwise: the matcher never reads them). */
  exactTokens: readonly string[];
  caseSensitive: boolean;
  acronym: boolean;
  /** An ordinary lower-case alias (skipped when written in capitals inside mixed-case text). */
  lowerCase: boolean;
}

/** @internal */
export interface TrieNode {
  /** Null at a leaf: most nodes end a name, and a map for each held a fifth of a large trie's memory. */
  children: Map<string, TrieNode> | null;
  aliases: AliasInfo[] | null;
}

const noTokens: readonly string[] = Object.freeze([]);

/** Runs of letters and digits: the tokens aliases are split into (texts by `scanWords`, to the same runs). */
export const tokenPattern = /[\p{L}\p{N}]+/gu;

/**
 * When one surface names terms of several origins, the more deliberate source is listed first: an
 * engineer's term, then the customer's catalog, then the bundled lexicon, then machine-made terms.
 */
const originRank: Record<TermOrigin, number> = { user: 0, catalog: 1, lexicon: 2, llm: 3, mined: 4 };

/** A vocabulary extended in place (`Vocabulary.extendedTo`) and the terms it added. */
export interface VocabularyExtension {
  vocabulary: Vocabulary;
  added: readonly VocabularyTerm[];
}

/** Ids of terms per label and canonical term key. */
type TermKeyIndex = Map<EntityLabel, IdIndex>;

function addTermKeys(index: TermKeyIndex, terms: Iterable<VocabularyTerm>): void {
  for (const term of terms) {
    let byKey = index.get(term.label);
    if (!byKey) {
      byKey = new Map();
      index.set(term.label, byKey);
    }
    for (const surface of [term.name, ...(term.aliases ?? []), ...(term.acronyms ?? [])]) {
      addId(byKey, termKeyOnce(surface, term.label, { keepLeadingWords: true }), term.id);
    }
  }
}

/** A term an extension may add: one a full build would compile on its own (not a product's names). */
function addable(term: VocabularyTerm): boolean {
  return Object.hasOwn(originRank, term.origin) && term.materialId === undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((value, index) => value === b[index]);
}

/**
 * Whether two terms say the same, field by field (lists in order). Terms are flat records of strings
 * and string lists; `isDeepStrictEqual` gives the same answer at about four times the time (57 against
 * 13 ms for 50,000 terms), which a vocabulary extended from a whole snapshot pays at every version.
 */
function sameTerm(a: VocabularyTerm, b: VocabularyTerm): boolean {
  if (a === b) return true;
  const fields = Object.keys(a) as (keyof VocabularyTerm)[];
  if (fields.length !== Object.keys(b).length) return false;
  return fields.every((field) => Object.hasOwn(b, field) && sameValue(a[field], b[field]));
}

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
  private root: TrieNode = { children: new Map(), aliases: null };
  private readonly byId = new Map<string, VocabularyTerm>();
  private known = new Map<string, KnownEntity>();
  private readonly inflectDefault: boolean;
  private compiled = false;
  /** Another vocabulary took over the compiled structures (`extendedTo`). */
  private superseded = false;
  private keys: TermKeyIndex | undefined;

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
      this.root = { children: new Map(), aliases: null };
      this.known.clear();
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

  /**
   * The one term whose name, an alias or an acronym has this canonical term key, if exactly one (mining
   * and promotion look known terms up by key; a key naming two terms names neither). Indexed on first use.
   */
  termWithKey(label: EntityLabel, key: string): string | undefined {
    if (!this.keys) {
      const keys: TermKeyIndex = new Map();
      addTermKeys(keys, this.byId.values());
      this.keys = keys;
    }
    return onlyId(this.keys.get(label), key);
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

  /**
   * The vocabulary of `next` (the terms a full build would be given, in that order), compiled by
   * extending this one's trie and resolver entries with the terms `next` adds, instead of compiling
   * every term again. A backfill's vocabulary grows by a few hundred mined terms per version while it
   * holds tens of thousands, and each version was compiled whole on every ingestion thread.
   *
   * The result is what `new Vocabulary(next, version, options)` gives: the same terms in the same
   * order, and at every trie node the same aliases in the same order (the matcher takes the first),
   * since each new alias goes where a full build's order puts it. Undefined, and nothing touched, when
   * `next` is not this vocabulary's terms, unchanged and in their order, plus new ones (a term edited,
   * merged or retired, a product's names, a term that some product stands for): the caller then builds
   * in full. Children of a trie node are looked up, never walked, so their order does not matter.
   *
   * The index of term keys that mining and promotion look terms up in goes along, with the added
   * terms' keys. A vocabulary whose matcher was never compiled (promotion's) gives one compiled on first
   * use, as a full build does.
   *
   * This vocabulary is superseded once it returns a result (or throws): the new one takes over its
   * compiled structures, so it matches the new terms too. A caller keeps using only the result, and
   * builds in full if it throws.
   */
  extendedTo(next: readonly VocabularyTerm[], version: string): VocabularyExtension | undefined {
    if (this.superseded) return undefined;
    const previous = [...this.byId.values()];
    const added: VocabularyTerm[] = [];
    const addedIds = new Set<string>();
    const products = new Set(previous.flatMap((term) => (term.materialId ? [term.materialId] : [])));
    let kept = 0;
    for (const term of next) {
      const known = this.byId.get(term.id);
      if (known) {
        if (previous[kept] !== known || !sameTerm(known, term)) return undefined;
        kept += 1;
      } else {
        if (addedIds.has(term.id) || !addable(term) || products.has(term.id)) return undefined;
        addedIds.add(term.id);
        added.push(term);
      }
    }
    if (kept !== previous.length) return undefined;
    const extended = new Vocabulary([], version, {
      stopPhrases: this.stopPhrases,
      inflect: this.inflectDefault,
    });
    for (const term of next) extended.byId.set(term.id, this.byId.get(term.id) ?? term);
    this.superseded = true;
    // The key index holds sets of ids per key: adding the new terms' keys gives a full build's.
    if (this.keys) {
      addTermKeys(this.keys, added);
      extended.keys = this.keys;
      this.keys = undefined;
    }
    // A matcher never compiled (promotion's view of the terms) is compiled on first use, as before.
    if (this.compiled) extended.takeOver(this, next, added);
    return { vocabulary: extended, added };
  }

  private takeOver(
    from: Vocabulary,
    next: readonly VocabularyTerm[],
    added: readonly VocabularyTerm[],
  ): void {
    // Where `next` lists each term, found only when an alias must be placed among others at a node
    // (rare: new terms mostly end new paths), so a version costs what it adds, not what it holds.
    let place: Map<string, number> | undefined;
    const placeOf = (id: string): number => {
      if (!place) {
        place = new Map();
        for (const [index, term] of next.entries()) place.set(term.id, index);
      }
      return place.get(id) as number;
    };
    this.root = from.root;
    // A full build's order: by origin, then as `next` lists the terms; stop phrases come last.
    const rankOf = (origin: TermOrigin, id: string) => originRank[origin] * next.length + placeOf(id);
    const order = (info: AliasInfo) =>
      info.entityId === null || info.origin === null
        ? Number.POSITIVE_INFINITY
        : rankOf(info.origin, info.entityId);
    // Added terms in a full build's order: by origin, then as `next` lists them (`added` is in that
    // order, and the sort is stable).
    const ranked = [...added].sort((a, b) => originRank[a.origin] - originRank[b.origin]);
    // The resolver's entries: a resolver looks them up by key, so their order does not matter.
    this.known = from.known;
    for (const term of ranked) this.compileTerm(term, this.inflectDefault, order);
    this.compiled = true;
  }

  private compileTerm(
    term: VocabularyTerm,
    inflectDefault: boolean,
    order?: (info: AliasInfo) => number,
  ): void {
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
      this.addAlias(alias, term, exact, acronyms.has(alias), order);
      const lastWord = /(\p{Ll}{3,})$/u.exec(alias)?.[1];
      const plural = lastWord ? pluralOf(lastWord) : null;
      if (inflect && !exact && lastWord && plural) {
        this.addAlias(`${alias.slice(0, -lastWord.length)}${plural}`, term, false, false, order);
      }
    }
  }

  private addAlias(
    alias: string,
    term: VocabularyTerm | null,
    caseSensitive: boolean,
    acronym: boolean,
    order?: (info: AliasInfo) => number,
  ): void {
    const matches = [...alias.matchAll(tokenPattern)];
    if (matches.length === 0) return;
    const exactTokens = matches.map((match) => match[0]);
    let node = this.root;
    for (const token of exactTokens) {
      const lower = token.toLowerCase();
      node.children ??= new Map();
      let child = node.children.get(lower);
      if (!child) {
        child = { children: null, aliases: null };
        node.children.set(lower, child);
      }
      node = child;
    }
    const entityId = term?.id ?? null;
    // The same alias of the same term (or stop phrase) is compiled once; its path names it already.
    if (node.aliases?.some((other) => other.entityId === entityId && other.alias === alias)) return;
    const short = exactTokens.join('').length <= 2;
    const exact = caseSensitive || acronym || short;
    const info: AliasInfo = {
      entityId,
      label: term?.label ?? null,
      origin: term?.origin ?? null,
      alias,
      exactTokens: exact ? exactTokens : noTokens,
      caseSensitive: exact,
      acronym,
      lowerCase: alias === alias.toLowerCase(),
    };
    if (!node.aliases) node.aliases = [info];
    else if (!order) node.aliases.push(info);
    else {
      // After every alias a full build adds before it: a term of a lower rank, or listed earlier.
      const rank = order(info);
      const at = node.aliases.findIndex((other) => order(other) > rank);
      node.aliases.splice(at === -1 ? node.aliases.length : at, 0, info);
    }
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
