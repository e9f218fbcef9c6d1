import type {
  AnalyticsReader,
  ChatGraphReader,
  GraphStore,
  NeighbourLink,
  PassageSpan,
  ProductStore,
  StoredSuggestion,
  SuggestionFreshnessReader,
  SuggestionStore,
} from '../../graph/index.ts';
import type { MaterialSuggestions } from '../suggest/material-suggestions.ts';
import { AggregateTools } from './aggregate-tools.ts';
import type {
  ComparisonResult,
  CompetitorsResult,
  EntityRef,
  EvidenceResult,
  ExplainSuggestionResult,
  LandscapeResult,
  ListSuggestionsResult,
  MaterialUsesResult,
  NeighbourhoodResult,
  NeighbourSummary,
  ProductSummary,
  RequirementsResult,
  SearchPassagesResult,
  SuggestionSummary,
  SuggestionsFreshness,
  TrendResult,
  TrendsResult,
  YearlyCountsResult,
} from './chat-tool-results.ts';
import type { CitationRegistry } from './citation-registry.ts';
import type { Embedder } from './embedder.ts';
import { EntityResolver } from './entity-resolver.ts';
import { searchPassageSpans } from './hybrid-passage-search.ts';
import { type NumberedPassage, spanOfChunk } from './passage-format.ts';
import { ProductSummaries } from './product-summaries.ts';

/** The suggestion reads the chat needs (Neo4jSuggestionStore implements them). */
export type SuggestionReader = Pick<SuggestionStore, 'listSuggestions' | 'getSuggestion'>;

/** What the tools read from: every tool only reads (READ transactions); none computes or stores anything. */
export interface ChatToolDependencies {
  store: GraphStore;
  reader: ChatGraphReader;
  products: ProductStore;
  suggestions: SuggestionReader;
  /** Answers material_uses for any material (read-only: ranks in memory, never saves). */
  materialSuggestions?: Pick<MaterialSuggestions, 'forMaterial'>;
  /** Tells list_suggestions when the stored suggestions were computed and what was ingested since. */
  freshness?: SuggestionFreshnessReader;
  /** Adds vector search to search_passages; full-text + graph expansion without it. */
  embedder?: Embedder;
  /** The aggregates (landscape, trends, requirements, yearly counts, competitors, comparison). */
  analytics?: AnalyticsReader;
}

/** Case, punctuation and a plural -s aside: "Boron nitride nanosheets" = "boron nitride nanosheet". */
function nameKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/(?<=\p{L}{3})e?s\b/gu, '');
}

function clamp(value: number | undefined, fallback: number, max: number): number {
  return Math.max(1, Math.min(value ?? fallback, max));
}

/**
 * The chat tools as plain async functions over one turn's citation registry: every passage they
 * return is numbered in the registry, so an answer can cite it as `[n]`. The LangChain tools and the
 * deterministic planner both call these.
 */
export class ChatToolbox {
  readonly registry: CitationRegistry;
  private readonly deps: ChatToolDependencies;
  private readonly entities: EntityResolver;
  private readonly productSummaries: ProductSummaries;
  private readonly aggregates: AggregateTools;

  constructor(deps: ChatToolDependencies, registry: CitationRegistry) {
    this.deps = deps;
    this.registry = registry;
    this.entities = new EntityResolver(deps.store);
    this.productSummaries = new ProductSummaries(deps.products, this.entities);
    this.aggregates = new AggregateTools({
      ...(deps.analytics ? { analytics: deps.analytics } : {}),
      reader: deps.reader,
      entities: this.entities,
      products: this.productSummaries,
      cite: (span) => this.cite(span),
    });
  }

  /** Whether the aggregating tools (landscape, trends, requirements, counts, competitors) are wired. */
  get hasAggregates(): boolean {
    return this.deps.analytics !== undefined;
  }

  /** Entities (optionally of some labels) the text names as a whole phrase, in the order it names them. */
  entitiesNamedIn(text: string, query: string, labels?: readonly string[]): Promise<EntityRef[]> {
    return this.entities.namedIn(text, query, labels);
  }

  /** Top patent assignees (patent counts, first/last years) and news organisations of an entity. */
  landscape(input: { entity: string; limit?: number; exact?: boolean }): Promise<LandscapeResult> {
    return this.aggregates.landscape(input);
  }

  /** Applications (or materials) ranked by growth of dated mentions; undated documents counted apart. */
  trends(input: Parameters<AggregateTools['trends']>[0]): Promise<TrendsResult> {
    return this.aggregates.trends(input);
  }

