import type {
  Entity,
  GraphStore,
  Product,
  ProductStore,
  SuggestionFreshness,
  SuggestionFreshnessReader,
} from '../../graph/index.ts';
import { nameFromEntityId, toEntityId } from '../../graph/index.ts';
import type { StoredCitation, StoredSuggestion } from '../../graph/neo4j-suggestion-store.ts';
import {
  type ChatGraphReader,
  type NeighbourLink,
  type ReadChunk,
  spanOfChunk,
} from './chat-graph-reader.ts';
import type { CitationRegistry, PassageSpan } from './citation-registry.ts';
import type { Embedder } from './embedder.ts';
import { locateQuery, type NumberedPassage } from './passage-format.ts';

/** The suggestion reads the chat needs (Neo4jSuggestionStore implements them). */
export interface SuggestionReader {
  listSuggestions(productId: string, options?: { limit?: number }): Promise<StoredSuggestion[]>;
  getSuggestion(id: string): Promise<StoredSuggestion | undefined>;
}

/** What the tools read from: every tool only reads (READ transactions); none computes or stores anything. */
export interface ChatToolDependencies {
  store: GraphStore;
  reader: ChatGraphReader;
  products: ProductStore;
  suggestions: SuggestionReader;
  /** Tells list_suggestions when the stored suggestions were computed and what was ingested since. */
  freshness?: SuggestionFreshnessReader;
  /** Adds vector search to search_passages; full-text + graph expansion without it. */
  embedder?: Embedder;
}

export interface EntityRef {
  id: string;
  name: string;
  label: string;
}

export interface SearchPassagesResult {
  query: string;
  methods: string[];
  entities: EntityRef[];
  passages: Array<NumberedPassage & { score: number }>;
}

export interface ProductSummary {
  id: string;
  name: string;
  aliases: string[];
  owner: string;
  description?: string;
  material: EntityRef;
  properties: EntityRef[];
  knownApplications: EntityRef[];
}

export interface SuggestionSummary {
  id: string;
  rank?: number;
  applicationId: string;
  applicationName: string;
  score: number;
  status: string;
  rationale: string;
  components: Record<string, number>;
  passages: NumberedPassage[];
}

/** Whether stored suggestions still reflect the graph, with a sentence saying so when they do not. */
export interface SuggestionsFreshness extends Partial<SuggestionFreshness> {
  stale: boolean;
  /** For the user: when they were computed, what came in since, and how to recompute. */
  note?: string;
}

export interface ListSuggestionsResult {
  product?: ProductSummary;
  freshness: SuggestionsFreshness;
  suggestions: SuggestionSummary[];
}

export interface EvidenceResult {
  material?: EntityRef;
  product?: ProductSummary;
  application?: EntityRef;
  /** `used-in-fact` when USED_IN facts state the link; `co-mention` when passages only name both. */
  basis: 'used-in-fact' | 'co-mention' | 'none';
  passages: NumberedPassage[];
}

export interface ExplainSuggestionResult {
  product?: ProductSummary;
  suggestion?: SuggestionSummary;
  evidence?: EvidenceResult;
}

export interface NeighbourSummary extends EntityRef {
  relation: string;
  documents: number;
  lastSeen?: string;
  passage?: NumberedPassage;
}

export interface NeighbourhoodResult {
  entity?: EntityRef;
  product?: ProductSummary;
  mentions: Record<string, number>;
  applications: NeighbourSummary[];
  materials: NeighbourSummary[];
  properties: NeighbourSummary[];
  other: NeighbourSummary[];
}

export interface TrendResult {
  application?: EntityRef;
  years: Array<{ year: string; patents: number; news: number; total: number; passage?: NumberedPassage }>;
}

const rrfConstant = 60;
const minRelativeTextScore = 0.35;

function toRef(entity: Entity): EntityRef {
  return { id: entity.id, name: entity.name, label: entity.label };
}

function cleanLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const lower = label.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * The chat tools as plain async functions over one turn's citation registry: every passage they
 * return is numbered in the registry, so an answer can cite it as `[n]`. The LangChain tools and the
 * deterministic planner both call these.
 */
