import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { z } from 'zod';
import {
  type Chunk,
  type EntityLabel,
  type FactType,
  factPolarities,
  type Mention,
} from '../../graph/index.ts';
import { extractionSystemPrompt, extractionUserPrompt } from '../../prompts/index.ts';
import { EntityCollector, EntityResolver } from '../resolve/entity-resolver.ts';
import type { ExtractionInput, ExtractionResult, Extractor } from './extractor.ts';
import { FactCollector } from './fact-collector.ts';
import type { Lexicon } from './lexicon-matcher.ts';
import { locateName, locateQuote } from './quote-locator.ts';
import { splitSentences } from './sentences.ts';

const entityTypes = ['material', 'application', 'property', 'organization'] as const;
const llmFactTypes = ['USED_IN', 'HAS_PROPERTY', 'REQUIRES', 'PRODUCES'] as const;

/** The schema the model is asked to fill (every field present; unknown values null). */
export const llmExtractionSchema = z.object({
  entities: z.array(
    z.object({
      name: z.string().describe('the entity name exactly as written in the passage'),
      type: z.enum(entityTypes),
      quote: z.string().describe('a verbatim sentence or clause of the passage that names the entity'),
    }),
  ),
  facts: z.array(
    z.object({
      type: z.enum(llmFactTypes),
      subject: z.string().describe('subject name as written in the passage'),
      object: z.string().describe('object name as written in the passage'),
      quote: z.string().describe('a verbatim sentence or clause of the passage that states the fact'),
      polarity: z.enum(factPolarities),
      confidence: z.number().min(0).max(1),
      value: z.number().nullable(),
      unit: z.string().nullable(),
    }),
  ),
});
export type LlmExtraction = z.infer<typeof llmExtractionSchema>;

// What is accepted back: lenient per item, so one malformed item does not discard the rest.
const receivedEntity = z.object({ name: z.string().min(1), type: z.enum(entityTypes), quote: z.string() });
const receivedFact = z.object({
  type: z.enum(llmFactTypes),
  subject: z.string().min(1),
  object: z.string().min(1),
  quote: z.string(),
  polarity: z.enum(factPolarities).nullish(),
  confidence: z.number().min(0).max(1).nullish(),
  value: z.number().nullish(),
  unit: z.string().nullish(),
});

/** The part of a LangChain chat model this extractor needs. */
export interface StructuredOutputModel {
  withStructuredOutput(
    schema: typeof llmExtractionSchema,
    config?: { name?: string },
  ): { invoke(input: BaseLanguageModelInput): Promise<unknown> };
}

export interface LlmExtractorOptions {
  model: StructuredOutputModel;
  /** Seeds the resolver so LLM names resolve to the same canonical entities as lexicon matches. */
  lexicon?: Lexicon;
  /** Extractor name recorded on facts (default `llm-extraction@<prompt versions>`). */
  name?: string;
  /** Chunks sent to the model at the same time (default 2). */
  concurrency?: number;
}

/** A model call that failed for one chunk (retrying the document may help). */
export class LlmExtractionError extends Error {
  override readonly name = 'LlmExtractionError';
  readonly isRetryable = true;
  constructor(
    readonly chunkId: string,
    options: { cause?: unknown },
  ) {
    super(
      `LLM extraction failed for chunk ${chunkId}: ${(options.cause as Error)?.message ?? 'unknown error'}`,
      options,
    );
  }
}

const labels: Record<(typeof entityTypes)[number], EntityLabel> = {
  material: 'Material',
  application: 'Application',
  property: 'Property',
  organization: 'Organization',
};

const factLabels: Record<(typeof llmFactTypes)[number], [EntityLabel, EntityLabel]> = {
  USED_IN: ['Material', 'Application'],
  HAS_PROPERTY: ['Material', 'Property'],
  REQUIRES: ['Application', 'Property'],
  PRODUCES: ['Organization', 'Material'],
};

/**
 * Schema-guided extraction with a chat model (`withStructuredOutput`), one call per chunk. Every quote
 * is located in the chunk text (verbatim, then white-space-normalised); a fact whose quote is not found,
 * or whose subject or object does not occur in the chunk, is dropped and counted in `dropped`. Evidence
 * is the sentence(s) of the chunk that hold the quote. Entity names go through the same resolver as
 * lexicon matches.
 */
export class LlmExtractor implements Extractor {
  readonly name: string;
  private readonly runnable: { invoke(input: BaseLanguageModelInput): Promise<unknown> };
  private readonly resolver: EntityResolver;
  private readonly concurrency: number;
  private readonly lexicon: Lexicon | undefined;

  constructor(options: LlmExtractorOptions) {
    this.name =
      options.name ?? `llm-extraction@${extractionSystemPrompt.version}.${extractionUserPrompt.version}`;
    this.runnable = options.model.withStructuredOutput(llmExtractionSchema, {
      name: 'extract_materials_graph',
    });
    this.lexicon = options.lexicon;
    this.resolver = new EntityResolver(options.lexicon?.knownEntities() ?? []);
    this.concurrency = Math.max(1, options.concurrency ?? 2);
  }

