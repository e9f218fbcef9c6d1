import type { Entity, GraphStore } from '../graph/index.ts';

/**
 * Finds a material by entity id (`material:polyamide-66`) or by name or alias through the entity
 * full-text index (exact name or alias, case-insensitive).
 */
export async function resolveMaterial(
  graph: Pick<GraphStore, 'getEntity' | 'searchEntities'>,
  reference: string,
): Promise<Entity | undefined> {
  const ref = reference.trim();
  if (!ref) return undefined;
  if (ref.startsWith('material:')) {
    const entity = await graph.getEntity(ref);
    return entity?.label === 'Material' ? entity : undefined;
  }
  const hits = await graph.searchEntities(ref, { label: 'Material', limit: 10 });
  const wanted = ref.toLowerCase();
  const exact = hits.find(
    (hit) =>
      hit.entity.name.toLowerCase() === wanted ||
      hit.entity.aliases.some((alias) => alias.toLowerCase() === wanted),
  );
  // A partial hit ("polymer" for "unobtainium polymer") would answer about another material.
  return exact?.entity;
}

/** Names of a few materials like the reference, for a "did you mean" hint. */
export async function similarMaterials(
  graph: Pick<GraphStore, 'searchEntities'>,
  reference: string,
): Promise<string[]> {
  const words = reference.split(/\s+/).filter((word) => word.length > 2);
  const hits = words.length
    ? await graph.searchEntities(words.join(' '), { label: 'Material', limit: 5 })
    : [];
  return hits.map((hit) => hit.entity.name);
}