export class ChatToolbox {
  readonly registry: CitationRegistry;
  private readonly deps: ChatToolDependencies;
  private readonly productCache = new Map<string, ProductSummary | undefined>();

  constructor(deps: ChatToolDependencies, registry: CitationRegistry) {
    this.deps = deps;
    this.registry = registry;
  }

  private cite(span: PassageSpan): NumberedPassage {
    return { n: this.registry.register(span), span };
  }

  /** Hybrid passage search: full-text, graph expansion through matched entities, and vectors when configured. */
  async searchPassages(input: {
    query: string;
    limit?: number;
    kinds?: string[];
  }): Promise<SearchPassagesResult> {
    const limit = Math.max(1, Math.min(input.limit ?? 6, 20));
    const kinds = input.kinds && input.kinds.length > 0 ? input.kinds : undefined;
    const methods = ['full-text'];
    const [textHits, entityHits] = await Promise.all([
      this.deps.store.searchChunks(input.query, { limit: limit * 3, ...(kinds ? { kinds } : {}) }),
      this.deps.store.searchEntities(input.query, { limit: 6 }),
    ]);
    const topEntityScore = entityHits[0]?.score ?? 0;
    const entities = entityHits
      .filter((hit) => hit.score >= topEntityScore * 0.5)
      .map((hit) => toRef(hit.entity));
    const fused = new Map<
      string,
      { chunk: ReadChunk; focus?: { start: number; end: number }; score: number }
    >();
    const add = (chunk: ReadChunk, rank: number, weight: number, focus?: { start: number; end: number }) => {
      const entry = fused.get(chunk.id) ?? { chunk, score: 0 };
      entry.score += weight / (rrfConstant + rank);
      if (!entry.focus && focus) entry.focus = focus;
      fused.set(chunk.id, entry);
    };
    // Hits far below the best one matched only common words of the query.
    const topTextScore = textHits[0]?.score ?? 0;
    const relevantTextHits = textHits.filter((hit) => hit.score >= topTextScore * minRelativeTextScore);
    relevantTextHits.forEach((hit, rank) => {
      const document = hit.chunk.document;
      const chunk: ReadChunk = {
        id: hit.chunk.id,
        text: hit.chunk.text,
        start: hit.chunk.start,
        end: hit.chunk.end,
        section: hit.chunk.section,
        ...(hit.chunk.page ? { page: hit.chunk.page } : {}),
        document: {
          id: document.id,
          title: document.title,
          kind: document.kind,
          ...(document.number ? { number: document.number } : {}),
          ...(document.url ? { url: document.url } : {}),
          publishedAt: String(document.publishedAt),
        },
      };
      add(chunk, rank, 1, locateQuery(chunk, input.query));
    });
    if (entities.length > 0) {
      methods.push('graph');
      const mentioning = await this.deps.reader.chunksMentioning(
        entities.map((entity) => entity.id),
        { limit: limit * 3, ...(kinds ? { kinds } : {}) },
      );
      mentioning.forEach((hit, rank) => {
        add(hit.chunk, rank, 1, hit.focus);
      });
    }
    if (this.deps.embedder) {
      try {
        const vector = await this.deps.embedder.embedQuery(input.query);
        const nearest = await this.deps.reader.vectorSearch(vector, {
          limit: limit * 3,
          ...(kinds ? { kinds } : {}),
        });
        nearest.forEach((hit, rank) => {
          add(hit.chunk, rank, 1, locateQuery(hit.chunk, input.query));
        });
        methods.push('vector');
      } catch {
        // No vector index yet (nothing embedded) or the provider failed: full-text and graph still answer.
        methods.push('vector-unavailable');
      }
    }
    const ranked = diversify(
      [...fused.values()].sort((a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id)),
    );
    const passages = ranked.slice(0, limit).map((entry) => ({
      ...this.cite(
        spanOfChunk(entry.chunk, entry.focus ?? { start: entry.chunk.start, end: entry.chunk.start }),
      ),
      score: Number(entry.score.toFixed(5)),
    }));
    return { query: input.query, methods, entities, passages };
  }