  async extract(input: ExtractionInput): Promise<ExtractionResult> {
    const responses = await this.callModel(input);
    const entities = new EntityCollector(this.resolver);
    const facts = new FactCollector(input.documentId, input.publishedAt, this.name);
    const mentions: Mention[] = [];
    const mentionKeys = new Set<string>();
    let dropped = 0;
    input.chunks.forEach((chunk, index) => {
      const response = responses[index];
      const chunkText = input.text.slice(chunk.start, chunk.end);
      const rawEntities = Array.isArray((response as { entities?: unknown })?.entities)
        ? ((response as { entities: unknown[] }).entities ?? [])
        : [];
      const rawFacts = Array.isArray((response as { facts?: unknown })?.facts)
        ? ((response as { facts: unknown[] }).facts ?? [])
        : [];
      const addMention = (id: string, start: number, end: number) => {
        const key = `${id}|${start}|${end}`;
        if (mentionKeys.has(key)) return;
        mentionKeys.add(key);
        mentions.push({ chunkId: chunk.id, entityId: id, start, end, surface: input.text.slice(start, end) });
      };
      for (const item of rawEntities) {
        const parsed = receivedEntity.safeParse(item);
        if (!parsed.success) continue;
        const found = locateName(chunkText, parsed.data.name);
        if (!found) continue;
        const start = chunk.start + found.start;
        const end = chunk.start + found.end;
        const id = entities.resolveAndRecord(labels[parsed.data.type], input.text.slice(start, end));
        addMention(id, start, end);
      }
      for (const item of rawFacts) {
        const parsed = receivedFact.safeParse(item);
        if (!parsed.success) {
          dropped++;
          continue;
        }
        const fact = parsed.data;
        const quote = locateQuote(chunkText, fact.quote);
        if (!quote) {
          dropped++;
          continue;
        }
        const [subjectLabel, objectLabel] = factLabels[fact.type];
        const subject = this.placeEntity(chunk, input.text, subjectLabel, fact.subject);
        const object = this.placeEntity(chunk, input.text, objectLabel, fact.object);
        if (!subject || !object) {
          dropped++;
          continue;
        }
        for (const placed of [subject, object]) {
          entities.record(placed.id, placed.label, input.text.slice(placed.start, placed.end));
        }
        addMention(subject.id, subject.start, subject.end);
        addMention(object.id, object.start, object.end);
        const evidence = this.sentenceSpan(
          input.text,
          chunk,
          chunk.start + quote.start,
          chunk.start + quote.end,
        );
        facts.add({
          type: fact.type as FactType,
          subjectId: subject.id,
          objectId: object.id,
          confidence: fact.confidence ?? 0.6,
          polarity: fact.polarity ?? 'positive',
          ...(typeof fact.value === 'number' ? { value: fact.value } : {}),
          ...(fact.unit ? { unit: fact.unit } : {}),
          evidence: { chunkId: chunk.id, ...evidence },
        });
      }
    });
    // Open vocabulary: what the model names beyond the known terms becomes an entity of origin `llm`.
    const listed = entities.list().map((entity) => ({
      ...entity,
      origin: this.lexicon?.term(entity.id)?.origin ?? ('llm' as const),
    }));
    return {
      entities: listed,
      mentions,
      facts: facts.list(),
      dropped,
      ...(this.lexicon ? { vocabularyVersion: this.lexicon.version } : {}),
    };
  }

  /** Resolves a fact's subject/object name; it must occur in the chunk (else the fact is not grounded). */
  private placeEntity(
    chunk: Chunk,
    text: string,
    label: EntityLabel,
    name: string,
  ): { id: string; label: EntityLabel; start: number; end: number } | null {
    const found = locateName(text.slice(chunk.start, chunk.end), name);
    if (!found) return null;
    const start = chunk.start + found.start;
    const end = chunk.start + found.end;
    return { id: this.resolver.resolve(label, text.slice(start, end)).id, label, start, end };
  }

  /** The sentences of the chunk that overlap [start, end), as one span inside the chunk. */
  private sentenceSpan(
    text: string,
    chunk: Chunk,
    start: number,
    end: number,
  ): { start: number; end: number } {
    const overlapping = splitSentences(text, chunk.start, chunk.end).filter(
      (sentence) => sentence.start < end && start < sentence.end,
    );
    if (overlapping.length === 0) return { start, end };
    return {
      start: Math.min(start, (overlapping[0] as { start: number }).start),
      end: Math.max(end, (overlapping[overlapping.length - 1] as { end: number }).end),
    };
  }

  private async callModel(input: ExtractionInput): Promise<unknown[]> {
    const system = new SystemMessage(extractionSystemPrompt.format({}));
    const results: unknown[] = new Array(input.chunks.length);
    let next = 0;
    const worker = async () => {
      while (next < input.chunks.length) {
        const index = next++;
        const chunk = input.chunks[index] as Chunk;
        const user = new HumanMessage(
          extractionUserPrompt.format({
            documentKind: input.kind,
            title: input.title,
            section: chunk.section,
            text: input.text.slice(chunk.start, chunk.end),
          }),
        );
        try {
          results[index] = await this.runnable.invoke([system, user]);
        } catch (error) {
          throw new LlmExtractionError(chunk.id, { cause: error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, input.chunks.length) }, worker));
    return results;
  }
}

/** Creates the LLM structured-output extractor. */
export function createLlmExtractor(options: LlmExtractorOptions): LlmExtractor {
  return new LlmExtractor(options);
}
