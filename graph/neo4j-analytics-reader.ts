import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type {
  AnalyticsReader,
  Competitor,
  Landscape,
  LandscapeOrganization,
  MaterialProfile,
  RequiredProperty,
  TrendEntry,
  TrendOptions,
  Trends,
  YearlyCounts,
} from './analytics-reader.ts';
import type { FocusedChunk } from './chat-graph-reader.ts';
import type { DocumentKind } from './model.ts';
import * as q from './neo4j-analytics-queries.ts';
import { toChunk, toFocus, toSpan } from './neo4j-chat-graph-reader.ts';
import { readTransaction } from './neo4j-session.ts';

interface RawExample {
  mention: { chunk: Record<string, unknown>; focusStart: unknown; focusEnd: unknown };
  document: Record<string, unknown>;
}

function toExample(raw: RawExample | null | undefined): FocusedChunk | undefined {
  if (!raw?.mention) return undefined;
  return {
    chunk: toChunk(raw.mention.chunk, raw.document),
    focus: toFocus(raw.mention.focusStart, raw.mention.focusEnd),
  };
}

function toOrganization(record: { get(key: string): unknown }): LandscapeOrganization {
  const example = toExample(record.get('example') as RawExample | null);
  const firstYear = record.get('firstYear') as string | null;
  const lastYear = record.get('lastYear') as string | null;
  return {
    id: String(record.get('id')),
    name: String(record.get('name') ?? record.get('id')),
    documents: Number(record.get('documents')),
    ...(firstYear ? { firstYear } : {}),
    ...(lastYear ? { lastYear } : {}),
    ...(example ? { example } : {}),
  };
}

/** AnalyticsReader on Neo4j: every query runs in a READ session. */
/**
 * Widens a span inside its chunk to the sentence(s) around it (at most 300 characters each way), so a
 * passage that names an application and a property reads as a sentence.
 */
function sentenceAround(raw: Record<string, unknown>): Record<string, unknown> {
  if (typeof raw.chunkText !== 'string') return raw;
  const text = raw.chunkText;
  const chunkStart = Number(raw.chunkStart);
  let start = Number(raw.start) - chunkStart;
  let end = Number(raw.end) - chunkStart;
  const floor = Math.max(0, start - 300);
  while (start > floor && !/[.!?;\n]\s$/.test(text.slice(start - 2, start))) start -= 1;
  const ceiling = Math.min(text.length, end + 300);
  while (end < ceiling && !/[.!?;\n]/.test(text.charAt(end - 1))) end += 1;
  while (start < end && /\s/.test(text.charAt(start))) start += 1;
  return { ...raw, start: chunkStart + start, end: chunkStart + end };
}

export class Neo4jAnalyticsReader implements AnalyticsReader {
  private readonly driver: Driver;
  private readonly database: string | undefined;

  constructor(driver: Driver, options: { database?: string } = {}) {
    this.driver = driver;
    this.database = options.database;
  }

