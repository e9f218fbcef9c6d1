import { z } from 'zod';

/** ISO-8601 date or date-time string (documents may only know the day). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected an ISO date');

export const documentKinds = ['patent', 'news', 'report'] as const;
export const sectionNames = ['title', 'abstract', 'claims', 'description', 'body'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export type SectionName = (typeof sectionNames)[number];

export const documentSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(documentKinds),
  title: z.string(),
  text: z.string(),
  url: z.string().optional(),
  number: z.string().optional(),
  kindCode: z.string().optional(),
  /** Absent (never null) when the document states no date; such documents are evidence but undated. */
  publishedAt: isoDate.optional(),
  filedAt: isoDate.optional(),
  language: z.string().min(2),
  source: z.string().min(1),
  /** File path or URL the document was read from. */
  origin: z.string().optional(),
  contentHash: z.string().min(1),
  ingestRunId: z.string().min(1),
  cpc: z.array(z.string()).default([]),
  ipc: z.array(z.string()).default([]),
  assignees: z.array(z.string()).default([]),
  inventors: z.array(z.string()).default([]),
  byline: z.string().optional(),
  /** Version of the graph vocabulary the document's current mentions and facts were extracted with. */
  vocabularyVersion: z.number().int().nonnegative().optional(),
  /** Digest of the current extraction (mentions, facts, candidates): re-extraction compares it. */
  extractionHash: z.string().optional(),
});
export type GraphDocument = z.infer<typeof documentSchema>;

export const chunkSchema = z
  .object({
    id: z.string().min(1),
    documentId: z.string().min(1),
    text: z.string(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    section: z.enum(sectionNames),
    page: z.number().int().positive().optional(),
    paragraph: z.string().optional(),
    language: z.string().optional(),
    index: z.number().int().nonnegative(),
  })
  .refine((chunk) => chunk.end >= chunk.start, { message: 'chunk end must not precede start' });
export type Chunk = z.infer<typeof chunkSchema>;

export const entityLabels = ['Material', 'Property', 'Application', 'Organization'] as const;
export type EntityLabel = (typeof entityLabels)[number];

/**
 * Where an entity (a vocabulary term) came from: the bundled lexicon, the customer's catalog, an
 * engineer, open mining of the texts, or an LLM extractor.
 */
export const termOrigins = ['lexicon', 'catalog', 'user', 'mined', 'llm'] as const;
export type TermOrigin = (typeof termOrigins)[number];

export const entitySchema = z.object({
  id: z.string().min(1),
  label: z.enum(entityLabels),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  class: z.string().optional(),
  formula: z.string().optional(),
  cas: z.string().optional(),
  unit: z.string().optional(),
  domain: z.string().optional(),
  /** Set when the entity is created; never changed by later extractions. */
  origin: z.enum(termOrigins).optional(),
  /** Mined entities: distinct documents the term was found in when it was promoted. */
  support: z.number().int().nonnegative().optional(),
});
export type Entity = z.infer<typeof entitySchema>;

export const mentionSchema = z.object({
  chunkId: z.string().min(1),
  entityId: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  surface: z.string().min(1),
  /** A product name or alias: the mention also resolves to this product (the entity is its material). */
  productId: z.string().min(1).optional(),
});
export type Mention = z.infer<typeof mentionSchema>;

export const factTypes = [
  'USED_IN',
  'HAS_PROPERTY',
  'REQUIRES',
  'ASSIGNED_TO',
  'PRODUCES',
  'SUPPLIES',
] as const;
export type FactType = (typeof factTypes)[number];

export const evidenceSchema = z.object({
  chunkId: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/**
 * How a fact is stated: `positive` (asserted), `tentative` (hedged: "could be evaluated for", "may be
 * suitable for"), `replaced` (no longer: "X was replaced by Y in …" said of X), `negative` ("is not
 * suitable for", "without X"). Only positive and tentative facts support a relation.
 */
export const factPolarities = ['positive', 'tentative', 'replaced', 'negative'] as const;
export type FactPolarity = (typeof factPolarities)[number];

/** Whether a fact of this polarity counts as support for its relation (negative and replaced never do). */
export function supportsRelation(polarity: FactPolarity | undefined): boolean {
  return polarity !== 'negative' && polarity !== 'replaced';
}

export const factSchema = z.object({
  id: z.string().min(1),
  type: z.enum(factTypes),
  subjectId: z.string().min(1),
  objectId: z.string().min(1),
  polarity: z.enum(factPolarities).default('positive'),
  confidence: z.number().min(0).max(1),
  extractor: z.string().min(1),
  value: z.number().optional(),
  unit: z.string().optional(),
  /** Absent when the fact's document states no date. */
  firstSeen: isoDate.optional(),
  lastSeen: isoDate.optional(),
  evidence: z.array(evidenceSchema).min(1),
});
export type Fact = z.infer<typeof factSchema>;

export const productSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  owner: z.string().min(1),
  materialId: z.string().min(1),
  materialIds: z.array(z.string()).default([]),
  properties: z.array(z.string()).default([]),
  knownApplications: z.array(z.string()).default([]),
  businessUnit: z.string().optional(),
  description: z.string().optional(),
});
export type Product = z.infer<typeof productSchema>;

export const suggestionStatuses = ['new', 'accepted', 'rejected', 'deferred'] as const;
export const confidenceLevels = ['high', 'medium', 'low'] as const;
export type ConfidenceLevel = (typeof confidenceLevels)[number];
export type SuggestionStatus = (typeof suggestionStatuses)[number];

/** Why a passage is cited: it names the pair, an analogue's use, a property, or market activity. */
export const citationRoles = ['direct', 'analogue', 'property', 'market'] as const;
export type CitationRole = (typeof citationRoles)[number];

/** Where a citation points: offsets into the text of the document the chunk belongs to. */
export const citationSpanSchema = z.object({
  chunkId: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Set for suggestion evidence; chat passages found by search have none. */
  role: z.enum(citationRoles).optional(),
});
export type CitationSpan = z.infer<typeof citationSpanSchema>;

/** The document a cited passage comes from (what a citation shows besides the quote). */
export const citedDocumentSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  kind: z.enum(documentKinds),
  number: z.string().optional(),
  url: z.string().optional(),
  /** Absent when the document states no date. */
  publishedAt: z.string().optional(),
  source: z.string(),
  ingestRunId: z.string().optional(),
});
export type CitedDocument = z.infer<typeof citedDocumentSchema>;

