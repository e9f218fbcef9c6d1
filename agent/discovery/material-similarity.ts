import type { EvidenceIndex } from './evidence-index.ts';

/** How alike two materials are, from their known applications, properties and class. */
export interface MaterialSimilarity {
  materialId: string;
  sharedApplications: number;
  /** |N(m) ∩ N(m')| / |N(m) ∪ N(m')| over known applications. */
  applicationJaccard: number;
  /** Σ over shared applications a' of 1 / ln deg(a'). */
  adamicAdar: number;
  /** |P(m) ∩ P(m')| / sqrt(|P(m)|·|P(m')|) over HAS_PROPERTY facts. */
  propertyCosine: number;
  sameClass: boolean;
  /** applicationJaccard + ½·propertyCosine + ¼·sameClass. */
  similarity: number;
}

export const PROPERTY_WEIGHT = 0.5;
export const CLASS_WEIGHT = 0.25;

/** Every material with a non-zero similarity to `materialId` (excluding itself). */
export function similarMaterials(index: EvidenceIndex, materialId: string): Map<string, MaterialSimilarity> {
  const applications = index.applicationsOf(materialId);
  const shared = new Map<string, { count: number; adamicAdar: number }>();
  for (const applicationId of applications.keys()) {
    const degree = index.applicationDegree(applicationId);
    const weight = degree > 1 ? 1 / Math.log(degree) : 0;
    for (const other of index.materialsOf(applicationId).keys()) {
      if (other === materialId) continue;
      const entry = shared.get(other) ?? { count: 0, adamicAdar: 0 };
      entry.count += 1;
      entry.adamicAdar += weight;
      shared.set(other, entry);
    }
  }
  const properties = index.propertiesOf(materialId);
  const propertyOverlap = new Map<string, number>();
  if (properties.size > 0) {
    for (const fact of index.rows.propertyFacts ?? []) {
      if (fact.type !== 'HAS_PROPERTY' || fact.subjectId === materialId) continue;
      if (properties.has(fact.propertyId)) propertyOverlap.set(fact.subjectId, 0);
    }
    for (const other of propertyOverlap.keys()) {
      let overlap = 0;
      for (const property of index.propertiesOf(other)) if (properties.has(property)) overlap += 1;
      propertyOverlap.set(other, overlap);
    }
  }
  const materialClass = index.materialClass(materialId);
  const classMates = new Set<string>();
  if (materialClass !== undefined) {
    for (const [other, otherClass] of Object.entries(index.rows.materialClasses ?? {})) {
      if (other !== materialId && otherClass === materialClass) classMates.add(other);
    }
  }
  const result = new Map<string, MaterialSimilarity>();
  for (const other of new Set([...shared.keys(), ...propertyOverlap.keys(), ...classMates])) {
    const sharedEntry = shared.get(other) ?? { count: 0, adamicAdar: 0 };
    const otherDegree = index.materialDegree(other);
    const union = applications.size + otherDegree - sharedEntry.count;
    const applicationJaccard = union > 0 ? sharedEntry.count / union : 0;
    const overlap = propertyOverlap.get(other) ?? 0;
    const otherProperties = index.propertiesOf(other).size;
    const propertyCosine =
      overlap > 0 && properties.size > 0 && otherProperties > 0
        ? overlap / Math.sqrt(properties.size * otherProperties)
        : 0;
    const sameClass = classMates.has(other);
    result.set(other, {
      materialId: other,
      sharedApplications: sharedEntry.count,
      applicationJaccard,
      adamicAdar: sharedEntry.adamicAdar,
      propertyCosine,
      sameClass,
      similarity: applicationJaccard + PROPERTY_WEIGHT * propertyCosine + (sameClass ? CLASS_WEIGHT : 0),
    });
  }
  return result;
}
