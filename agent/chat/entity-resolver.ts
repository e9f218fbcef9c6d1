import { type Entity, type GraphStore, nameFromEntityId, toEntityId } from '../../graph/index.ts';
import type { EntityRef } from './chat-tool-results.ts';

export function toEntityRef(entity: Entity): EntityRef {
  return { id: entity.id, name: entity.name, label: entity.label };
}

/** `MATERIAL` or `material` → `Material`, as entity labels are spelled. */
function cleanLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const lower = label.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Lower-case words with a plural -s dropped, space-separated and padded: for whole-phrase matching. */
function phraseKey(text: string): string {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => word.replace(/(?<=\p{L}{3})(?:es|s)$/u, ''));
  return ` ${words.join(' ')} `;
}

/** Turns what a user or model wrote (an id, a name, an alias) into a graph entity. */
export class EntityResolver {
  private readonly store: Pick<GraphStore, 'getEntity' | 'searchEntities'>;

  constructor(store: Pick<GraphStore, 'getEntity' | 'searchEntities'>) {
    this.store = store;
  }

  /** The entity of an id, named from the id when the graph does not know it (a catalog reference). */
  async refOf(id: string, label: string): Promise<EntityRef> {
    const entity = await this.store.getEntity(id);
    return entity ? toEntityRef(entity) : { id, name: nameFromEntityId(id), label };
  }

  /** Resolves an id or a name to an entity (optionally of one label): exact id, slug id, then full text. */
  async resolve(
    reference: string,
    label?: string,
    options: { exact?: boolean } = {},
  ): Promise<EntityRef | undefined> {
    const text = reference.trim();
    if (!text) return undefined;
    const wanted = cleanLabel(label);
    if (/^[a-z]+:[^\s]+$/i.test(text)) {
      const entity = await this.store.getEntity(text);
      if (entity && (!wanted || entity.label === wanted)) return toEntityRef(entity);
    }
    if (wanted) {
      const byId = await this.store.getEntity(toEntityId(wanted.toLowerCase(), text));
      if (byId && byId.label === wanted) return toEntityRef(byId);
    }
    const hits = await this.store.searchEntities(text, {
      limit: 8,
      ...(wanted ? { label: wanted } : {}),
    });
    const lower = text.toLowerCase();
    const exact = hits.find(
      (hit) =>
        hit.entity.name.toLowerCase() === lower ||
        hit.entity.aliases.some((alias) => alias.toLowerCase() === lower),
    );
    // An exact reference (an API parameter) never falls back to the nearest full-text hit.
    const best = exact ?? (options.exact ? undefined : hits[0]);
    return best ? toEntityRef(best.entity) : undefined;
  }

  /**
   * Entities whose name or an alias the text names as a whole phrase (plural or singular), in the order
   * the text names them, the longest phrase winning where two overlap. Candidates come from a full-text
   * search of `query` (the text's content words).
   */
  async namedIn(text: string, query: string, labels?: readonly string[]): Promise<EntityRef[]> {
    if (!query.trim()) return [];
    const hits = await this.store.searchEntities(query, { limit: 40 });
    const haystack = phraseKey(text);
    const found: Array<{ ref: EntityRef; at: number; length: number }> = [];
    for (const hit of hits) {
      if (labels && !labels.includes(hit.entity.label)) continue;
      let best: { at: number; length: number } | undefined;
      for (const name of [hit.entity.name, ...hit.entity.aliases]) {
        const key = phraseKey(name);
        if (key.trim().length < 2) continue;
        const at = haystack.indexOf(key);
        if (at >= 0 && (!best || key.length > best.length)) best = { at, length: key.length };
      }
      if (best) found.push({ ref: toEntityRef(hit.entity), ...best });
    }
    found.sort((a, b) => b.length - a.length || a.at - b.at);
    const kept: typeof found = [];
    for (const candidate of found) {
      const overlaps = kept.some(
        (other) =>
          candidate.at < other.at + other.length - 1 && other.at < candidate.at + candidate.length - 1,
      );
      if (!overlaps && !kept.some((other) => other.ref.id === candidate.ref.id)) kept.push(candidate);
    }
    return kept.sort((a, b) => a.at - b.at).map((entry) => entry.ref);
  }
}
