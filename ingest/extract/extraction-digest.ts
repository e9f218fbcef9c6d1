import { createHash } from 'node:crypto';
import type { ExtractionResult } from './extractor.ts';

function sortedRows(rows: unknown[][]): string[] {
  return rows.map((row) => JSON.stringify(row)).sort();
}

/**
 * A digest of what an extraction writes for a document (mentions, facts with their evidence, mined
 * candidate occurrences), independent of the order they were found in: equal digests mean that
 * re-extracting the document would change nothing.
 */
export function extractionDigest(result: ExtractionResult): string {
  const mentions = sortedRows(
    result.mentions.map((m) => [m.chunkId, m.entityId, m.start, m.end, m.surface, m.productId ?? '']),
  );
  const facts = sortedRows(
    result.facts.map((f) => [
      f.id,
      f.type,
      f.subjectId,
      f.objectId,
      f.polarity,
      f.confidence,
      f.value ?? null,
      f.unit ?? null,
      f.extractor,
      f.firstSeen,
      sortedRows(f.evidence.map((e) => [e.chunkId, e.start, e.end])),
    ]),
  );
  const candidates = sortedRows(
    (result.candidates ?? []).map((c) => [c.label, c.key, c.chunkId, c.start, c.end, c.surface, c.cue]),
  );
  return createHash('sha256')
    .update(JSON.stringify({ mentions, facts, candidates }))
    .digest('hex')
    .slice(0, 32);
}
