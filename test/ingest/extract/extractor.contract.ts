import { describe, expect, it } from 'vitest';
import { factSchema } from '../../../graph/index.ts';
import type { ExtractionInput, Extractor } from '../../../ingest/extract/extractor.ts';

/** Invariants every extractor must keep, whatever it finds. */
export function describeExtractorContract(
  name: string,
  makeExtractor: () => Extractor,
  input: ExtractionInput,
  expectations: { minMentions: number; minFacts: number },
): void {
  describe(`${name} (extractor contract)`, () => {
    it('returns mentions whose offsets reproduce their surface inside their chunk', async () => {
      const result = await makeExtractor().extract(input);
      expect(result.mentions.length).toBeGreaterThanOrEqual(expectations.minMentions);
      const chunks = new Map(input.chunks.map((chunk) => [chunk.id, chunk]));
      for (const mention of result.mentions) {
        const chunk = chunks.get(mention.chunkId);
        expect(chunk, mention.chunkId).toBeDefined();
        expect(input.text.slice(mention.start, mention.end)).toBe(mention.surface);
        expect(mention.start).toBeGreaterThanOrEqual(chunk?.start ?? -1);
        expect(mention.end).toBeLessThanOrEqual(chunk?.end ?? -1);
      }
    });

    it('returns valid facts with evidence inside one chunk and entities for every id', async () => {
      const result = await makeExtractor().extract(input);
      expect(result.facts.length).toBeGreaterThanOrEqual(expectations.minFacts);
      const chunks = new Map(input.chunks.map((chunk) => [chunk.id, chunk]));
      const entityIds = new Set(result.entities.map((entity) => entity.id));
      for (const mention of result.mentions) expect(entityIds.has(mention.entityId)).toBe(true);
      for (const fact of result.facts) {
        expect(factSchema.safeParse(fact).success).toBe(true);
        expect(entityIds.has(fact.subjectId), fact.subjectId).toBe(true);
        expect(entityIds.has(fact.objectId), fact.objectId).toBe(true);
        expect(fact.lastSeen).toBe(input.publishedAt);
        for (const evidence of fact.evidence) {
          const chunk = chunks.get(evidence.chunkId);
          expect(chunk).toBeDefined();
          expect(evidence.start).toBeGreaterThanOrEqual(chunk?.start ?? -1);
          expect(evidence.end).toBeLessThanOrEqual(chunk?.end ?? -1);
          expect(evidence.end).toBeGreaterThan(evidence.start);
        }
      }
      expect(new Set(result.facts.map((fact) => fact.id)).size).toBe(result.facts.length);
    });

    it('is deterministic: the same input gives the same ids', async () => {
      const first = await makeExtractor().extract(input);
      const second = await makeExtractor().extract(input);
      expect(second.facts.map((fact) => fact.id)).toEqual(first.facts.map((fact) => fact.id));
      expect(second.entities.map((entity) => entity.id)).toEqual(first.entities.map((entity) => entity.id));
    });
  });
}