/**
 * A cited span with its text and document, from storage to the chat tools:
 * `quote === document.text.slice(start, end)`.
 */
export const passageSpanSchema = citationSpanSchema.extend({
  quote: z.string(),
  section: z.enum(sectionNames),
  page: z.number().int().positive().optional(),
  document: citedDocumentSchema,
});
export type PassageSpan = z.infer<typeof passageSpanSchema>;

/** The citation object of design.md section 7: a passage span numbered and flattened for the wire. */
export const citationSchema = z.object({
  n: z.number().int().positive(),
  chunkId: z.string(),
  documentId: z.string(),
  title: z.string(),
  kind: z.enum(documentKinds),
  number: z.string().optional(),
  url: z.string().optional(),
  publishedAt: z.string().optional(),
  section: z.enum(sectionNames),
  page: z.number().int().optional(),
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  role: z.enum(citationRoles).optional(),
});
export type Citation = z.infer<typeof citationSchema>;

/** The citation `[n]` of a passage span; optional fields the graph stored as null are left out. */
export function toCitation(n: number, span: PassageSpan): Citation {
  const { document } = span;
  return {
    n,
    chunkId: span.chunkId,
    documentId: document.id,
    title: document.title,
    kind: document.kind,
    ...(document.number ? { number: document.number } : {}),
    ...(document.url ? { url: document.url } : {}),
    ...(document.publishedAt ? { publishedAt: document.publishedAt } : {}),
    section: span.section,
    ...(span.page !== undefined && span.page !== null ? { page: span.page } : {}),
    start: span.start,
    end: span.end,
    quote: span.quote,
    ...(span.role ? { role: span.role } : {}),
  };
}

export const scoreGroupNames = ['evidence', 'analogy', 'propertyFit', 'momentum', 'market'] as const;
export type ScoreGroupName = (typeof scoreGroupNames)[number];
export const scoreGroupsSchema = z.object({
  /** Passages naming the material (or product) with the application. */
  evidence: z.number(),
  /** Similar materials and shared applications. */
  analogy: z.number(),
  /** Required properties the material has. */
  propertyFit: z.number(),
  /** Recent growth of mentions. */
  momentum: z.number(),
  /** Size of the application's and the material's markets (how often they are named). */
  market: z.number(),
});
export type ScoreGroups = z.infer<typeof scoreGroupsSchema>;

/** How much evidence stands behind a suggestion (the confidence rule counts these). */
export const supportSchema = z.object({
  documents: z.number().int().nonnegative(),
  /** Distinct document kinds (patent, news, report). */
  kinds: z.number().int().nonnegative(),
  years: z.number().int().nonnegative(),
  roles: z.array(z.enum(citationRoles)),
});
export type Support = z.infer<typeof supportSchema>;

