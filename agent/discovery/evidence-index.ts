/**
 * In-memory, read-only view of the evidence the discovery core ranks from: sentence-level
 * material–application co-mentions (USED_IN facts with their evidence spans), document-level entity
 * mentions (popularity, momentum), optional property facts and material classes.
 */
import type {
  CoMentionRow,
  DocumentKind,
  EntityType,
  EvidenceRows,
  PropertyFactRow,
} from '../../graph/index.ts';

/** Aggregated sentence-level evidence of one (material, application) pair. */
export interface PairEvidence {
  materialId: string;
  applicationId: string;
  rows: readonly CoMentionRow[];
  documents: ReadonlySet<string>;
  /** Earliest and latest dated evidence; '' when every document of the pair is undated. */
  firstDate: string;
  lastDate: string;
}

const EMPTY_SET: ReadonlySet<string> = new Set();
const EMPTY_MAP: ReadonlyMap<string, PairEvidence> = new Map();

/** The date part (YYYY-MM-DD) of a publishedAt value; '' for an unknown date (sorts before any day). */
export function dayOf(publishedAt: string | null | undefined): string {
  return (publishedAt ?? '').slice(0, 10);
}

/** Fractional years between two YYYY-MM-DD dates (b − a). */
export function yearsBetween(a: string, b: string): number {
  return (Date.parse(`${dayOf(b)}T00:00:00Z`) - Date.parse(`${dayOf(a)}T00:00:00Z`)) / (365.25 * 86_400_000);
}

/** Shifts a YYYY-MM-DD date by whole years (Feb 29 → Feb 28). */
export function shiftYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  let rest = date.slice(4, 10);
  if (rest === '-02-29') rest = '-02-28';
  return `${String(year).padStart(4, '0')}${rest}`;
}

function pairKey(materialId: string, applicationId: string): string {
  return `${materialId}\u0000${applicationId}`;
}

