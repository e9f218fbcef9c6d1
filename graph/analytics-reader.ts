import type { FocusedChunk } from './chat-graph-reader.ts';
import type { DocumentKind, PassageSpan } from './model.ts';

/** An organisation in a landscape: how many documents, the years they span, and one passage. */
export interface LandscapeOrganization {
  id: string;
  name: string;
  /** Patents assigned to it (assignees) or news items naming it (news organisations). */
  documents: number;
  firstYear?: string;
  lastYear?: string;
  /** Its newest document's passage about the entity. */
  example?: FocusedChunk;
}

/** Who works on an entity: top patent assignees and the organisations news about it names. */
export interface Landscape {
  /** Documents mentioning the entity, by kind. */
  documents: Record<string, number>;
  /** Patents that mention the entity and have no assignee link. */
  patentsWithoutAssignee: number;
  assignees: LandscapeOrganization[];
  newsOrganizations: LandscapeOrganization[];
  /** Organisations that documents say make or supply it (PRODUCES / SUPPLIES facts). */
  producers: LandscapeOrganization[];
  /** Inventors of the patents that name no assignee. */
  inventors: LandscapeOrganization[];
}

/** One entity's documents per year in a trend. */
export interface TrendEntry {
  id: string;
  name: string;
  /** Dated documents per year (only years with documents). */
  years: Array<{ year: string; documents: number }>;
  /** Documents in the recent window and in the window before it. */
  recent: number;
  previous: number;
  /** (recent + 1) / (previous + 1): above 1 is growth. */
  growth: number;
  /** Documents mentioning it without a stated date (left out of every count above). */
  undated: number;
  /** The newest mention in the recent window. */
  example?: FocusedChunk;
}

export interface TrendOptions {
  label: 'Application' | 'Material';
  /** Years per window (recent window ends at `until`). */
  window: number;
  /** Last year of the recent window; defaults to the newest year of any dated document counted. */
  until?: number;
  kinds?: DocumentKind[];
  /** Entities with fewer documents in the recent window are left out. */
  minimumRecent: number;
  limit: number;
}

export interface Trends {
  recentWindow: { from: number; to: number };
  previousWindow: { from: number; to: number };
  /** Documents counted (dated) and left out (undated), over all entities of the label. */
  datedDocuments: number;
  undatedDocuments: number;
  ranked: TrendEntry[];
}

/** A property an application requires, with what documents state about it. */
export interface RequiredProperty {
  id: string;
  name: string;
  /** Distinct documents stating the requirement. */
  documents: number;
  /** Values stated with the requirement (e.g. 200 °C). */
  values: Array<{ value: number; unit?: string }>;
  passages: PassageSpan[];
  /** Catalog products that have the property. */
  products: Array<{ id: string; name: string }>;
}

/** Documents mentioning an entity per year and kind; undated ones counted apart. */
export interface YearlyCount {
  year: string;
  patents: number;
  news: number;
  total: number;
  example?: FocusedChunk;
}

export interface YearlyCounts {
  years: YearlyCount[];
  undated: { patents: number; news: number; total: number };
}

/** A material used in the same application(s) as the one asked about. */
export interface Competitor {
  id: string;
  name: string;
  /** Applications both are used in (or the one asked about), with the competitor's document count there. */
  applications: Array<{ id: string; name: string; documents: number }>;
  documents: number;
  /** USED_IN evidence of the competitor in its strongest shared application. */
  evidence?: PassageSpan;
}

/** An entity linked to a material by supported facts, with one evidence span. */
export interface ProfileLink {
  id: string;
  name: string;
  documents: number;
  evidence?: PassageSpan;
}

/** What the documents state of a material: applications it is used in and properties it has. */
export interface MaterialProfile {
  applications: ProfileLink[];
  properties: ProfileLink[];
}

/** Read-only aggregates over the graph for landscape, trend, requirement, count and competitor questions. */
export interface AnalyticsReader {
  landscape(entityId: string, options: { limit: number }): Promise<Landscape>;
  trends(options: TrendOptions): Promise<Trends>;
  requirements(applicationId: string, options: { limit: number }): Promise<RequiredProperty[]>;
  /** Properties named near the application (no stated requirement): each passage is the sentence naming both. */
  propertiesNamedWith(applicationId: string, options: { limit: number }): Promise<RequiredProperty[]>;
  yearlyCounts(entityId: string, options?: { kinds?: DocumentKind[] }): Promise<YearlyCounts>;
  /**
   * Materials used where the material is used (or, with `applicationId` alone, in that application),
   * ranked by shared applications then documents.
   */
  competitors(options: { materialId?: string; applicationId?: string; limit: number }): Promise<Competitor[]>;
  /** Supported USED_IN and HAS_PROPERTY links of a material (at most `limit` of each). */
  materialProfile(materialId: string, options: { limit: number }): Promise<MaterialProfile>;
}
