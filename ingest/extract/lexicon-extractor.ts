import type { Chunk, EntityLabel, Mention } from '../../graph/index.ts';
import { EntityCollector, EntityResolver } from '../resolve/entity-resolver.ts';
import { applicationsForCpc, compileCpcMap } from './cpc-hints.ts';
import type { ExtractionInput, ExtractionResult, Extractor, MinedCandidate } from './extractor.ts';
import { FactCollector } from './fact-collector.ts';
import type { CpcMapData } from './lexicon-data.ts';
import { finalizeMentions, isMixedCase, type LexiconMention, matchMentions } from './lexicon-matcher.ts';
import { inferBroader, knownTermId } from './mining/broader-terms.ts';
import type { ChemistryKind } from './mining/chemistry-spans.ts';
import type { PosTagger } from './mining/pos-tagger.ts';
import { type MinedTerm, mineTerms } from './mining/term-miner.ts';
import {
  classifyUse,
  findFormulas,
  findOrganizationNames,
  findPolymerNames,
  findPropertyValue,
  isQualifiedProperty,
  type PatternHit,
  producesCue,
  requiresConfidence,
  type UseCue,
} from './patterns.ts';
import { type SentenceSpan, splitSentences } from './sentences.ts';
import type { Vocabulary } from './vocabulary.ts';

interface CommonExtractorOptions {
  /** CPC → application map: hinted applications raise the confidence of USED_IN facts stated in the text. */
  cpcMap?: CpcMapData;
  /** Extractor name recorded on facts (default `lexicon-v1`). */
  name?: string;
  /** Sentences naming more distinct materials are enumerations and yield no USED_IN facts (default 8). */
  maxMaterialsPerSentence?: number;
  /** Also find formulas, polymer names and organisation names beyond the lexicon (default true). */
  patterns?: boolean;
  /** Whether a blank line inside a chunk ends a sentence (default true). */
  blankLines?: boolean;
  /**
   * Open mining (default off): chemistry notation becomes entities like the other patterns, noun
   * phrases and use cues become `candidates` (not entities until promoted), and a vocabulary mention
   * inside a longer candidate of its label that it does not head is dropped ("silica" in "silica
   * aerogel"), so evidence never lands on a different thing.
   */
  mining?: boolean | { tagger?: PosTagger };
}

/** The vocabulary to match (`lexicon` is its earlier name), and the options. */
export type LexiconExtractorOptions = CommonExtractorOptions &
  ({ vocabulary: Vocabulary } | { lexicon: Vocabulary });

/** Properties whose values are often written without a unit (refractive index 1.60, Dk 2.3). */
const unitlessProperties = new Set([
  'property:refractive-index',
  'property:abbe-number',
  'property:dielectric-constant',
  'property:dielectric-loss',
  'property:hardness',
]);

interface SentenceRecord {
  chunk: Chunk;
  span: SentenceSpan;
  mentions: ResolvedMention[];
}

interface ResolvedMention {
  entityId: string;
  label: EntityLabel;
  start: number;
  end: number;
  surface: string;
  /** A product name: `entityId` is its material. */
  productId?: string;
}

type SentenceMention = LexiconMention & { sentence: number };

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Pattern hits that do not collide with lexicon mentions; a hit that strictly contains material mentions replaces them. */
function mergePatternHits(
  lexiconMentions: ResolvedMention[],
  hits: PatternHit[],
): {
  kept: ResolvedMention[];
  accepted: PatternHit[];
} {
  const sorted = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const accepted: PatternHit[] = [];
  let kept = lexiconMentions;
  for (const candidate of sorted) {
    if (accepted.some((other) => overlaps(other, candidate))) continue;
    const colliding = kept.filter((mention) => overlaps(mention, candidate));
    const swallows = colliding.every(
      (mention) =>
        mention.label === 'Material' &&
        candidate.kind !== 'organization' &&
        mention.start >= candidate.start &&
        mention.end <= candidate.end &&
        mention.end - mention.start < candidate.end - candidate.start,
    );
    if (colliding.length > 0 && !swallows) continue;
    if (colliding.length > 0) kept = kept.filter((mention) => !colliding.includes(mention));
    accepted.push(candidate);
  }
  return { kept, accepted };
}

