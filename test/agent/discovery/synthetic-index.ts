import { seededRandom } from '../../../agent/discovery/metrics.ts';
import type { CoMentionRow, EntityMentionRow, EvidenceRows } from '../../../graph/index.ts';

/** A deterministic random corpus where popular materials and applications pair more often. */
export function syntheticRows(seed = 1, materials = 30, applications = 20): EvidenceRows {
  const random = seededRandom(seed);
  const coMentions: CoMentionRow[] = [];
  const mentions: EntityMentionRow[] = [];
  const pick = (count: number) => Math.floor(count * random() ** 2);
  let documentNumber = 0;
  for (let year = 2000; year <= 2018; year += 1) {
    for (let k = 0; k < 25; k += 1) {
      const documentId = `doc${documentNumber++}`;
      const publishedAt = `${year}-06-${String(1 + (k % 28)).padStart(2, '0')}`;
      const kind = k % 4 === 0 ? 'news' : 'patent';
      const material = `material:m${pick(materials)}`;
      const application = `application:a${pick(applications)}`;
      const extra = `application:a${pick(applications)}`;
      coMentions.push({
        materialId: material,
        applicationId: application,
        documentId,
        kind,
        publishedAt,
        assignees: [`org${k % 5}`],
        confidence: 0.5,
        chunkId: `${documentId}#0`,
        start: 0,
        end: 40,
      });
      for (const [entityId, entityType] of [
        [material, 'material'],
        [application, 'application'],
        [extra, 'application'],
      ] as const) {
        if (entityType === 'application' && entityId === extra && extra === application) continue;
        mentions.push({ entityId, entityType, documentId, kind, publishedAt });
      }
    }
  }
  return { coMentions, mentions };
}
