import type { EvidenceIndex } from './evidence-index.ts';
import { chemicalClassOf, placeOf } from './material-families.ts';
import { Taxonomy } from './taxonomy.ts';

/** Why two materials are chemically comparable, strongest first. */
export type AnalogueBasis = 'same-class' | 'broader' | 'shared-parent' | 'same-family' | 'shared-properties';

/** A material a chemist would accept as an analogue, with the reason in plain words. */
export interface ChemicalAnalogue {
  materialId: string;
  basis: AnalogueBasis;
  /** e.g. "same polyolefin family; shares heat resistance". */
  reason: string;
  sharedProperties: string[];
  /** Chemistry weight + ½·property cosine + ½·application Jaccard (co-occurrence only ranks). */
  similarity: number;
}

const basisWeight: Record<AnalogueBasis, number> = {
  'same-class': 1,
  broader: 0.75,
  'shared-parent': 0.5,
  'same-family': 0.5,
  'shared-properties': 0.25,
};

const taxonomies = new WeakMap<EvidenceIndex, Taxonomy>();

function taxonomyOf(index: EvidenceIndex): Taxonomy {
  let taxonomy = taxonomies.get(index);
  if (!taxonomy) {
    taxonomy = new Taxonomy(index.rows.broader ?? []);
    taxonomies.set(index, taxonomy);
  }
  return taxonomy;
}

/** "material:heat-resistance" → "heat resistance". */
export function plainName(id: string): string {
  return id.replace(/^[a-z]+:/, '').replaceAll('-', ' ');
}

/** Shared properties that make materials of two families of one kingdom analogues. */
export const minimumSharedAcrossFamilies = 2;

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function basisOf(
  index: EvidenceIndex,
  taxonomy: Taxonomy,
  materialId: string,
  otherId: string,
  shared: number,
): { basis: AnalogueBasis; text: string } | undefined {
  const ownClass = chemicalClassOf(materialId, index.materialClass(materialId));
  const otherClass = chemicalClassOf(otherId, index.materialClass(otherId));
  const own = placeOf(materialId, ownClass);
  const other = placeOf(otherId, otherClass);
  if (ownClass !== undefined && ownClass === otherClass)
    return { basis: 'same-class', text: `same ${ownClass} class` };
  if (taxonomy.ancestors(materialId).has(otherId))
    return { basis: 'broader', text: `a kind of ${plainName(otherId)}` };
  if (taxonomy.ancestors(otherId).has(materialId))
    return { basis: 'broader', text: `a kind of ${plainName(materialId)}` };
  const ownAncestors = taxonomy.ancestors(materialId);
  for (const ancestor of [...taxonomy.ancestors(otherId)].sort())
    if (ownAncestors.has(ancestor))
      return { basis: 'shared-parent', text: `also ${withArticle(plainName(ancestor))}` };
  if (!own || !other || own.kingdom !== other.kingdom) return undefined;
  if (own.family === other.family) return { basis: 'same-family', text: `same ${own.family} family` };
  // Across families one shared property (transparency, say) is common to half the polymers: it takes
  // two before a chemist would call them comparable.
  if (shared >= minimumSharedAcrossFamilies)
    return { basis: 'shared-properties', text: `also ${withArticle(own.kingdom)}` };
  return undefined;
}

/**
 * Materials comparable to `materialId` by chemistry: the same class, a BROADER link (or a shared broader
 * term), the same family, or the same kingdom with two shared properties. Materials that only share
 * applications are not analogues; shared applications only order the analogues found. `ownProperties`
 * adds the catalog's properties of a product to the material's extracted ones.
 */
export function chemicalAnalogues(
  index: EvidenceIndex,
  materialId: string,
  ownProperties: ReadonlySet<string> = new Set(),
): ChemicalAnalogue[] {
  const taxonomy = taxonomyOf(index);
  const properties = new Set([...index.propertiesOf(materialId), ...ownProperties]);
  const applications = index.applicationsOf(materialId);
  const others = new Set([...index.entities('material'), ...Object.keys(index.rows.materialClasses ?? {})]);
  const result: ChemicalAnalogue[] = [];
  for (const otherId of others) {
    if (otherId === materialId) continue;
    const otherProperties = index.propertiesOf(otherId);
    const sharedProperties = [...otherProperties].filter((property) => properties.has(property)).sort();
    const basis = basisOf(index, taxonomy, materialId, otherId, sharedProperties.length);
    if (!basis) continue;
    let sharedApplications = 0;
    for (const applicationId of index.applicationsOf(otherId).keys())
      if (applications.has(applicationId)) sharedApplications += 1;
    const union = applications.size + index.materialDegree(otherId) - sharedApplications;
    const jaccard = union > 0 ? sharedApplications / union : 0;
    const cosine =
      sharedProperties.length > 0
        ? sharedProperties.length / Math.sqrt(properties.size * otherProperties.size)
        : 0;
    const shares =
      sharedProperties.length > 0
        ? `; shares ${sharedProperties.slice(0, 2).map(plainName).join(' and ')}`
        : '';
    result.push({
      materialId: otherId,
      basis: basis.basis,
      reason: `${basis.text}${shares}`,
      sharedProperties,
      similarity: basisWeight[basis.basis] + 0.5 * cosine + 0.5 * jaccard,
    });
  }
  return result.sort((a, b) => b.similarity - a.similarity || (a.materialId < b.materialId ? -1 : 1));
}