  /** Properties an application requires, with passages and the catalog products that have them. */
  requirements(input: { application: string; limit?: number; exact?: boolean }): Promise<RequirementsResult> {
    return this.aggregates.requirements(input);
  }

  /** Documents mentioning any entity per year and kind, undated ones apart. */
  yearlyCounts(input: { entity: string; kinds?: string[] }): Promise<YearlyCountsResult> {
    return this.aggregates.yearlyCounts(input);
  }

  /** Materials used in the same applications as a material (or in one application), with evidence. */
  competitors(input: {
    material?: string;
    application?: string;
    limit?: number;
  }): Promise<CompetitorsResult> {
    return this.aggregates.competitors(input);
  }

  /** Two materials or products side by side, with shared applications. */
  compareEntities(input: { left: string; right: string }): Promise<ComparisonResult> {
    return this.aggregates.compare(input);
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
    const kinds = input.kinds && input.kinds.length > 0 ? input.kinds : undefined;
    const found = await searchPassageSpans(this.deps, {
      query: input.query,
      limit: clamp(input.limit, 6, 20),
      ...(kinds ? { kinds } : {}),
    });
    return {
      query: input.query,
      methods: found.methods,
      entities: found.entities,
      passages: found.passages.map(({ span, score }) => ({ ...this.cite(span), score })),
    };
  }

  /** A catalog product by id, name or alias, with its material, properties and known applications named. */
  getProduct(reference: string): Promise<ProductSummary | undefined> {
    return this.productSummaries.find(reference);
  }

  /** Resolves an id, a product or a name to an entity (optionally of one label). */
  resolveEntity(reference: string, label?: string): Promise<EntityRef | undefined> {
    return this.entities.resolve(reference, label);
  }

  /** Products whose id, name or alias the text names as a whole word, longest match first. */
  productsNamedIn(text: string): Promise<ProductSummary[]> {
    return this.productSummaries.namedIn(text);
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
      passages: suggestion.citations.map((citation) => this.cite(citation)),
    };
  }

  /**
   * Ranked suggestions of a product as stored: never computed here (tools only read). Says when they are
   * missing or older than documents ingested since, and how to recompute them.
   */
  async listSuggestions(input: { product: string; limit?: number }): Promise<ListSuggestionsResult> {
    const limit = clamp(input.limit, 5, 20);
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

  /**
   * Where any material in the graph (bundled, catalog, user or mined; a product gives its material) is
   * used, with a passage each, and what else it could be used for. Read-only: the ranking runs in memory.
   */
  async materialUses(input: { material: string; limit?: number }): Promise<MaterialUsesResult> {
    const limit = clamp(input.limit, 5, 20);
    const { product, material } = await this.productSummaries.materialsOf(input.material);
    const base = { ...(product ? { product } : {}), ...(material ? { material } : {}) };
    if (!material) return { ...base, usedIn: [], suggestions: [] };
    const found = this.deps.materialSuggestions
      ? await this.deps.materialSuggestions.forMaterial(material, { top: limit })
      : undefined;
    const usedIn: MaterialUsesResult['usedIn'] = [];
    for (const use of (found?.usedIn ?? []).slice(0, limit)) {
      const [span] = await this.deps.reader.usedInEvidence([material.id], use.id, 1);
      usedIn.push({
        id: use.id,
        name: use.name,
        label: 'Application',
        documents: use.documents,
        ...(span ? { passage: this.cite(span) } : {}),
      });
    }
    const entity = product ? undefined : await this.deps.store.getEntity(material.id);
    const key = nameKey(input.material);
    const nameMatched =
      product !== undefined ||
      material.id === input.material.trim() ||
      [entity?.name ?? material.name, ...(entity?.aliases ?? [])].some((name) => nameKey(name) === key);
    return {
      ...base,
      nameMatched,
      usedIn,
      suggestions: (found?.suggestions ?? []).map((suggestion) => this.summariseSuggestion(suggestion)),
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
    const limit = clamp(input.limit, 5, 20);
    const [{ product, material, materialIds }, application] = await Promise.all([
      this.productSummaries.materialsOf(input.material),
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
      passages: coMentions.map(({ chunk, focus }) => this.cite(spanOfChunk(chunk, focus))),
    };
  }

  /** An entity's (or a product material's) linked applications, materials and properties with document counts. */
  async entityNeighbourhood(input: { entity: string; limit?: number }): Promise<NeighbourhoodResult> {
    const limit = clamp(input.limit, 12, 50);
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
        ...(year.example ? { passage: this.cite(spanOfChunk(year.example.chunk, year.example.focus)) } : {}),
      })),
    };
  }
}
