import type {
  AnalyticsReader,
  ChatGraphReader,
  DocumentKind,
  FocusedChunk,
  LandscapeOrganization,
  PassageSpan,
  RequiredProperty,
} from '../../graph/index.ts';
import type {
  ComparisonResult,
  ComparisonSide,
  CompetitorsResult,
  EntityRef,
  LandscapeResult,
  OrganizationCount,
  ProductSummary,
  RequirementsResult,
  TrendsResult,
  YearlyCountsResult,
} from './chat-tool-results.ts';
import type { EntityResolver } from './entity-resolver.ts';
import { type NumberedPassage, spanOfChunk } from './passage-format.ts';
import type { ProductSummaries } from './product-summaries.ts';

/** What the aggregating tools read from, and how they number the passages they return. */
export interface AggregateToolContext {
  analytics?: AnalyticsReader;
  reader: ChatGraphReader;
  entities: EntityResolver;
  products: ProductSummaries;
  cite(span: PassageSpan): NumberedPassage;
}

/** Thrown when the toolbox was built without an analytics reader (a wiring mistake, not user input). */
export class AnalyticsUnavailableError extends Error {
  constructor() {
    super(
      'the aggregating chat tools need an AnalyticsReader (wire Neo4jAnalyticsReader in the composition root)',
    );
    this.name = 'AnalyticsUnavailableError';
  }
}

function clamp(value: number | undefined, fallback: number, max: number): number {
  return Math.max(1, Math.min(Math.trunc(value ?? fallback), max));
}

const documentKinds: readonly DocumentKind[] = ['patent', 'news', 'report'];

function kindsOf(kinds: readonly string[] | undefined): DocumentKind[] {
  return (kinds ?? []).filter((kind): kind is DocumentKind => documentKinds.includes(kind as DocumentKind));
}

/**
 * The aggregating read-only tools: landscape, trends, requirements, yearly counts, competitors and
 * comparison. Each returns numbers with the passages behind them, numbered in the turn's registry.
 */
export class AggregateTools {
  private readonly context: AggregateToolContext;

  constructor(context: AggregateToolContext) {
    this.context = context;
  }

  private get analytics(): AnalyticsReader {
    if (!this.context.analytics) throw new AnalyticsUnavailableError();
    return this.context.analytics;
  }

  private citeFocus(example: FocusedChunk | undefined): NumberedPassage | undefined {
    return example ? this.context.cite(spanOfChunk(example.chunk, example.focus)) : undefined;
  }

  private organization(found: LandscapeOrganization): OrganizationCount {
    const passage = this.citeFocus(found.example);
    return {
      id: found.id,
      name: found.name,
      documents: found.documents,
      ...(found.firstYear ? { firstYear: found.firstYear } : {}),
      ...(found.lastYear ? { lastYear: found.lastYear } : {}),
      ...(passage ? { passage } : {}),
    };
  }

  /** A product (as its material) or any entity, by id, name or alias. */
  async subject(
    reference: string,
    label?: string,
    exact = false,
  ): Promise<{ entity?: EntityRef; product?: ProductSummary }> {
    const product = await this.context.products.find(reference);
    if (product) return { entity: product.material, product };
    const entity = await this.context.entities.resolve(reference, label, { exact });
    return entity ? { entity } : {};
  }

  /** Top patent assignees (with patent counts and first/last years) and news organisations of an entity. */
  async landscape(input: { entity: string; limit?: number; exact?: boolean }): Promise<LandscapeResult> {
    const { entity, product } = await this.subject(input.entity, undefined, input.exact);
    const base = { ...(entity ? { entity } : {}), ...(product ? { product } : {}) };
    if (!entity)
      return {
        ...base,
        documents: {},
        patentsWithoutAssignee: 0,
        assignees: [],
        newsOrganizations: [],
        producers: [],
        inventors: [],
      };
    const found = await this.analytics.landscape(entity.id, { limit: clamp(input.limit, 8, 25) });
    return {
      ...base,
      documents: found.documents,
      patentsWithoutAssignee: found.patentsWithoutAssignee,
      assignees: found.assignees.map((organization) => this.organization(organization)),
      newsOrganizations: found.newsOrganizations.map((organization) => this.organization(organization)),
      producers: found.producers.map((organization) => this.organization(organization)),
      inventors: found.inventors.map((inventor) => this.organization(inventor)),
    };
  }

  /** Applications (or materials) ranked by growth of dated mentions: recent window vs the one before. */
  async trends(input: {
    kind?: 'application' | 'material';
    window?: number;
    kinds?: string[];
    until?: number;
    limit?: number;
    minimumRecent?: number;
  }): Promise<TrendsResult> {
    const label = input.kind === 'material' ? 'Material' : 'Application';
    const window = clamp(input.window, 3, 20);
    const kinds = kindsOf(input.kinds);
    const found = await this.analytics.trends({
      label,
      window,
      kinds,
      limit: clamp(input.limit, 8, 50),
      minimumRecent: Math.max(1, Math.trunc(input.minimumRecent ?? 2)),
      ...(input.until ? { until: input.until } : {}),
    });
    return {
      label,
      kinds,
      window,
      recentWindow: found.recentWindow,
      previousWindow: found.previousWindow,
      datedDocuments: found.datedDocuments,
      undatedDocuments: found.undatedDocuments,
      ranked: found.ranked.map((entry) => {
        const passage = this.citeFocus(entry.example);
        return {
          id: entry.id,
          name: entry.name,
          recent: entry.recent,
          previous: entry.previous,
          growth: entry.growth,
          undated: entry.undated,
          years: entry.years,
          ...(passage ? { passage } : {}),
        };
      }),
    };
  }

