import type { DocumentKind } from '../../../graph/index.ts';

/**
 * Which field of a JSON record holds what. Values may be strings, arrays of strings, or (for
 * `description`/`body`) nested sections `{title, paragraphs[], subsections[]}` as in Pap2Pat.
 */
export interface RecordFields {
  /** Publication number (patents) or record id (reports). */
  number?: string;
  title: string;
  abstract?: string;
  /** An array of claim texts, or one string with all claims. */
  claims?: string;
  body?: string;
  description?: string;
  date: string;
  url?: string;
  kindCode?: string;
  inventors?: string;
  byline?: string;
  language?: string;
}

/** A declared mapping from one JSON record shape to a document. */
export interface RecordMapping {
  name: string;
  kind: DocumentKind;
  /** The mapping applies to a record that has every one of these keys (content decides, not the file name). */
  requiredKeys: string[];
  /** The mapping never applies to a record with one of these keys (a paper has no claims). */
  forbiddenKeys?: string[];
  fields: RecordFields;
  /** Patent office of the numbers when they do not start with one. */
  country?: string;
  /** Kind code when the record has no kind field. */
  defaultKindCode?: string;
  /** Value of ParsedDocument.source. */
  source: string;
}

/**
 * Pap2Pat pairs (`pap2pat_metadata_abstract_claims.jsonl.gz`). Every `patent_id` is an 11-digit US
 * pre-grant publication number (USYYYYNNNNNNN), i.e. an application publication, kind A1. `patent_date`
 * is the dataset's only date (the discovery benchmark uses it as the document date).
 */
export const pap2patPairMapping: RecordMapping = {
  name: 'pap2pat-pair',
  kind: 'patent',
  requiredKeys: ['patent_id', 'patent_title', 'patent_date', 'claims'],
  fields: {
    number: 'patent_id',
    title: 'patent_title',
    abstract: 'abstract',
    claims: 'claims',
    date: 'patent_date',
    inventors: 'inventors',
  },
  country: 'US',
  defaultKindCode: 'A1',
  source: 'pap2pat-jsonl',
};

/** Pap2Pat full patent JSON (`fulltext_sample/<pair>/patent.json.gz`): nested description sections. */
export const pap2patPatentMapping: RecordMapping = {
  name: 'pap2pat-patent',
  kind: 'patent',
  requiredKeys: ['id', 'title', 'date', 'abstract', 'sections', 'claims'],
  fields: {
    number: 'id',
    title: 'title',
    abstract: 'abstract',
    claims: 'claims',
    description: 'sections',
    date: 'date',
    inventors: 'authors',
  },
  country: 'US',
  defaultKindCode: 'A1',
  source: 'pap2pat-json',
};

/** Pap2Pat paper JSON (`paper.json.gz`): the research paper of a pair, stored as a report. */
export const pap2patPaperMapping: RecordMapping = {
  name: 'pap2pat-paper',
  kind: 'report',
  requiredKeys: ['id', 'title', 'date', 'abstract', 'sections'],
  forbiddenKeys: ['claims'],
  fields: {
    number: 'id',
    title: 'title',
    abstract: 'abstract',
    body: 'sections',
    date: 'date',
    byline: 'authors',
  },
  source: 'pap2pat-json',
};

/** Reuters-21578 stories as JSONL (`reut2-chem-subset.jsonl`). */
export const reutersStoryMapping: RecordMapping = {
  name: 'reuters-21578',
  kind: 'news',
  requiredKeys: ['newid', 'date', 'title', 'body'],
  fields: { title: 'title', body: 'body', date: 'date' },
  source: 'reuters-jsonl',
};

/** Built-in mappings, most specific first. */
export const builtInRecordMappings: readonly RecordMapping[] = [
  pap2patPairMapping,
  pap2patPatentMapping,
  pap2patPaperMapping,
  reutersStoryMapping,
];

/** The first mapping whose keys the record has, or undefined. */
export function selectRecordMapping(
  record: Record<string, unknown>,
  mappings: readonly RecordMapping[],
): RecordMapping | undefined {
  return mappings.find(
    (mapping) =>
      mapping.requiredKeys.every((key) => key in record) &&
      !(mapping.forbiddenKeys ?? []).some((key) => key in record),
  );
}
