import type { Chunk, EntityLabel, Mention } from '../../graph/index.ts';
import { EntityCollector, EntityResolver } from '../resolve/entity-resolver.ts';
import { applicationSense, type DocumentSenses, documentSenses } from './application-senses.ts';
import { boilerplateStart } from './boilerplate.ts';
import { applicationsForCpc, compileCpcMap } from './cpc-hints.ts';
import type { ExtractionInput, ExtractionResult, Extractor, MinedCandidate } from './extractor.ts';
import { FactCollector } from './fact-collector.ts';
import type { CpcMapData } from './lexicon-data.ts';
import { finalizeMentions, isMixedCase, type LexiconMention, matchMentions } from './lexicon-matcher.ts';
import { inferBroader, knownTermId } from './mining/broader-terms.ts';
import type { ChemistryKind } from './mining/chemistry-spans.ts';
import type { PosTagger } from './mining/pos-tagger.ts';
import { defaultPosTagger, type MinedTerm, mineTerms } from './mining/term-miner.ts';
import { isNotationFragment, termRejection } from './mining/term-quality.ts';
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
  withstandRequirement,
} from './patterns.ts';
import { isReferenceLabel } from './reference-labels.ts';
import { type SentenceSpan, splitSentences } from './sentences.ts';
import { isBusinessStatement, isHedged, isInProperName, isNotApplicationUse } from './use-context.ts';
import type { Vocabulary, VocabularyExtension } from './vocabulary.ts';

interface CommonExtractorOptions {
  /** CPC → application map: hinted applications raise the confidence of USED_IN facts stated in the text. */
  cpcMap?: CpcMapData;
  /** Extractor name recorded on facts (default `lexicon-v1`). */
  name?: string;
  /** Sentences naming more distinct materials are enumerations and yield no USED_IN facts (default 8). */
  maxMaterialsPerSentence?: number;
  /**
   * Which relation USED_IN records (default `use`): `use` reads the sentence's structure (role lists,
   * application senses, part labels, company names, business statements, links through another
   * application) and records a fact only where the sentence states a use; `co-mention` records every
   * material–application pair of a sentence (the old reading, cued pairs more confident), with
   * sentences cut by the discovery benchmark's rules. The discovery back-test uses `co-mention`: its
   * task defines the relation as a sentence co-mention and derives its known pairs that way.
   */
  relation?: 'use' | 'co-mention';
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
  /** Stop phrases matched with the sentence, when they were matched with the sentence's own case rule. */
  stopSpans?: { start: number; end: number }[];
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
  claim: 7,
  use: 6,
  role: 5,
  compound: 4,
  apposition: 3,
  composition: 2,
  preposition: 1,
  cooccurrence: 0,
};

