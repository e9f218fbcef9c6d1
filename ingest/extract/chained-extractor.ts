import type { Entity, Fact, Mention } from '../../graph/index.ts';
import type { ExtractionInput, ExtractionResult, Extractor } from './extractor.ts';
import { polarityRank } from './fact-collector.ts';

function mergeEntity(first: Entity, later: Entity): Entity {
  return { ...later, ...first, aliases: [...new Set([...first.aliases, ...later.aliases])] };
}

function mergeFact(first: Fact, later: Fact): Fact {
  const evidenceKeys = new Set(first.evidence.map((e) => `${e.chunkId}|${e.start}|${e.end}`));
  const evidence = [
    ...first.evidence,
    ...later.evidence.filter((e) => !evidenceKeys.has(`${e.chunkId}|${e.start}|${e.end}`)),
  ];
  const polarity =
    polarityRank[later.polarity] > polarityRank[first.polarity] ? later.polarity : first.polarity;
  const extractors = [...new Set([...first.extractor.split('+'), ...later.extractor.split('+')])];
  return {
    ...first,
    polarity,
    confidence: Math.max(first.confidence, later.confidence),
    ...(first.value === undefined && later.value !== undefined
      ? { value: later.value, ...(later.unit ? { unit: later.unit } : {}) }
      : {}),
    extractor: extractors.join('+'),
    evidence,
  };
}

/**
 * Several extractors over the same document, their results united: entities by id, mentions by span
 * and entity, facts by id (evidence united, the higher confidence, the stronger polarity (asserted over hedged over replaced over negated), the
 * extractor names joined with `+`); dropped counts add up. The first extractor's mentions win ties,
 * so the offline extractor goes first and an LLM extractor adds what it alone finds.
 */
export class ChainedExtractor implements Extractor {
  readonly name: string;

  constructor(private readonly extractors: readonly Extractor[]) {
    if (extractors.length === 0) throw new Error('a chain needs at least one extractor');
    this.name = extractors.map((extractor) => extractor.name).join('+');
  }

  async extract(input: ExtractionInput): Promise<ExtractionResult> {
    const entities = new Map<string, Entity>();
    const mentions = new Map<string, Mention>();
    const facts = new Map<string, Fact>();
    const candidates: NonNullable<ExtractionResult['candidates']> = [];
    let dropped = 0;
    let vocabularyVersion: string | undefined;
    let vocabularyGraphVersion: number | undefined;
    for (const extractor of this.extractors) {
      const result = await extractor.extract(input);
      for (const entity of result.entities) {
        const seen = entities.get(entity.id);
        entities.set(entity.id, seen ? mergeEntity(seen, entity) : entity);
      }
      for (const mention of result.mentions) {
        const key = `${mention.chunkId}|${mention.entityId}|${mention.start}|${mention.end}`;
        if (!mentions.has(key)) mentions.set(key, mention);
      }
      for (const fact of result.facts) {
        const seen = facts.get(fact.id);
        facts.set(fact.id, seen ? mergeFact(seen, fact) : fact);
      }
      candidates.push(...(result.candidates ?? []));
      dropped += result.dropped;
      vocabularyVersion ??= result.vocabularyVersion;
      vocabularyGraphVersion ??= result.vocabularyGraphVersion;
    }
    return {
      entities: [...entities.values()],
      mentions: [...mentions.values()],
      facts: [...facts.values()],
      dropped,
      ...(candidates.length > 0 ? { candidates } : {}),
      ...(vocabularyVersion !== undefined ? { vocabularyVersion } : {}),
      ...(vocabularyGraphVersion !== undefined ? { vocabularyGraphVersion } : {}),
    };
  }
}
