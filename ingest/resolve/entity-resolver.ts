import type { Entity, EntityLabel } from '../../graph/index.ts';
import {
  canonicalKey,
  compactKey,
  entityId,
  formulaEntityId,
  isElementSymbol,
  looksLikeFormula,
  normalizeCharacters,
  normalizeFormula,
} from './canonical-keys.ts';
import { addId, type IdHit, type IdIndex, idsUnder, onlyId } from './id-index.ts';

/** An entity the resolver knows in advance (a lexicon entry), with the aliases that name it. */
export interface KnownEntity {
  /** Full entity id, e.g. `material:pet`. */
  id: string;
  label: EntityLabel;
  name: string;
  aliases: string[];
  /** Aliases that only count with exactly this capitalisation (acronyms, formulas, trade names). */
  exactAliases?: string[];
  formula?: string;
  class?: string;
  unit?: string;
  domain?: string;
}

/** The outcome of resolving one surface. */
export interface Resolution {
  id: string;
  /** The known entity it resolved to, if any. */
  known?: KnownEntity;
  /** How it was resolved (for tests and debugging). */
  via: 'exact' | 'key' | 'compact' | 'formula' | 'new' | 'ambiguous';
  /** Canonical formula when the surface is a formula. */
  formula?: string;
}

/**
 * Short names are only ever matched with their exact capitalisation: up to 4 letters/digits, or one
 * capitalised word of up to 8 (acronyms such as `UHMWPE`). All-caps multi-word names ("MITSUI
 * CHEMICALS INC") are not short.
 */
function isShortName(surface: string): boolean {
  const compact = surface.replace(/[^\p{L}\p{N}]/gu, '');
  if (compact.length <= 4) return true;
  return !/\p{Ll}/u.test(compact) && !/\s/u.test(surface.trim()) && compact.length <= 8;
}

const minimumCompactLength = 5;

/**
 * Turns surfaces (lexicon matches, pattern hits, LLM entity names) into entity ids. Known entities are
 * found by exact alias, then by canonical key (case, plural, hyphenation, spacing), then by compact key,
 * then by canonical formula. Short names only match exactly, and a name shared by two known entities
 * resolves to neither, so two things are never merged because a short name matches.
 */
export class EntityResolver {
  private readonly known = new Map<string, KnownEntity>();
  private readonly exact = new Map<EntityLabel, IdIndex>();
  private readonly keys = new Map<EntityLabel, IdIndex>();
  private readonly compact = new Map<EntityLabel, IdIndex>();
  private readonly formulas: IdIndex = new Map();
  private readonly cache = new Map<string, Resolution>();

  constructor(entities: Iterable<KnownEntity> = []) {
    for (const entity of entities) this.add(entity);
  }

  /** Registers a known entity (aliases of an id registered twice are merged). */
  add(entity: KnownEntity): void {
    const existing = this.known.get(entity.id);
    const merged: KnownEntity = existing
      ? {
          ...existing,
          aliases: [...new Set([...existing.aliases, ...entity.aliases])],
          exactAliases: [...new Set([...(existing.exactAliases ?? []), ...(entity.exactAliases ?? [])])],
        }
      : entity;
    this.known.set(entity.id, merged);
    this.cache.clear();
    const exactOnly = new Set(entity.exactAliases ?? []);
    const exact = this.indexFor(this.exact, entity.label);
    const keys = this.indexFor(this.keys, entity.label);
    const compact = this.indexFor(this.compact, entity.label);
    for (const alias of new Set([entity.name, ...entity.aliases, ...exactOnly])) {
      addId(exact, normalizeCharacters(alias).trim(), entity.id);
      if (entity.label === 'Material' && looksLikeFormula(alias)) {
        const formula = normalizeFormula(alias);
        if (formula) addId(this.formulas, formula, entity.id);
        continue;
      }
      if (exactOnly.has(alias) || isShortName(alias)) continue;
      const key = canonicalKey(entity.label, alias);
      addId(keys, key, entity.id);
      if (compactKey(key).length >= minimumCompactLength) addId(compact, compactKey(key), entity.id);
    }
    if (entity.formula) {
      const formula = normalizeFormula(entity.formula);
      if (formula) addId(this.formulas, formula, entity.id);
    }
  }

  /** The known entity with this id. */
  knownEntity(id: string): KnownEntity | undefined {
    return this.known.get(id);
  }