/** Cues that state a use by the sentence's structure (a bare co-occurrence or preposition does not). */
const structuralCues: ReadonlySet<UseCue['kind']> = new Set([
  'claim',
  'use',
  'role',
  'compound',
  'apposition',
]);

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
  private readonly relation: 'use' | 'co-mention';
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
    this.relation = options.relation ?? 'use';
    this.usePatterns = options.patterns ?? true;
    this.blankLines = options.blankLines ?? true;
  }

  /**
   * This extractor over a vocabulary extended from its own (`Vocabulary.extendedTo`): the resolver
   * takes the added terms in place instead of indexing every term again (its indexes are sets of ids
   * per key, so they come out as a full build's). An extension adds no product, so the products'
   * materials stay. This extractor is superseded: it shares the resolver with the result.
   */
  extendedTo(extension: VocabularyExtension): LexiconExtractor {
    const next = Object.create(LexiconExtractor.prototype) as LexiconExtractor;
    Object.assign(next, this, { vocabulary: extension.vocabulary });
    for (const term of extension.added) {
      const entry = extension.vocabulary.entry(term.id);
      if (entry) this.resolver.add(entry);
    }
    return next;
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
      const split = { blankLines: this.blankLines, markdownBullets: this.relation === 'use' };
      for (const span of splitSentences(text, chunk.start, chunk.end, split)) {
        const index = sentences.length;
        const record: SentenceRecord = { chunk, span, mentions: [] };
        sentences.push(record);
        // The miner matches stop phrases with the sentence's own case rule: the same match serves it.
        const stopSpans =
          this.mining && mixedCase === isMixedCase(text.slice(span.start, span.end)) ? [] : undefined;
        if (stopSpans) record.stopSpans = stopSpans;
        // Options of one shape for every sentence (spreads make objects of many shapes, read slowly).
        const options = { start: span.start, end: span.end, mixedCase, stopSpans };
        for (const mention of matchMentions(this.vocabulary, text, options)) {
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
    // A press release's "About <Company>" section repeats in every release of the company: not mined.
    const boilerplate = this.mining ? boilerplateStart(text) : text.length;
    // Tags depend on the text alone: a document the run may analyse again keeps them for that time.
    // Without mining there is no tagger (nor a tagging model to load).
    const tagger = this.mining ? (this.mining.tagger ?? defaultPosTagger().for(input.tags)) : undefined;
    for (const sentence of sentences) {
      let notation: PatternHit[] = [];
      if (tagger && sentence.span.start < boilerplate) {
        const mined = this.mine(text, sentence, candidates, tagger);
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
        ].filter(
          (hit) =>
            hit.kind !== 'formula' ||
            !(isReferenceLabel(text, hit, sentence.span) || isNotationFragment(hit.surface)),
        );
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
    const senses = documentSenses(`${input.title}\n${text}`);
    for (const sentence of sentences) this.collectFacts(input, sentence, facts, senses, documentMixed);
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

  /**
   * Whether a mined application is a plainly stated use of the company's own material: a use cue
   * ("X is used in/for/as Y", "for use in", "applications such as"; not a role, "used as R in Y") whose subject, the nearest material or
   * product mention before the cue in the same clause, is a catalog or user term (or a product's
   * material), or a claim preamble ("A Y comprising X") that names such a material after it. A hedged
   * sentence ("could be used in", "is being evaluated for") states no use.
   */
  private isStatedUse(text: string, sentence: SentenceRecord, term: MinedTerm): boolean {
    if (term.label !== 'Application' || term.cueStart === undefined) return false;
    if (term.cue !== 'use-phrase' && term.cue !== 'applications-such-as' && term.cue !== 'claim-preamble') {
      return false;
    }
    const { span } = sentence;
    if (isHedged(text.slice(span.start, span.end))) return false;
    const materials = sentence.mentions.filter((mention) => mention.label === 'Material');
    if (term.cue === 'claim-preamble') {
      return materials.some((mention) => mention.start >= term.end && this.isCustomerTerm(mention.entityId));
    }
    const cueStart = term.cueStart;
    // "used as a thickener in cosmetic creams": the object of "as" is the role the material plays and the
    // use follows "in"/"for"; such roles keep the threshold ("used as a cattle feed supplement" is a use).
    const cueWords = text.slice(cueStart, term.start).replace(/^for use\b/i, '');
    const preposition = /\b(?:such as|in|for|as|with|to|including|like|on)\b/i
      .exec(cueWords)?.[0]
      .toLowerCase();
    if (preposition === 'as' && /^\s*(?:in|for)\b/i.test(text.slice(term.end, term.end + 8))) return false;
    const subject = materials
      .filter((mention) => mention.end <= cueStart)
      .reduce<ResolvedMention | undefined>(
        (nearest, mention) => (!nearest || mention.end > nearest.end ? mention : nearest),
        undefined,
      );
    if (!subject || !this.isCustomerTerm(subject.entityId)) return false;
    // A list of objects runs on at commas; a comma with a determiner or a relative starts a new clause.
    if (
      /,\s*(?:the|a|an|its|their|this|these|which|who|where|while)\s/i.test(
        text.slice(cueStart, term.start + 1),
      )
    ) {
      return false;
    }
    // The same clause: no clause break between the subject and the cue, and near enough to be its subject.
    const between = text.slice(subject.end, cueStart);
    return between.length <= 120 && !/[;:]|\bwhile\b|\bwhereas\b|\bbut\b/.test(between);
  }

  /** Mines one sentence: notation as pattern hits, phrases as candidates (pushed to `candidates`). */
  private mine(
    text: string,
    sentence: SentenceRecord,
    candidates: MinedCandidate[],
    tagger: PosTagger,
  ): { notation: PatternHit[]; phrases: MinedTerm[] } {
    const { span, chunk } = sentence;
    const mined = mineTerms(text, {
      start: span.start,
      end: span.end,
      vocabulary: this.vocabulary,
      mentions: sentence.mentions as LexiconMention[],
      stopSpans: sentence.stopSpans,
      section: chunk.section,
      tagger,
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
      // The patent's own words, enumerated parts, bare placeholders and fragments are no terms.
      if (termRejection(term)) continue;
      const broader = inferBroader(term, this.vocabulary);
      candidates.push({
        label: term.label,
        key: term.key,
        surface: term.surface,
        cue: this.isStatedUse(text, sentence, term) ? 'stated-use' : term.cue,
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

  private collectFacts(
    input: ExtractionInput,
    sentence: SentenceRecord,
    facts: FactCollector,
    senses: DocumentSenses,
    mixedCase: boolean,
  ): void {
    const { text } = input;
    const { span, chunk } = sentence;
    const evidence = { chunkId: chunk.id, start: span.start, end: span.end };
    const materials = byEntity(sentence.mentions, 'Material');
    const applications = byEntity(sentence.mentions, 'Application');
    const properties = byEntity(sentence.mentions, 'Property');
    const organizations = byEntity(sentence.mentions, 'Organization');
    this.collectUses(input, sentence, facts, senses, mixedCase && chunk.section !== 'title');

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
        let stated: ReturnType<typeof findPropertyValue> = null;
        for (const application of applicationMentions) {
          for (const property of propertyMentions) {
            const found = requiresConfidence(text, span, application, property);
            if (found > confidence) {
              confidence = found;
              stated = findPropertyValue(text, property, span.end, unitlessProperties.has(propertyId));
            }
          }
        }
        if (confidence > 0) {
          facts.add({
            type: 'REQUIRES',
            subjectId: applicationId,
            objectId: propertyId,
            confidence,
            ...(stated ? { value: stated.value, ...(stated.unit ? { unit: stated.unit } : {}) } : {}),
            evidence,
          });
        }
      }
      // "Separators must withstand 200 °C": a temperature requirement without the property's name.
      if (properties.size === 0) {
        for (const application of applicationMentions) {
          const found = withstandRequirement(text, application, span.end);
          const propertyId = found?.cold ? 'property:low-temperature-resistance' : 'property:heat-resistance';
          // Only with a vocabulary that knows the property (the graph has its node to link to).
          if (!found || !this.vocabulary.term(propertyId)) continue;
          facts.add({
            type: 'REQUIRES',
            subjectId: applicationId,
            objectId: propertyId,
            confidence: 0.65,
            value: found.value,
            unit: found.unit,
            evidence,
          });
          break;
        }
      }
    }

    for (const [organizationId, organizationMentions] of organizations) {
      for (const [materialId, materialMentions] of materials) {
        let best: { confidence: number; polarity: 'positive' | 'negative'; supplies?: boolean } | null = null;
        for (const organization of organizationMentions) {
          for (const material of materialMentions) {
            const cue = producesCue(text, organization, material);
            if (cue && (!best || cue.confidence > best.confidence)) best = cue;
          }
        }
        if (!best) continue;
        facts.add({
          type: best.supplies ? 'SUPPLIES' : 'PRODUCES',
          subjectId: organizationId,
          objectId: materialId,
          confidence: input.kind === 'patent' ? best.confidence - 0.2 : best.confidence,
          polarity: best.polarity,
          evidence,
        });
      }
    }
  }
  /**
   * USED_IN facts of one sentence. Mentions are read in context first: an application word naming a
   * plant, a business, a role or another sense is not that application (or is the one its sense
   * names), a material word inside a company name is no material. Each material–application pair gets
   * its strongest cue; a pair linked only through another application ("X for batteries in
   * electronics") or only by co-occurrence in a business statement yields no fact; enumerations longer
   * than `maxMaterialsPerSentence` yield facts only where the structure states the use (a role, a use
   * phrase, a claim, an apposition). Hedged sentences make facts tentative and less confident.
   */
  private collectUses(
    input: ExtractionInput,
    sentence: SentenceRecord,
    facts: FactCollector,
    senses: DocumentSenses,
    mixedCase: boolean,
  ): void {
    const { text } = input;
    const { span, chunk } = sentence;
    const sentenceText = text.slice(span.start, span.end);
    const inClaims = chunk.section === 'claims';
    const reading = this.relation === 'use';
    const materialMentions = sentence.mentions.filter(
      (mention) =>
        mention.label === 'Material' &&
        !(
          reading &&
          ((mixedCase && isInProperName(text, mention, span)) ||
            isReferenceLabel(text, mention, span) ||
            isListHead(text, mention, span))
        ),
    );
    const applicationMentions: ResolvedMention[] = [];
    for (const mention of sentence.mentions) {
      if (mention.label !== 'Application') continue;
      if (!reading) {
        applicationMentions.push(mention);
        continue;
      }
      if (isNotApplicationUse(text, mention, span)) continue;
      const entityId = applicationSense(mention.entityId, mention.surface, sentenceText, senses);
      if (entityId) applicationMentions.push({ ...mention, entityId });
    }
    const materials = byEntity(materialMentions, 'Material');
    const applications = byEntity(applicationMentions, 'Application');
    if (materials.size === 0 || applications.size === 0) return;
    const enumeration = materials.size > this.maxMaterials;
    const business = reading && input.kind === 'news' && isBusinessStatement(sentenceText);
    const hedged = isHedged(sentenceText);
    for (const [materialId, ofMaterial] of materials) {
      for (const [applicationId, ofApplication] of applications) {
        let best: UseCue | undefined;
        for (const material of ofMaterial) {
          for (const application of ofApplication) {
            let cue = classifyUse(text, span, material, application, inClaims, {
              materials: materialMentions,
            });
            if (
              reading &&
              cue.kind !== 'compound' &&
              linksThroughAnotherApplication(text, material, application, applicationMentions)
            ) {
              cue = { ...cue, kind: 'cooccurrence', confidence: 0.3 };
            }
            if (!best || cueRank[cue.kind] > cueRank[best.kind]) best = cue;
          }
        }
        const cue = best as UseCue;
        if (enumeration && (!reading || !structuralCues.has(cue.kind))) continue;
        if (business && !structuralCues.has(cue.kind)) continue;
        if (reading && cue.kind === 'cooccurrence') continue;
        const tentative = hedged && cue.polarity === 'positive';
        facts.add({
          type: 'USED_IN',
          subjectId: materialId,
          objectId: applicationId,
          confidence: tentative ? cue.confidence * 0.75 : cue.confidence,
          polarity: tentative ? 'tentative' : cue.polarity,
          evidence: { chunkId: chunk.id, start: span.start, end: span.end },
        });
      }
    }
  }
}

/**
 * Whether another application mention stands between a material and an application, attached by a
 * preposition rather than listed beside it: in "silicon anodes for batteries in electric vehicles" the
 * vehicles use the batteries, not the silicon; in "aerospace, medical devices and consumer goods" the
 * three are one list.
 */
function linksThroughAnotherApplication(
  text: string,
  material: { start: number; end: number },
  application: { start: number; end: number; entityId: string },
  applications: readonly { start: number; end: number; entityId: string }[],
): boolean {
  const forward = material.end <= application.start;
  const [from, to] = forward ? [material.end, application.start] : [application.end, material.start];
  const between = applications
    .filter((other) => other.start >= from && other.end <= to && other.entityId !== application.entityId)
    .sort((a, b) => a.start - b.start);
  // Any application on the way that the next one hangs on by a preposition breaks the link, unless it
  // is a part of the application ("silicon anodes for batteries"): "magnets used in … actuators".
  const stops = forward ? [...between, application] : [application, ...between];
  for (let i = 0; i + 1 < stops.length; i++) {
    const left = stops[i] as { end: number; entityId: string };
    const right = stops[i + 1] as { start: number; entityId: string };
    const inner = forward ? left : right;
    if (componentApplications.has(inner.entityId)) continue;
    if (attachedByPreposition.test(text.slice(left.end, right.start))) return true;
  }
  return false;
}

// "batteries in electric vehicles", "anode materials for lithium-ion batteries", "used in displays of".
const attachedByPreposition =
  /^\s*(?:\p{L}+\s+){0,2}?(?:for|in|into|of|inside|within|used in|used for|powering|such as)\s/iu;

/** Applications that are parts of other applications: a material in the part is in the whole. */
const componentApplications: ReadonlySet<string> = new Set([
  'application:battery-anode',
  'application:battery-cathode',
  'application:battery-electrolyte',
  'application:battery-separator',
  'application:battery-binder',
  'application:conductive-additive',
  'application:electrode',
  'application:transparent-electrode',
  'application:solar-encapsulant',
  'application:solar-backsheet',
  'application:fuel-cell-membrane',
  'application:coating',
  'application:adhesive',
  'application:sealant',
  'application:gasket',
]);

// "a plasticizer, particularly dibutyl phthalate", "metals such as Al": the class heads a list of its members.
const listHeadAfter =
  /^\s*,\s*(?:particularly|in particular|such as|e\.g\.|for example|including|like|namely|especially|preferably)\b/i;

/** Whether a material mention is the class word that heads a list of its members (the members carry the use). */
function isListHead(
  text: string,
  mention: { start: number; end: number },
  sentence: { end: number },
): boolean {
  return listHeadAfter.test(text.slice(mention.end, Math.min(sentence.end, mention.end + 20)));
}

/** Creates the offline lexicon + patterns extractor. */
export function createLexiconExtractor(options: LexiconExtractorOptions): LexiconExtractor {
  return new LexiconExtractor(options);
}
