import type { CoMentionRow, EntityMentionRow, EvidenceRows } from '../../../../graph/index.ts';
import type { CorpusText } from './corpus-loader.ts';
import { splitSentences, type TemporaryMatcher } from './temporary-matcher.ts';

export const MAX_MATERIALS_PER_SENTENCE = 8;

/** Annotates corpus texts with the matcher and produces evidence rows with ids `material:<id>` / `application:<id>`. */
export function buildDevRows(texts: readonly CorpusText[], matcher: TemporaryMatcher): EvidenceRows {
  const coMentions: CoMentionRow[] = [];
  const mentions: EntityMentionRow[] = [];
  for (const document of texts) {
    const all = document.segments.join(' ');
    const mixedCase = all !== all.toUpperCase();
    const sentences: {
      segment: number;
      start: number;
      end: number;
      found: ReturnType<TemporaryMatcher['matchSentence']>;
    }[] = [];
    const namedOtherwise = new Set<string>();
    document.segments.forEach((segment, segmentIndex) => {
      const segmentMixed = segmentIndex === 0 ? segment !== segment.toUpperCase() : mixedCase;
      for (const span of splitSentences(segment)) {
        const found = matcher.matchSentence(segment.slice(span.start, span.end), segmentMixed);
        for (const mention of found) if (!mention.acronym) namedOtherwise.add(mention.entryId);
        sentences.push({ segment: segmentIndex, ...span, found });
      }
    });
    const named = new Map<string, 'material' | 'application'>();
    const pairs = new Set<string>();
    sentences.forEach((sentence, sentenceIndex) => {
      const licensed = sentence.found.filter(
        (mention) => !mention.acronym || namedOtherwise.has(mention.entryId),
      );
      const materials = new Set<string>();
      const applications = new Set<string>();
      for (const mention of licensed) {
        named.set(mention.entryId, mention.type);
        (mention.type === 'material' ? materials : applications).add(mention.entryId);
      }
      if (materials.size > MAX_MATERIALS_PER_SENTENCE) return;
      for (const material of materials) {
        for (const application of applications) {
          const key = `${material}|${application}|${sentenceIndex}`;
          if (pairs.has(key)) continue;
          pairs.add(key);
          coMentions.push({
            materialId: `material:${material}`,
            applicationId: `application:${application}`,
            documentId: document.id,
            kind: document.kind,
            publishedAt: document.date,
            assignees: [],
            confidence: 0.5,
            chunkId: `${document.id}#${sentence.segment}`,
            start: sentence.start,
            end: sentence.end,
          });
        }
      }
    });
    for (const [entryId, type] of named) {
      mentions.push({
        entityId: `${type}:${entryId}`,
        entityType: type,
        documentId: document.id,
        kind: document.kind,
        publishedAt: document.date,
      });
    }
  }
  return { coMentions, mentions };
}