  /** Properties an application requires, with the passages that state them and the products that have them. */
  async requirements(input: {
    application: string;
    limit?: number;
    exact?: boolean;
  }): Promise<RequirementsResult> {
    const application = await this.context.entities.resolve(input.application, 'Application', {
      exact: input.exact ?? false,
    });
    if (!application) return { properties: [] };
    const limit = clamp(input.limit, 10, 30);
    const cited = (properties: RequiredProperty[]) =>
      properties.map((property) => ({
        id: property.id,
        name: property.name,
        documents: property.documents,
        values: property.values,
        passages: property.passages.map((span) => this.context.cite(span)),
        products: property.products,
      }));
    const found = await this.analytics.requirements(application.id, { limit });
    if (found.length > 0) return { application, properties: cited(found) };
    const namedWith = await this.analytics.propertiesNamedWith(application.id, { limit });
    return { application, properties: [], ...(namedWith.length > 0 ? { namedWith: cited(namedWith) } : {}) };
  }

  /** Documents mentioning any entity (a product gives its material) per year, by kind; undated apart. */
  async yearlyCounts(input: { entity: string; kinds?: string[] }): Promise<YearlyCountsResult> {
    const { entity, product } = await this.subject(input.entity);
    const kinds = kindsOf(input.kinds);
    const base = { ...(entity ? { entity } : {}), ...(product ? { product } : {}), kinds };
    const zero = { patents: 0, news: 0, total: 0 };
    if (!entity) return { ...base, years: [], undated: zero, total: zero };
    const found = await this.analytics.yearlyCounts(entity.id, kinds.length > 0 ? { kinds } : {});
    const total = { ...found.undated };
    const years = found.years.map((year) => {
      total.patents += year.patents;
      total.news += year.news;
      total.total += year.total;
      const passage = this.citeFocus(year.example);
      return {
        year: year.year,
        patents: year.patents,
        news: year.news,
        total: year.total,
        ...(passage ? { passage } : {}),
      };
    });
    return { ...base, years, undated: found.undated, total };
  }

  /** Materials used in the same applications as a material (or in one application), with evidence. */
  async competitors(input: {
    material?: string;
    application?: string;
    limit?: number;
  }): Promise<CompetitorsResult> {
    const subject = input.material ? await this.subject(input.material, 'Material') : {};
    const material = subject.entity?.label === 'Material' ? subject.entity : undefined;
    const application = input.application
      ? await this.context.entities.resolve(input.application, 'Application')
      : undefined;
    const base = {
      ...(material ? { material } : {}),
      ...(subject.product ? { product: subject.product } : {}),
      ...(application ? { application } : {}),
    };
    if (!material && !application) return { ...base, competitors: [] };
    const found = await this.analytics.competitors({
      ...(material ? { materialId: material.id } : {}),
      ...(application ? { applicationId: application.id } : {}),
      limit: clamp(input.limit, 8, 30),
    });
    const competitors: CompetitorsResult['competitors'] = [];
    for (const competitor of found) {
      const strongest = competitor.applications[0];
      const [span] = strongest
        ? await this.context.reader.usedInEvidence([competitor.id], strongest.id, 1)
        : [];
      competitors.push({
        id: competitor.id,
        name: competitor.name,
        documents: competitor.documents,
        applications: competitor.applications,
        ...(span ? { passage: this.context.cite(span) } : {}),
      });
    }
    return { ...base, competitors };
  }

  private async side(reference: string): Promise<ComparisonSide> {
    const { entity, product } = await this.subject(reference);
    const label = product ? `${product.name} (${product.material.name})` : (entity?.name ?? reference);
    const side: ComparisonSide = {
      label,
      ...(entity ? { entity } : {}),
      ...(product ? { product } : {}),
      mentions: {},
      applications: [],
      properties: [],
      assignees: [],
    };
    if (!entity) return side;
    const [mentions, landscape, profile] = await Promise.all([
      this.context.reader.mentionCounts(entity.id),
      this.analytics.landscape(entity.id, { limit: 3 }),
      entity.label === 'Material'
        ? this.analytics.materialProfile(entity.id, { limit: 6 })
        : Promise.resolve({ applications: [], properties: [] }),
    ]);
    side.mentions = mentions;
    side.assignees = landscape.assignees.map((organization) => this.organization(organization));
    const link = (found: { id: string; name: string; documents: number; evidence?: PassageSpan }) => ({
      id: found.id,
      name: found.name,
      documents: found.documents,
      ...(found.evidence ? { passage: this.context.cite(found.evidence) } : {}),
    });
    side.applications = profile.applications.map(link);
    side.properties = profile.properties.map(link);
    return side;
  }

  /** Two materials or products side by side: documents, applications, properties, assignees, shared uses. */
  async compare(input: { left: string; right: string }): Promise<ComparisonResult> {
    const sides = [await this.side(input.left), await this.side(input.right)];
    const [left, right] = sides as [ComparisonSide, ComparisonSide];
    const rightById = new Map(right.applications.map((application) => [application.id, application]));
    const sharedApplications = left.applications.flatMap((application) => {
      const other = rightById.get(application.id);
      if (!other) return [];
      const passages = [application.passage, other.passage].filter(
        (passage): passage is NumberedPassage => passage !== undefined,
      );
      return [{ id: application.id, name: application.name, passages }];
    });
    return { sides, sharedApplications };
  }
}
