import type { SuggestionFreshness } from '../../graph/index.ts';
import type { NumberedPassage } from './passage-format.ts';

/** What the chat tools return: plain records whose passages are numbered in the turn's registry. */

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

export interface MaterialUse extends EntityRef {
  /** Documents with a sentence that links the material to this application. */
  documents: number;
  passage?: NumberedPassage;
}

export interface MaterialUsesResult {
  material?: EntityRef;
  /** False when no name or alias of the material is the reference (the nearest entity was taken). */
  nameMatched?: boolean;
  /** Set when the reference named a catalog product (its material is answered about). */
  product?: ProductSummary;
  /** Applications the documents already link the material to, most documents first. */
  usedIn: MaterialUse[];
  /** New applications for the material, ranked in memory (never saved). */
  suggestions: SuggestionSummary[];
}

/** An organisation with its document count, years and one cited passage. */
export interface OrganizationCount {
  id: string;
  name: string;
  documents: number;
  firstYear?: string;
  lastYear?: string;
  passage?: NumberedPassage;
}

export interface LandscapeResult {
  entity?: EntityRef;
  product?: ProductSummary;
  /** Documents mentioning the entity, by kind. */
  documents: Record<string, number>;
  patentsWithoutAssignee: number;
  /** Top patent assignees (normalised organisations), most patents first. */
  assignees: OrganizationCount[];
  /** Organisations named in news items about the entity, most items first. */
  newsOrganizations: OrganizationCount[];
  /** Organisations documents say make or supply it (PRODUCES / SUPPLIES facts). */
  producers: OrganizationCount[];
  /** Inventors of the patents that name no assignee. */
  inventors: OrganizationCount[];
}

export interface TrendsResult {
  label: 'Application' | 'Material';
  kinds: string[];
  window: number;
  recentWindow: { from: number; to: number };
  previousWindow: { from: number; to: number };
  datedDocuments: number;
  /** Documents without a date: never counted in a window, reported here. */
  undatedDocuments: number;
  ranked: Array<{
    id: string;
    name: string;
    recent: number;
    previous: number;
    growth: number;
    undated: number;
    years: Array<{ year: string; documents: number }>;
    passage?: NumberedPassage;
  }>;
}

export interface RequirementsResult {
  application?: EntityRef;
  properties: Array<{
    id: string;
    name: string;
    documents: number;
    values: Array<{ value: number; unit?: string }>;
    passages: NumberedPassage[];
    /** Catalog products that have the property. */
    products: Array<{ id: string; name: string }>;
  }>;
  /**
   * Only when no document states a requirement: properties the documents name next to the application
   * (not requirements; the passages say how they relate).
   */
  namedWith?: RequirementsResult['properties'];
}

export interface YearlyCountsResult {
  entity?: EntityRef;
  product?: ProductSummary;
  kinds: string[];
  years: Array<{ year: string; patents: number; news: number; total: number; passage?: NumberedPassage }>;
  undated: { patents: number; news: number; total: number };
  total: { patents: number; news: number; total: number };
}

export interface CompetitorsResult {
  material?: EntityRef;
  product?: ProductSummary;
  application?: EntityRef;
  competitors: Array<{
    id: string;
    name: string;
    documents: number;
    applications: Array<{ id: string; name: string; documents: number }>;
    passage?: NumberedPassage;
  }>;
}

export interface ComparisonSide {
  label: string;
  entity?: EntityRef;
  product?: ProductSummary;
  mentions: Record<string, number>;
  /** Applications by USED_IN evidence (supporting facts only), most documents first, one passage each. */
  applications: Array<{ id: string; name: string; documents: number; passage?: NumberedPassage }>;
  /** Properties stated of it (HAS_PROPERTY facts), one passage each. */
  properties: Array<{ id: string; name: string; documents: number; passage?: NumberedPassage }>;
  /** Top assignees of the patents that mention it. */
  assignees: OrganizationCount[];
}

export interface ComparisonResult {
  sides: ComparisonSide[];
  /** Applications both are used in. */
  sharedApplications: Array<{ id: string; name: string; passages: NumberedPassage[] }>;
}