  /** A catalog product by id, name or alias, with its material, properties and known applications named. */
  async getProduct(reference: string): Promise<ProductSummary | undefined> {
    const key = reference.trim().toLowerCase();
    if (this.productCache.has(key)) return this.productCache.get(key);
    const product = await this.deps.products.findProduct(reference);
    const summary = product ? await this.summarise(product) : undefined;
    this.productCache.set(key, summary);
    return summary;
  }

  private async entityRef(id: string, label: string): Promise<EntityRef> {
    const entity = await this.deps.store.getEntity(id);
    return entity ? toRef(entity) : { id, name: nameFromEntityId(id), label };
  }

  private async summarise(product: Product): Promise<ProductSummary> {
    const [material, properties, knownApplications] = await Promise.all([
      this.entityRef(product.materialId, 'Material'),
      Promise.all(product.properties.map((id) => this.entityRef(id, 'Property'))),
      Promise.all(product.knownApplications.map((id) => this.entityRef(id, 'Application'))),
    ]);
    return {
      id: product.id,
      name: product.name,
      aliases: product.aliases,
      owner: product.owner,
      ...(product.description ? { description: product.description } : {}),
      material,
      properties,
      knownApplications,
    };
  }

  /** Resolves an id, a product or a name to an entity (optionally of one label). */
  async resolveEntity(reference: string, label?: string): Promise<EntityRef | undefined> {
    const text = reference.trim();
    if (!text) return undefined;
    const wanted = cleanLabel(label);
    if (/^[a-z]+:[^\s]+$/i.test(text)) {
      const entity = await this.deps.store.getEntity(text);
      if (entity && (!wanted || entity.label === wanted)) return toRef(entity);
    }
    if (wanted) {
      const byId = await this.deps.store.getEntity(toEntityId(wanted.toLowerCase(), text));
      if (byId && byId.label === wanted) return toRef(byId);
    }
    const hits = await this.deps.store.searchEntities(text, {
      limit: 8,
      ...(wanted ? { label: wanted } : {}),
    });
    const lower = text.toLowerCase();
    const exact = hits.find(
      (hit) =>
        hit.entity.name.toLowerCase() === lower ||
        hit.entity.aliases.some((alias) => alias.toLowerCase() === lower),
    );
    const best = exact ?? hits[0];
    return best ? toRef(best.entity) : undefined;
  }

  /** A product's materials when `reference` names a product; otherwise the material it names. */
  private async materialsOf(
    reference: string,
  ): Promise<{ product?: ProductSummary; material?: EntityRef; materialIds: string[] }> {
    const product = await this.getProduct(reference);
    if (product) {
      const full = await this.deps.products.getProduct(product.id);
      const ids = [...new Set([product.material.id, ...(full?.materialIds ?? [])])];
      return { product, material: product.material, materialIds: ids };
    }
    const material = await this.resolveEntity(reference, 'Material');
    return material ? { material, materialIds: [material.id] } : { materialIds: [] };
  }

  private summariseSuggestion(suggestion: StoredSuggestion): SuggestionSummary {
    return {
      id: suggestion.id,
      ...(suggestion.rank ? { rank: suggestion.rank } : {}),
      applicationId: suggestion.applicationId,
      applicationName: suggestion.applicationName,
      score: suggestion.score,
      status: suggestion.status,
      rationale: suggestion.rationale,
      components: suggestion.components,
      passages: suggestion.citations.map((citation) => this.cite(spanOfStoredCitation(citation))),
    };
  }

  /**
   * Ranked suggestions of a product as stored: never computed here (tools only read). Says when they are
   * missing or older than documents ingested since, and how to recompute them.
   */
  async listSuggestions(input: { product: string; limit?: number }): Promise<ListSuggestionsResult> {
    const limit = Math.max(1, Math.min(input.limit ?? 5, 20));
    const product = await this.getProduct(input.product);
    if (!product) return { freshness: { stale: false }, suggestions: [] };
    const stored = await this.deps.suggestions.listSuggestions(product.id, { limit });
    const current = stored.filter((suggestion) => suggestion.status !== 'rejected');
    return {
      product,
      freshness: await this.suggestionsFreshness(product),
      suggestions: current.map((suggestion) => this.summariseSuggestion(suggestion)),
    };
  }