/** Candidates not listed, counted per reason. */
export const heldBackSchema = z.object({
  total: z.number().int().nonnegative(),
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int().positive() })),
});
export type HeldBack = z.infer<typeof heldBackSchema>;

export const suggestionSchema = z.object({
  id: z.string().min(1),
  productId: z.string().min(1),
  applicationId: z.string().min(1),
  score: z.number(),
  rank: z.number().int().positive(),
  status: z.enum(suggestionStatuses).default('new'),
  components: z.record(z.string(), z.number()),
  rationale: z.string(),
  createdAt: isoDate,
  engineVersion: z.string(),
  model: z.string(),
  promptId: z.string(),
  citations: z.array(citationSpanSchema).min(1),
  /** Narrower or broader applications folded into this one (BROADER taxonomy), best first. */
  variants: z.array(z.string()).optional(),
  /** The score in plain words: baseRate + the five groups = score (absent on suggestions saved before). */
  scoreGroups: scoreGroupsSchema.optional(),
  /** The model's score for an average candidate: what the groups add to or take from. */
  baseRate: z.number().optional(),
  confidence: z.enum(confidenceLevels).optional(),
  /** What the confidence level was decided from. */
  support: supportSchema.optional(),
  /** The analogue materials the rationale states, each with why it is comparable. */
  analogues: z.array(z.object({ materialId: z.string(), reason: z.string() })).optional(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const reviewSchema = z.object({
  id: z.string().min(1),
  suggestionId: z.string().min(1),
  decision: z.enum(['accept', 'reject', 'defer']),
  comment: z.string().default(''),
  reviewer: z.string().min(1),
  at: isoDate,
});
export type Review = z.infer<typeof reviewSchema>;

export const ingestRunStatuses = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'partial',
  'cancelled',
] as const;
export type IngestRunStatus = (typeof ingestRunStatuses)[number];

export const ingestItemErrorSchema = z.object({
  item: z.string(),
  reason: z.string(),
  retryable: z.boolean().default(false),
});
export type IngestItemError = z.infer<typeof ingestItemErrorSchema>;

export const ingestCountsSchema = z.object({
  items: z.number().int().default(0),
  documents: z.number().int().default(0),
  added: z.number().int().default(0),
  updated: z.number().int().default(0),
  unchanged: z.number().int().default(0),
  failed: z.number().int().default(0),
  chunks: z.number().int().default(0),
  mentions: z.number().int().default(0),
  facts: z.number().int().default(0),
  skipped: z.number().int().default(0),
  duplicates: z.number().int().default(0),
  droppedFacts: z.number().int().default(0),
  /** Mined candidate occurrences written (mining on). */
  candidates: z.number().int().optional(),
  /** Mined candidates promoted to entities during and after the run. */
  promoted: z.number().int().optional(),
  /** Analyses of held documents done again because a term they name was promoted before they were written. */
  reanalysed: z.number().int().optional(),
});
export type IngestCounts = z.infer<typeof ingestCountsSchema>;

export const ingestRunKinds = ['ingest', 're-extract'] as const;
export type IngestRunKind = (typeof ingestRunKinds)[number];

export const ingestRunSchema = z.object({
  id: z.string().min(1),
  /** `re-extract`: stored chunks extracted again after a vocabulary change (absent: `ingest`). */
  kind: z.enum(ingestRunKinds).optional(),
  /**
   * The graph vocabulary version the run extracted with (the last one, if it changed during the run); for
   * a re-extraction that found nothing pending, the version the graph was already extracted with.
   */
  vocabularyVersion: z.number().int().nonnegative().optional(),
  source: z.string(),
  status: z.enum(ingestRunStatuses),
  startedAt: isoDate,
  /**
   * While running: when the run last saved its record (every 30 s). A run no executor holds whose
   * heartbeat is older than `staleRunAfterMs` stopped without saving its outcome, and reads as failed.
   */
  heartbeatAt: isoDate.optional(),
  /**
   * The run stopped on an error before it had read all its inputs (e.g. it lost the graph): a declared
   * source's cursor does not move past what it never read.
   */
  aborted: z.boolean().optional(),
  finishedAt: isoDate.optional(),
  durationMs: z.number().optional(),
  counts: ingestCountsSchema,
  errors: z.array(ingestItemErrorSchema).default([]),
});
export type IngestRun = z.infer<typeof ingestRunSchema>;