  /** Resolves a surface of the given label to an entity id (known, or a new deterministic canonical id). */
  resolve(label: EntityLabel, surface: string): Resolution {
    const cacheKey = `${label}\u0000${surface}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const resolution = this.resolveUncached(label, surface);
    this.cache.set(cacheKey, resolution);
    return resolution;
  }

  private resolveUncached(label: EntityLabel, surface: string): Resolution {
    const trimmed = normalizeCharacters(surface).trim();
    const exactHit = this.lookup(this.exact, label, trimmed);
    if (exactHit.kind !== 'none') return this.finish(label, trimmed, exactHit, 'exact');
    // "PETs", "CNTs": plural of an acronym.
    const acronymPlural = /^(\p{Lu}[\p{Lu}\p{N}-]+)s$/u.exec(trimmed);
    if (acronymPlural) {
      const hit = this.lookup(this.exact, label, acronymPlural[1] as string);
      if (hit.kind !== 'none') return this.finish(label, trimmed, hit, 'exact');
    }
    if (label === 'Material' && looksLikeFormula(trimmed)) {
      const formula = normalizeFormula(trimmed) as string;
      const hit = idsUnder(this.formulas, formula);
      if (hit.kind === 'one') return { id: hit.id, known: this.known.get(hit.id), via: 'formula', formula };
      if (hit.kind === 'many') return { id: formulaEntityId(formula), via: 'ambiguous', formula };
      return { id: formulaEntityId(formula), via: 'new', formula };
    }
    // "Fe", "Cu": an element symbol names the element entry that has it as its formula.
    if (label === 'Material' && isElementSymbol(trimmed)) {
      const id = onlyId(this.formulas, trimmed);
      if (id !== undefined) return { id, known: this.known.get(id), via: 'formula', formula: trimmed };
    }
    if (isShortName(trimmed)) return this.finish(label, trimmed, { kind: 'none' }, 'new');
    const key = canonicalKey(label, trimmed);
    const keyHit = this.lookup(this.keys, label, key);
    if (keyHit.kind !== 'none') return this.finish(label, trimmed, keyHit, 'key');
    const compact = compactKey(key);
    if (compact.length >= minimumCompactLength) {
      const compactHit = this.lookup(this.compact, label, compact);
      if (compactHit.kind !== 'none') return this.finish(label, trimmed, compactHit, 'compact');
    }
    return this.finish(label, trimmed, { kind: 'none' }, 'new');
  }

  private lookup(indexes: Map<EntityLabel, IdIndex>, label: EntityLabel, key: string): IdHit {
    return idsUnder(indexes.get(label), key);
  }

  private finish(label: EntityLabel, surface: string, hit: IdHit, via: Resolution['via']): Resolution {
    if (hit.kind === 'one') return { id: hit.id, known: this.known.get(hit.id), via };
    let id = entityId(label, canonicalKey(label, surface));
    // A new name must never take the id of a different known entity.
    if (this.known.has(id)) id = `${id}-term`;
    return { id, via: hit.kind === 'many' ? 'ambiguous' : 'new' };
  }

  private indexFor(indexes: Map<EntityLabel, IdIndex>, label: EntityLabel): IdIndex {
    let index = indexes.get(label);
    if (!index) {
      index = new Map();
      indexes.set(label, index);
    }
    return index;
  }
}

/**
 * Collects the entities of one document: a known entity keeps its lexicon name and aliases plus the
 * surfaces seen; a new entity is named after its first surface and gathers the others as aliases.
 */
export class EntityCollector {
  private readonly entities = new Map<string, Entity>();

  constructor(private readonly resolver: EntityResolver) {}

  /** Records that `surface` names entity `id` (resolved with `label`). */
  record(id: string, label: EntityLabel, surface: string, extra: { formula?: string } = {}): void {
    const clean = surface.replace(/\s+/g, ' ').trim();
    let entity = this.entities.get(id);
    if (!entity) {
      const known = this.resolver.knownEntity(id);
      entity = known
        ? {
            id,
            label: known.label,
            name: known.name,
            aliases: [...new Set([...known.aliases, ...(known.exactAliases ?? [])])].filter(
              (alias) => alias !== known.name,
            ),
            ...(known.class ? { class: known.class } : {}),
            ...(known.formula ? { formula: known.formula } : {}),
            ...(known.unit ? { unit: known.unit } : {}),
            ...(known.domain ? { domain: known.domain } : {}),
          }
        : { id, label, name: clean, aliases: [], ...(extra.formula ? { formula: extra.formula } : {}) };
      this.entities.set(id, entity);
    }
    if (clean !== '' && clean !== entity.name && !entity.aliases.includes(clean)) entity.aliases.push(clean);
  }

  /** Resolves and records in one step; returns the entity id. */
  resolveAndRecord(label: EntityLabel, surface: string): string {
    const resolution = this.resolver.resolve(label, surface);
    this.record(
      resolution.id,
      label,
      surface,
      resolution.formula && !resolution.known ? { formula: resolution.formula } : {},
    );
    return resolution.id;
  }

  has(id: string): boolean {
    return this.entities.has(id);
  }

  /** The entities in first-seen order. */
  list(): Entity[] {
    return [...this.entities.values()];
  }
}