  private async suggestionsFreshness(product: ProductSummary): Promise<SuggestionsFreshness> {
    if (!this.deps.freshness) return { stale: false };
    const read = await this.deps.freshness.readFreshness(product.id);
    const recompute = `recompute with \`matscout suggest ${product.name}\``;
    if (!read.computedAt) {
      return {
        ...read,
        stale: true,
        note: `No suggestions have been computed for ${product.name} yet; compute them with \`matscout suggest ${product.name}\`.`,
      };
    }
    if (read.newerDocuments > 0) {
      const documents =
        read.newerDocuments === 1 ? '1 newer document was' : `${read.newerDocuments} newer documents were`;
      return {
        ...read,
        stale: true,
        note: `Suggestions were computed at ${read.computedAt}, before ${documents} ingested; ${recompute}.`,
      };
    }
    return { ...read, stale: false };
  }

  /** A suggestion (by id, or by product and application) with its rationale, components and evidence. */
  async explainSuggestion(input: {
    suggestionId?: string;
    product?: string;
    application?: string;
  }): Promise<ExplainSuggestionResult> {
    let suggestion: StoredSuggestion | undefined;
    let product: ProductSummary | undefined;
    if (input.suggestionId) suggestion = await this.deps.suggestions.getSuggestion(input.suggestionId);
    if (!suggestion && input.product) {
      product = await this.getProduct(input.product);
      if (product && input.application) {
        const application = await this.resolveEntity(input.application, 'Application');
        const wanted = input.application.trim().toLowerCase();
        const listed = await this.deps.suggestions.listSuggestions(product.id, { limit: 100 });
        suggestion = listed.find(
          (candidate) =>
            candidate.applicationId === application?.id ||
            candidate.applicationId === input.application ||
            candidate.applicationName.toLowerCase() === wanted,
        );
      }
    }
    if (suggestion && !product) product = await this.getProduct(suggestion.productId);
    const summary = suggestion ? this.summariseSuggestion(suggestion) : undefined;
    const applicationRef = suggestion?.applicationId ?? input.application;
    const productRef = product?.id ?? input.product;
    const evidence =
      applicationRef && productRef
        ? await this.getEvidence({ material: productRef, application: applicationRef, limit: 4 })
        : undefined;
    return {
      ...(product ? { product } : {}),
      ...(summary ? { suggestion: summary } : {}),
      ...(evidence ? { evidence } : {}),
    };
  }

  /** Passages linking a material (or a product's materials) with an application. */
  async getEvidence(input: {
    material: string;
    application: string;
    limit?: number;
  }): Promise<EvidenceResult> {
    const limit = Math.max(1, Math.min(input.limit ?? 5, 20));
    const [{ product, material, materialIds }, application] = await Promise.all([
      this.materialsOf(input.material),
      this.resolveEntity(input.application, 'Application'),
    ]);
    const base = {
      ...(product ? { product } : {}),
      ...(material ? { material } : {}),
      ...(application ? { application } : {}),
    };
    if (!application || materialIds.length === 0) return { ...base, basis: 'none', passages: [] };
    const facts = await this.deps.reader.usedInEvidence(materialIds, application.id, limit);
    if (facts.length > 0)
      return { ...base, basis: 'used-in-fact', passages: facts.map((span) => this.cite(span)) };
    const coMentions = await this.deps.reader.coMentionEvidence(materialIds, application.id, limit);
    return {
      ...base,
      basis: coMentions.length > 0 ? 'co-mention' : 'none',
      passages: coMentions.map((span) => this.cite(span)),
    };
  }