function addToSetMap(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

interface DocumentInfo {
  kind: DocumentKind;
  /** YYYY-MM-DD, or '' when the document states no date. */
  publishedAt: string;
}

export class EvidenceIndex {
  readonly rows: EvidenceRows;
  private readonly pairs = new Map<string, PairEvidence>();
  private readonly byMaterial = new Map<string, Map<string, PairEvidence>>();
  private readonly byApplication = new Map<string, Map<string, PairEvidence>>();
  private readonly documentsOfEntity = new Map<string, Set<string>>();
  private readonly typeOfEntity = new Map<string, EntityType>();
  private readonly documentInfo = new Map<string, DocumentInfo>();
  private readonly propertiesOfMaterial = new Map<string, Set<string>>();
  private readonly requirementsOfApplication = new Map<string, Set<string>>();
  private readonly propertyFactsBySubject = new Map<string, PropertyFactRow[]>();
  private readonly yearCounts = new Map<string, Map<number, number>>();
  private readonly lastMention = new Map<string, string>();
  readonly latestDate: string;

  private constructor(rows: EvidenceRows) {
    this.rows = rows;
    let latest = '';
    for (const row of rows.mentions) {
      const day = dayOf(row.publishedAt);
      addToSetMap(this.documentsOfEntity, row.entityId, row.documentId);
      this.typeOfEntity.set(row.entityId, row.entityType);
      this.documentInfo.set(row.documentId, { kind: row.kind, publishedAt: day });
      if (day > latest) latest = day;
    }
    const grouped = new Map<string, CoMentionRow[]>();
    for (const row of rows.coMentions) {
      const key = pairKey(row.materialId, row.applicationId);
      const list = grouped.get(key);
      if (list) list.push(row);
      else grouped.set(key, [row]);
      if (!this.documentInfo.has(row.documentId)) {
        this.documentInfo.set(row.documentId, { kind: row.kind, publishedAt: dayOf(row.publishedAt) });
      }
      // A co-mention implies both entities are named in the document.
      addToSetMap(this.documentsOfEntity, row.materialId, row.documentId);
      addToSetMap(this.documentsOfEntity, row.applicationId, row.documentId);
      if (!this.typeOfEntity.has(row.materialId)) this.typeOfEntity.set(row.materialId, 'material');
      if (!this.typeOfEntity.has(row.applicationId)) this.typeOfEntity.set(row.applicationId, 'application');
      if (dayOf(row.publishedAt) > latest) latest = dayOf(row.publishedAt);
    }
    for (const [key, list] of grouped) {
      list.sort(
        (a, b) =>
          b.confidence - a.confidence ||
          (dayOf(a.publishedAt) < dayOf(b.publishedAt)
            ? 1
            : dayOf(a.publishedAt) > dayOf(b.publishedAt)
              ? -1
              : 0) ||
          (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : a.start - b.start),
      );
      const first = list[0] as CoMentionRow;
      let firstDate = '';
      let lastDate = '';
      const documents = new Set<string>();
      for (const row of list) {
        const day = dayOf(row.publishedAt);
        if (day && (!firstDate || day < firstDate)) firstDate = day;
        if (day > lastDate) lastDate = day;
        documents.add(row.documentId);
      }
      const pair: PairEvidence = {
        materialId: first.materialId,
        applicationId: first.applicationId,
        rows: list,
        documents,
        firstDate,
        lastDate,
      };
      this.pairs.set(key, pair);
      let materialMap = this.byMaterial.get(pair.materialId);
      if (!materialMap) {
        materialMap = new Map();
        this.byMaterial.set(pair.materialId, materialMap);
      }
      materialMap.set(pair.applicationId, pair);
      let applicationMap = this.byApplication.get(pair.applicationId);
      if (!applicationMap) {
        applicationMap = new Map();
        this.byApplication.set(pair.applicationId, applicationMap);
      }
      applicationMap.set(pair.materialId, pair);
    }
    for (const [entityId, documents] of this.documentsOfEntity) {
      const counts = new Map<number, number>();
      let last = '';
      for (const documentId of documents) {
        const info = this.documentInfo.get(documentId) as DocumentInfo;
        if (!info.publishedAt) continue;
        const year = Number(info.publishedAt.slice(0, 4));
        counts.set(year, (counts.get(year) ?? 0) + 1);
        if (info.publishedAt > last) last = info.publishedAt;
      }
      this.yearCounts.set(entityId, counts);
      if (last) this.lastMention.set(entityId, last);
    }
    for (const fact of rows.propertyFacts ?? []) {
      const target =
        fact.type === 'HAS_PROPERTY' ? this.propertiesOfMaterial : this.requirementsOfApplication;
      addToSetMap(target, fact.subjectId, fact.propertyId);
      const list = this.propertyFactsBySubject.get(fact.subjectId);
      if (list) list.push(fact);
      else this.propertyFactsBySubject.set(fact.subjectId, [fact]);
    }
    this.latestDate = latest;
  }

  static fromRows(rows: EvidenceRows): EvidenceIndex {
    return new EvidenceIndex(rows);
  }

  /** A new index holding only the evidence dated on or before `asOf` (YYYY-MM-DD); undated evidence is left out. */
  restrictTo(asOf: string): EvidenceIndex {
    const keep = (row: { publishedAt: string | null }) => {
      const day = dayOf(row.publishedAt);
      return day !== '' && day <= asOf;
    };
    return new EvidenceIndex({
      coMentions: this.rows.coMentions.filter(keep),
      mentions: this.rows.mentions.filter(keep),
      propertyFacts: (this.rows.propertyFacts ?? []).filter(keep),
      materialClasses: this.rows.materialClasses ?? {},
      materialNames: this.rows.materialNames ?? {},
      broader: this.rows.broader ?? [],
    });
  }

  /** Entities of a type named by at least one document. */
  entities(type: EntityType): string[] {
    const result: string[] = [];
    for (const [id, entityType] of this.typeOfEntity) if (entityType === type) result.push(id);
    return result.sort();
  }

  hasEntity(entityId: string): boolean {
    return this.documentsOfEntity.has(entityId);
  }

  pair(materialId: string, applicationId: string): PairEvidence | undefined {
    return this.pairs.get(pairKey(materialId, applicationId));
  }

  allPairs(): IterableIterator<PairEvidence> {
    return this.pairs.values();
  }

  /** Applications co-mentioned with the material in a sentence (its known applications). */
  applicationsOf(materialId: string): ReadonlyMap<string, PairEvidence> {
    return this.byMaterial.get(materialId) ?? EMPTY_MAP;
  }

  /** Materials co-mentioned with the application in a sentence. */
  materialsOf(applicationId: string): ReadonlyMap<string, PairEvidence> {
    return this.byApplication.get(applicationId) ?? EMPTY_MAP;
  }

  materialDegree(materialId: string): number {
    return this.byMaterial.get(materialId)?.size ?? 0;
  }

  applicationDegree(applicationId: string): number {
    return this.byApplication.get(applicationId)?.size ?? 0;
  }

  documentsMentioning(entityId: string): ReadonlySet<string> {
    return this.documentsOfEntity.get(entityId) ?? EMPTY_SET;
  }

  documentCount(entityId: string): number {
    return this.documentsOfEntity.get(entityId)?.size ?? 0;
  }

  /** Documents naming the entity, by publication year. */
  countsByYear(entityId: string): ReadonlyMap<number, number> {
    return this.yearCounts.get(entityId) ?? new Map();
  }

  /** Documents naming the entity published in (from, to] (YYYY-MM-DD bounds). */
  documentCountBetween(entityId: string, from: string, to: string): number {
    let count = 0;
    for (const documentId of this.documentsMentioning(entityId)) {
      const date = this.documentInfo.get(documentId)?.publishedAt ?? '';
      if (date > from && date <= to) count += 1;
    }
    return count;
  }

  /** All documents published in (from, to]. */
  totalDocumentsBetween(from: string, to: string): number {
    let count = 0;
    for (const info of this.documentInfo.values())
      if (info.publishedAt && info.publishedAt > from && info.publishedAt <= to) count += 1;
    return count;
  }

  lastMentionDate(entityId: string): string | undefined {
    return this.lastMention.get(entityId);
  }

  document(documentId: string): DocumentInfo | undefined {
    return this.documentInfo.get(documentId);
  }

  /** Documents naming both entities anywhere (not necessarily in one sentence). */
  documentsMentioningBoth(a: string, b: string): number {
    const first = this.documentsMentioning(a);
    const second = this.documentsMentioning(b);
    const [small, large] = first.size <= second.size ? [first, second] : [second, first];
    let count = 0;
    for (const documentId of small) if (large.has(documentId)) count += 1;
    return count;
  }

  propertiesOf(materialId: string): ReadonlySet<string> {
    return this.propertiesOfMaterial.get(materialId) ?? EMPTY_SET;
  }

  requirementsOf(applicationId: string): ReadonlySet<string> {
    return this.requirementsOfApplication.get(applicationId) ?? EMPTY_SET;
  }

  /** HAS_PROPERTY facts of a material or REQUIRES facts of an application. */
  propertyFactsOf(subjectId: string): readonly PropertyFactRow[] {
    return this.propertyFactsBySubject.get(subjectId) ?? [];
  }

  materialClass(materialId: string): string | undefined {
    return this.rows.materialClasses?.[materialId];
  }

  /** The vocabulary's name of a material, when the evidence rows carry it. */
  materialName(materialId: string): string | undefined {
    return this.rows.materialNames?.[materialId];
  }
}