function distance(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.end <= b.start ? b.start - a.end : a.start >= b.end ? a.start - b.end : 0;
}

function byEntity(mentions: ResolvedMention[], label: EntityLabel): Map<string, ResolvedMention[]> {
  const map = new Map<string, ResolvedMention[]>();
  for (const mention of mentions) {
    if (mention.label !== label) continue;
    const list = map.get(mention.entityId);
    if (list) list.push(mention);
    else map.set(mention.entityId, [mention]);
  }
  return map;
}

const notationCues: ReadonlySet<MinedTerm['cue']> = new Set<ChemistryKind>([
  'formula',
  'element',
  'alloy',
  'doped',
  'compound-name',
  'grade',
]);

/**
 * Whether a vocabulary mention lies inside a longer mined phrase of its label without being its head:
 * "silica" in "silica aerogel" names something else, "packaging" in "medical packaging" is broader.
 */
function isInsideNarrowerTerm(mention: ResolvedMention, phrases: readonly MinedTerm[]): boolean {
  if (mention.label !== 'Material' && mention.label !== 'Application') return false;
  return phrases.some(
    (phrase) =>
      phrase.label === mention.label &&
      phrase.start <= mention.start &&
      mention.end < phrase.end &&
      phrase.end - phrase.start > mention.end - mention.start,
  );
}

const cueRank: Record<UseCue['kind'], number> = {
  claim: 4,
  use: 3,
  composition: 2,
  preposition: 1,
  cooccurrence: 0,
};

/**
 * The offline extractor: sentences per chunk (never crossing a chunk), lexicon mentions with the
 * benchmark's matching rules, pattern hits resolved to canonical entities, and per-sentence facts
 * (USED_IN, HAS_PROPERTY, REQUIRES, PRODUCES) whose evidence is the sentence span.
 */
export class LexiconExtractor implements Extractor {
  readonly name: string;
  private readonly vocabulary: Vocabulary;
  private readonly resolver: EntityResolver;
  private readonly cpc?: ReturnType<typeof compileCpcMap>;
  private readonly maxMaterials: number;
  private readonly usePatterns: boolean;
  private readonly blankLines: boolean;
  private readonly mining: { tagger?: PosTagger } | null;
  /** Materials of catalog products (whatever origin the entity had before the catalog named it). */
  private readonly productMaterials: ReadonlySet<string>;

  constructor(options: LexiconExtractorOptions) {
    this.name = options.name ?? 'lexicon-v1';
    this.vocabulary = 'vocabulary' in options ? options.vocabulary : options.lexicon;
    this.resolver = new EntityResolver(this.vocabulary.knownEntities());
    this.productMaterials = new Set(
      this.vocabulary.terms.flatMap((term) => (term.materialId ? [term.materialId] : [])),
    );
    this.mining = options.mining ? (options.mining === true ? {} : options.mining) : null;
    if (options.cpcMap) this.cpc = compileCpcMap(options.cpcMap);
    this.maxMaterials = options.maxMaterialsPerSentence ?? 8;
    this.usePatterns = options.patterns ?? true;
    this.blankLines = options.blankLines ?? true;
  }

  /**
   * A catalog or user term (or a product name) is what the company itself named: a phrase it modifies
   * ("geopolymer concrete", "TerraBond mortar") is still about it, so its mention is kept.
   */
  private isCustomerTerm(entityId: string): boolean {
    const term = this.vocabulary.term(entityId);
    return (
      term?.origin === 'catalog' ||
      term?.origin === 'user' ||
      term?.materialId !== undefined ||
      this.productMaterials.has(entityId)
    );
  }

  async extract(input: ExtractionInput): Promise<ExtractionResult> {
    return this.extractSync(input);
  }

