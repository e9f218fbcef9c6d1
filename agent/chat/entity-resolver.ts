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
  async resolve(reference: string, label?: string): Promise<EntityRef | undefined> {
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
    const best = exact ?? hits[0];
    return best ? toEntityRef(best.entity) : undefined;
  }
}