  private read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return readTransaction(this.driver, this.database, work);
  }

  async landscape(entityId: string, options: { limit: number }): Promise<Landscape> {
    return this.read(async (tx) => {
      const limit = neo4j.int(options.limit);
      const byKind = await tx.run(q.DOCUMENTS_BY_KIND, { id: entityId });
      const documents: Record<string, number> = {};
      let patentsWithoutAssignee = 0;
      for (const record of byKind.records) {
        documents[String(record.get('kind'))] = Number(record.get('documents'));
        patentsWithoutAssignee += Number(record.get('withoutAssignee'));
      }
      const assignees = await tx.run(q.LANDSCAPE_ASSIGNEES, { id: entityId, limit });
      const news = await tx.run(q.LANDSCAPE_NEWS_ORGANIZATIONS, { id: entityId, limit });
      const producers = await tx.run(q.LANDSCAPE_PRODUCERS, { id: entityId, limit });
      const inventors = await tx.run(q.LANDSCAPE_INVENTORS, { id: entityId, limit });
      return {
        documents,
        patentsWithoutAssignee,
        assignees: assignees.records.map(toOrganization),
        newsOrganizations: news.records.map(toOrganization),
        producers: producers.records.map(toOrganization),
        inventors: inventors.records.map(toOrganization),
      };
    });
  }

  async trends(options: TrendOptions): Promise<Trends> {
    const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : null;
    return this.read(async (tx) => {
      const dates = (await tx.run(q.documentDatesQuery(options.label), { kinds })).records[0];
      const newest = dates?.get('newestYear');
      const until = options.until ?? (newest === null || newest === undefined ? 0 : Number(newest));
      const window = Math.max(1, Math.trunc(options.window));
      const recentWindow = { from: until - window + 1, to: until };
      const previousWindow = { from: until - 2 * window + 1, to: until - window };
      const rows = await tx.run(q.entityYearsQuery(options.label), { kinds, generic: q.genericEntityNames });
      const entries: TrendEntry[] = [];
      for (const record of rows.records) {
        const years = (record.get('years') as unknown[]).map(Number);
        const perYear = new Map<number, number>();
        for (const year of years) perYear.set(year, (perYear.get(year) ?? 0) + 1);
        const inWindow = (from: number, to: number) =>
          years.filter((year) => year >= from && year <= to).length;
        const recent = inWindow(recentWindow.from, recentWindow.to);
        const previous = inWindow(previousWindow.from, previousWindow.to);
        if (recent < options.minimumRecent) continue;
        entries.push({
          id: String(record.get('id')),
          name: String(record.get('name') ?? record.get('id')),
          years: [...perYear.entries()]
            .sort((a, b) => a[0] - b[0])
            .map(([year, documents]) => ({ year: String(year), documents })),
          recent,
          previous,
          growth: (recent + 1) / (previous + 1),
          undated: Number(record.get('undated')),
        });
      }
      entries.sort((a, b) => b.growth - a.growth || b.recent - a.recent || a.name.localeCompare(b.name));
      const ranked = entries.slice(0, Math.max(1, options.limit));
      for (const entry of ranked) {
        const found = await tx.run(q.NEWEST_MENTION_IN_YEARS, {
          id: entry.id,
          kinds,
          from: neo4j.int(recentWindow.from),
          to: neo4j.int(recentWindow.to),
        });
        const record = found.records[0];
        const example = record
          ? toExample({
              mention: record.get('mention') as RawExample['mention'],
              document: record.get('document') as Record<string, unknown>,
            })
          : undefined;
        if (example) entry.example = example;
      }
      return {
        recentWindow,
        previousWindow,
        datedDocuments: Number(dates?.get('dated') ?? 0),
        undatedDocuments: Number(dates?.get('undated') ?? 0),
        ranked,
      };
    });
  }

  async requirements(applicationId: string, options: { limit: number }): Promise<RequiredProperty[]> {
    return this.read(async (tx) => {
      const result = await tx.run(q.APPLICATION_REQUIREMENTS, {
        id: applicationId,
        limit: neo4j.int(options.limit),
        passages: neo4j.int(3),
      });
      return result.records.map((record) => {
        const values = new Map<string, { value: number; unit?: string }>();
        for (const raw of record.get('values') as Array<{ value: unknown; unit: unknown }>) {
          const value = Number(raw.value);
          if (!Number.isFinite(value)) continue;
          const unit = typeof raw.unit === 'string' ? raw.unit : undefined;
          values.set(`${value}|${unit ?? ''}`, { value, ...(unit ? { unit } : {}) });
        }
        return {
          id: String(record.get('id')),
          name: String(record.get('name') ?? record.get('id')),
          documents: Number(record.get('documents')),
          values: [...values.values()],
          passages: (record.get('passages') as Record<string, unknown>[]).map(toSpan),
          products: (record.get('products') as Array<{ id: unknown; name: unknown }>).map((product) => ({
            id: String(product.id),
            name: String(product.name ?? product.id),
          })),
        };
      });
    });
  }

  async propertiesNamedWith(applicationId: string, options: { limit: number }): Promise<RequiredProperty[]> {
    return this.read(async (tx) => {
      const result = await tx.run(q.APPLICATION_PROPERTIES_NAMED_WITH, {
        id: applicationId,
        limit: neo4j.int(options.limit),
        passages: neo4j.int(2),
      });
      return result.records.map((record) => ({
        id: String(record.get('id')),
        name: String(record.get('name') ?? record.get('id')),
        documents: Number(record.get('documents')),
        values: [],
        passages: (record.get('passages') as Record<string, unknown>[]).map((raw) =>
          toSpan(sentenceAround(raw)),
        ),
        products: (record.get('products') as Array<{ id: unknown; name: unknown }>).map((product) => ({
          id: String(product.id),
          name: String(product.name ?? product.id),
        })),
      }));
    });
  }

  async yearlyCounts(entityId: string, options: { kinds?: DocumentKind[] } = {}): Promise<YearlyCounts> {
    const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : null;
    return this.read(async (tx) => {
      const result = await tx.run(q.ENTITY_YEARLY_COUNTS, { id: entityId, kinds });
      const counts: YearlyCounts = { years: [], undated: { patents: 0, news: 0, total: 0 } };
      for (const record of result.records) {
        const patents = Number(record.get('patents'));
        const news = Number(record.get('news'));
        const total = Number(record.get('total'));
        const year = record.get('year') as string | null;
        if (year === null) {
          counts.undated = { patents, news, total };
          continue;
        }
        const example = toExample(record.get('example') as RawExample | null);
        counts.years.push({ year, patents, news, total, ...(example ? { example } : {}) });
      }
      return counts;
    });
  }

  async competitors(options: {
    materialId?: string;
    applicationId?: string;
    limit: number;
  }): Promise<Competitor[]> {
    const materialId = options.materialId ?? null;
    const applicationId = options.applicationId ?? null;
    if (!materialId && !applicationId) return [];
    return this.read(async (tx) => {
      const result = await tx.run(q.COMPETING_MATERIALS, {
        materialId,
        applicationId,
        limit: neo4j.int(options.limit),
        generic: q.genericEntityNames,
      });
      return result.records.map((record) => ({
        id: String(record.get('id')),
        name: String(record.get('name') ?? record.get('id')),
        applications: (record.get('applications') as Array<Record<string, unknown>>).map((application) => ({
          id: String(application.id),
          name: String(application.name ?? application.id),
          documents: Number(application.documents ?? 0),
        })),
        documents: Number(record.get('documents') ?? 0),
      }));
    });
  }

  async materialProfile(materialId: string, options: { limit: number }): Promise<MaterialProfile> {
    return this.read(async (tx) => {
      const result = await tx.run(q.MATERIAL_PROFILE, {
        id: materialId,
        limit: neo4j.int(options.limit),
        generic: q.genericEntityNames,
      });
      const profile: MaterialProfile = { applications: [], properties: [] };
      for (const record of result.records) {
        const evidence = record.get('evidence') as Record<string, unknown> | null;
        const link = {
          id: String(record.get('id')),
          name: String(record.get('name') ?? record.get('id')),
          documents: Number(record.get('documents')),
          ...(evidence ? { evidence: toSpan(evidence) } : {}),
        };
        if (record.get('type') === 'USED_IN') profile.applications.push(link);
        else profile.properties.push(link);
      }
      return profile;
    });
  }
}