  /** The same as `extract`, synchronously (the work is CPU-only). */
  extractSync(input: ExtractionInput): ExtractionResult {
    const { text } = input;
    const documentMixed = isMixedCase(text);
    const sentences: SentenceRecord[] = [];
    const raw: SentenceMention[] = [];
    for (const chunk of input.chunks) {
      const mixedCase = chunk.section === 'title' ? isMixedCase(chunk.text) : documentMixed;
      for (const span of splitSentences(text, chunk.start, chunk.end, { blankLines: this.blankLines })) {
        const index = sentences.length;
        sentences.push({ chunk, span, mentions: [] });
        for (const mention of matchMentions(this.vocabulary, text, { ...span, mixedCase })) {
          raw.push({ ...mention, sentence: index });
        }
      }
    }
    for (const mention of finalizeMentions(raw)) {
      (sentences[mention.sentence] as SentenceRecord).mentions.push(mention);
    }
    const entities = new EntityCollector(this.resolver);
    const mentions: Mention[] = [];
    const candidates: MinedCandidate[] = [];
    for (const sentence of sentences) {
      let notation: PatternHit[] = [];
      if (this.mining) {
        const mined = this.mine(text, sentence, candidates);
        notation = mined.notation;
        sentence.mentions = sentence.mentions.filter(
          (mention) => this.isCustomerTerm(mention.entityId) || !isInsideNarrowerTerm(mention, mined.phrases),
        );
      }
      let resolved = sentence.mentions.map((mention): ResolvedMention => {
        // A product name or alias is a mention of the product's material (and of the product).
        const materialId = this.vocabulary.materialOf(mention.entityId);
        const entityId = materialId ?? mention.entityId;
        entities.record(entityId, mention.label, mention.surface);
        return {
          entityId,
          label: mention.label,
          start: mention.start,
          end: mention.end,
          surface: mention.surface,
          ...(materialId ? { productId: mention.entityId } : {}),
        };
      });
      if (this.usePatterns) {
        const { start, end } = sentence.span;
        const hits = [
          ...findFormulas(text, start, end),
          ...findPolymerNames(text, start, end),
          ...findOrganizationNames(text, start, end),
          ...notation,
        ];
        if (hits.length > 0) {
          const merged = mergePatternHits(resolved, hits);
          resolved = merged.kept;
          for (const patternHit of merged.accepted) {
            const label: EntityLabel = patternHit.kind === 'organization' ? 'Organization' : 'Material';
            const id = entities.resolveAndRecord(label, patternHit.surface);
            resolved.push({
              entityId: id,
              label,
              start: patternHit.start,
              end: patternHit.end,
              surface: patternHit.surface,
            });
          }
          resolved.sort((a, b) => a.start - b.start);
        }
      }
      sentence.mentions = resolved;
      for (const mention of resolved) {
        mentions.push({
          chunkId: sentence.chunk.id,
          entityId: mention.entityId,
          start: mention.start,
          end: mention.end,
          surface: mention.surface,
          ...(mention.productId ? { productId: mention.productId } : {}),
        });
      }
    }
    const facts = new FactCollector(input.documentId, input.publishedAt, this.name);
    for (const sentence of sentences) this.collectFacts(input, sentence, facts);
    const cpcCodes = (input as ExtractionInput & { cpc?: string[] }).cpc;
    if (this.cpc && cpcCodes && cpcCodes.length > 0) {
      facts.boost('USED_IN', new Set(applicationsForCpc(this.cpc, cpcCodes)), 0.1);
    }
    return {
      // Entities the vocabulary does not know were found by patterns or mining in this text.
      entities: entities.list().map((entity) => ({
        ...entity,
        origin: this.vocabulary.term(entity.id)?.origin ?? 'mined',
      })),
      mentions,
      facts: facts.list(),
      dropped: 0,
      ...(this.mining ? { candidates } : {}),
      vocabularyVersion: this.vocabulary.version,
    };
  }

  /** Mines one sentence: notation as pattern hits, phrases as candidates (pushed to `candidates`). */
  private mine(
    text: string,
    sentence: SentenceRecord,
    candidates: MinedCandidate[],
  ): { notation: PatternHit[]; phrases: MinedTerm[] } {
    const { span, chunk } = sentence;
    const mined = mineTerms(text, {
      ...span,
      vocabulary: this.vocabulary,
      mentions: sentence.mentions as LexiconMention[],
      section: chunk.section,
      ...(this.mining?.tagger ? { tagger: this.mining.tagger } : {}),
    });
    const notation: PatternHit[] = [];
    const phrases: MinedTerm[] = [];
    for (const term of mined) {
      if (notationCues.has(term.cue)) {
        notation.push({ start: term.start, end: term.end, surface: term.surface, kind: 'formula' });
        continue;
      }
      phrases.push(term);
      // A phrase that is a vocabulary term under another spelling is known, not a candidate.
      if (knownTermId(this.vocabulary, term.key, term.label)) continue;
      const broader = inferBroader(term, this.vocabulary);
      candidates.push({
        label: term.label,
        key: term.key,
        surface: term.surface,
        cue: term.cue,
        start: term.start,
        end: term.end,
        head: term.head,
        chunkId: chunk.id,
        sentence: { start: span.start, end: span.end },
        ...(broader ? { broaderId: broader.id } : {}),
      });
    }
    return { notation, phrases };
  }