  /** An entity's (or a product material's) linked applications, materials and properties with document counts. */
  async entityNeighbourhood(input: { entity: string; limit?: number }): Promise<NeighbourhoodResult> {
    const limit = Math.max(1, Math.min(input.limit ?? 12, 50));
    const product = await this.getProduct(input.entity);
    const entity = product ? product.material : await this.resolveEntity(input.entity);
    const empty: NeighbourhoodResult = {
      mentions: {},
      applications: [],
      materials: [],
      properties: [],
      other: [],
    };
    if (!entity) return { ...empty, ...(product ? { product } : {}) };
    const [links, mentions] = await Promise.all([
      this.deps.reader.neighbourhood(entity.id, limit * 3),
      this.deps.reader.mentionCounts(entity.id),
    ]);
    const result: NeighbourhoodResult = { ...empty, entity, mentions, ...(product ? { product } : {}) };
    const groups: Record<string, NeighbourSummary[]> = {
      Application: result.applications,
      Material: result.materials,
      Property: result.properties,
    };
    for (const link of links) {
      const group = groups[link.label] ?? result.other;
      if (group.length >= limit) continue;
      group.push(this.summariseLink(link));
    }
    return result;
  }

  private summariseLink(link: NeighbourLink): NeighbourSummary {
    return {
      id: link.id,
      name: link.name,
      label: link.label,
      relation: link.role === 'subject' ? link.type : `${link.type} (inverse)`,
      documents: link.documents,
      ...(link.lastSeen ? { lastSeen: link.lastSeen } : {}),
      ...(link.evidence ? { passage: this.cite(link.evidence) } : {}),
    };
  }

  /** Documents mentioning an application per year, patents vs news, with an example passage per year. */
  async applicationTrend(input: { application: string }): Promise<TrendResult> {
    const application = await this.resolveEntity(input.application, 'Application');
    if (!application) return { years: [] };
    const years = await this.deps.reader.applicationTrend(application.id);
    return {
      application,
      years: years.map((year) => ({
        year: year.year,
        patents: year.patents,
        news: year.news,
        total: year.total,
        ...(year.example ? { passage: this.cite(year.example) } : {}),
      })),
    };
  }

  /** Products whose id, name or alias the text names as a whole word, longest match first. */
  async productsNamedIn(text: string): Promise<ProductSummary[]> {
    const products = await this.deps.products.listProducts({ limit: 1000 });
    const lower = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}:-]+/gu, ' ')} `;
    const found: Array<{ product: Product; at: number; length: number }> = [];
    for (const product of products) {
      const names = [product.name, product.id, product.id.replace(/^product:/, ''), ...product.aliases];
      let best: { at: number; length: number } | undefined;
      for (const name of names) {
        const key = name
          .toLowerCase()
          .replace(/[^\p{L}\p{N}:-]+/gu, ' ')
          .trim();
        if (key.length < 2) continue;
        const at = lower.indexOf(` ${key} `);
        if (at >= 0 && (!best || key.length > best.length)) best = { at, length: key.length };
      }
      if (best) found.push({ product, ...best });
    }
    found.sort((a, b) => a.at - b.at || b.length - a.length);
    const summaries: ProductSummary[] = [];
    for (const { product } of found) summaries.push(await this.summarise(product));
    return summaries;
  }
}

/** At most two passages per document, and a title only when nothing else of its document was found. */
function diversify<T extends { chunk: ReadChunk }>(ranked: T[]): T[] {
  const withBody = new Set(
    ranked.filter((entry) => entry.chunk.section !== 'title').map((entry) => entry.chunk.document.id),
  );
  const perDocument = new Map<string, number>();
  return ranked.filter((entry) => {
    const documentId = entry.chunk.document.id;
    if (entry.chunk.section === 'title' && withBody.has(documentId)) return false;
    const count = perDocument.get(documentId) ?? 0;
    perDocument.set(documentId, count + 1);
    return count < 2;
  });
}

function spanOfStoredCitation(citation: StoredCitation): PassageSpan {
  return {
    chunkId: citation.chunkId,
    section: citation.section as PassageSpan['section'],
    ...(citation.page === undefined || citation.page === null ? {} : { page: citation.page }),
    start: citation.start,
    end: citation.end,
    quote: citation.quote,
    document: {
      id: citation.document.id,
      title: citation.document.title,
      kind: citation.document.kind as PassageSpan['document']['kind'],
      ...(citation.document.number ? { number: citation.document.number } : {}),
      ...(citation.document.url ? { url: citation.document.url } : {}),
      publishedAt: String(citation.document.publishedAt),
    },
  };
}