  private collectFacts(input: ExtractionInput, sentence: SentenceRecord, facts: FactCollector): void {
    const { text } = input;
    const { span, chunk } = sentence;
    const evidence = { chunkId: chunk.id, start: span.start, end: span.end };
    const materials = byEntity(sentence.mentions, 'Material');
    const applications = byEntity(sentence.mentions, 'Application');
    const properties = byEntity(sentence.mentions, 'Property');
    const organizations = byEntity(sentence.mentions, 'Organization');
    const inClaims = chunk.section === 'claims';

    if (materials.size <= this.maxMaterials) {
      for (const [materialId, materialMentions] of materials) {
        for (const [applicationId, applicationMentions] of applications) {
          let best: UseCue | undefined;
          for (const material of materialMentions) {
            for (const application of applicationMentions) {
              const cue = classifyUse(text, span, material, application, inClaims);
              if (!best || cueRank[cue.kind] > cueRank[best.kind]) best = cue;
            }
          }
          const cue = best as UseCue;
          facts.add({
            type: 'USED_IN',
            subjectId: materialId,
            objectId: applicationId,
            confidence: cue.confidence,
            polarity: cue.polarity,
            evidence,
          });
        }
      }
    }

    if (materials.size > 0) {
      const materialMentions = [...materials.values()].flat();
      for (const [propertyId, propertyMentions] of properties) {
        for (const property of propertyMentions) {
          const value = findPropertyValue(text, property, span.end, unitlessProperties.has(propertyId));
          const qualified = value !== null || isQualifiedProperty(text, property, span.start);
          if (!qualified) continue;
          const targets =
            materials.size <= 3
              ? [...materials.keys()]
              : [
                  materialMentions.reduce((nearest, candidate) =>
                    distance(candidate, property) < distance(nearest, property) ? candidate : nearest,
                  ).entityId,
                ];
          for (const materialId of targets) {
            const near = (materials.get(materialId) ?? []).some(
              (mention) => distance(mention, property) <= 60,
            );
            facts.add({
              type: 'HAS_PROPERTY',
              subjectId: materialId,
              objectId: propertyId,
              confidence: (value ? 0.7 : 0.55) + (near ? 0.1 : 0),
              ...(value ? { value: value.value, ...(value.unit ? { unit: value.unit } : {}) } : {}),
              evidence,
            });
          }
        }
      }
    }

    for (const [applicationId, applicationMentions] of applications) {
      for (const [propertyId, propertyMentions] of properties) {
        let confidence = 0;
        for (const application of applicationMentions) {
          for (const property of propertyMentions) {
            confidence = Math.max(confidence, requiresConfidence(text, span, application, property));
          }
        }
        if (confidence > 0) {
          facts.add({
            type: 'REQUIRES',
            subjectId: applicationId,
            objectId: propertyId,
            confidence,
            evidence,
          });
        }
      }
    }

    for (const [organizationId, organizationMentions] of organizations) {
      for (const [materialId, materialMentions] of materials) {
        let best: { confidence: number; polarity: 'positive' | 'negative' } | null = null;
        for (const organization of organizationMentions) {
          for (const material of materialMentions) {
            const cue = producesCue(text, organization, material);
            if (cue && (!best || cue.confidence > best.confidence)) best = cue;
          }
        }
        if (!best) continue;
        facts.add({
          type: 'PRODUCES',
          subjectId: organizationId,
          objectId: materialId,
          confidence: input.kind === 'patent' ? best.confidence - 0.2 : best.confidence,
          polarity: best.polarity,
          evidence,
        });
      }
    }
  }
}

/** Creates the offline lexicon + patterns extractor. */
export function createLexiconExtractor(options: LexiconExtractorOptions): LexiconExtractor {
  return new LexiconExtractor(options);
}
