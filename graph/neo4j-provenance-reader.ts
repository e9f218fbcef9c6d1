import type { Driver } from 'neo4j-driver';
import type {
  EvidenceWithdrawal,
  RetractedSuggestionRecord,
  WithdrawnCitation,
} from './document-retraction.ts';
import type { CitationRole, CitedDocument, IngestRun, PassageSpan, SectionName } from './model.ts';
import { Neo4jSessionStore, readTransaction } from './neo4j-session.ts';
import { toNumber, withoutNulls } from './neo4j-values.ts';

/** One CITES span, checked against the stored document text; `quote` is the chunk's text at the offsets. */
export interface ProvenanceCitation extends Omit<PassageSpan, 'document'> {
  n: number;
  /**
   * True when the cited document exists, the span lies inside the chunk, and
   * `document.text.slice(start, end) === quote`, checked on the document text read from the graph.
   */
  reproduces: boolean;
  /** Undefined when the chunk's document no longer exists. */
  document?: CitedDocument;
}

export type ProvenanceIngestRun = Pick<IngestRun, 'id' | 'status' | 'startedAt' | 'finishedAt' | 'source'>;

/** A citation a retraction took away: what it pointed at, and the retraction's audit event. */
export interface ProvenanceWithdrawnCitation extends WithdrawnCitation {
  auditEventId: string;
  withdrawnAt: string;
  reason?: string;
}

export interface SuggestionProvenance {
  citations: ProvenanceCitation[];
  /** Citations that retracted documents took away, oldest retraction first (empty when none). */
  withdrawnCitations: ProvenanceWithdrawnCitation[];
  /** Distinct cited documents that exist, in citation order. */
  documents: CitedDocument[];
  /** IngestRun records of those documents (runs without a record are left out). */
  ingestRuns: ProvenanceIngestRun[];
}

export const READ_SUGGESTION_CITATION_SPANS = `
MATCH (s:Suggestion {id: $suggestionId})-[cite:CITES]->(c:Chunk)
OPTIONAL MATCH (c)-[:PART_OF]->(d:Document)
RETURN cite.n AS n, cite.start AS start, cite.end AS end, cite.role AS role,
       c {.id, .text, .start, .end, .section, .page} AS chunk,
       d.id AS documentId
ORDER BY n, chunk.id`;

export const READ_DOCUMENTS_WITH_TEXT = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d {.id, .title, .kind, .number, .url, .publishedAt, .source, .ingestRunId, .text} AS document`;

export const READ_INGEST_RUNS = `
UNWIND $ids AS id
MATCH (r:IngestRun {id: id})
RETURN r {.id, .status, .startedAt, .finishedAt, .source} AS run
ORDER BY r.startedAt`;

export const READ_EVIDENCE_WITHDRAWALS = `
MATCH (s:Suggestion {id: $suggestionId})
UNWIND coalesce(s.evidenceWithdrawnJson, []) AS withdrawal
RETURN withdrawal`;

export const READ_AUDIT_EVENT_DETAILS = `
UNWIND $ids AS id
MATCH (e:AuditEvent {id: id})
RETURN e.id AS id, e.detailsJson AS detailsJson`;

/**
 * Reads the provenance of a suggestion straight from the graph: its CITES spans, the chunks and the
 * documents they belong to (with the text, so every quote is re-checked here, not trusted), and the
 * IngestRun records that brought those documents in.
 */
export async function readSuggestionProvenance(
  driver: Driver,
  suggestionId: string,
  options: { database?: string } = {},
): Promise<SuggestionProvenance> {
  return readTransaction(driver, options.database, async (tx) => {
    const spans = (await tx.run(READ_SUGGESTION_CITATION_SPANS, { suggestionId })).records.map((record) => {
      const chunk = record.get('chunk') as {
        id: string;
        text: string;
        start: unknown;
        end: unknown;
        section: SectionName;
        page?: unknown;
      };
      return {
        n: record.get('n') === null ? undefined : toNumber(record.get('n')),
        start: toNumber(record.get('start')),
        end: toNumber(record.get('end')),
        role: (record.get('role') ?? undefined) as CitationRole | undefined,
        chunk: {
          ...chunk,
          start: toNumber(chunk.start),
          end: toNumber(chunk.end),
          page: chunk.page === null || chunk.page === undefined ? undefined : toNumber(chunk.page),
        },
        documentId: record.get('documentId') as string | null,
      };
    });
    const documentIds = [...new Set(spans.flatMap((span) => (span.documentId ? [span.documentId] : [])))];
    const texts = new Map<string, string>();
    const documents = new Map<string, CitedDocument>();
    for (const record of (await tx.run(READ_DOCUMENTS_WITH_TEXT, { ids: documentIds })).records) {
      const { text, ...document } = record.get('document') as CitedDocument & { text: string };
      texts.set(document.id, text);
      documents.set(document.id, withoutNulls(document));
    }
    const citations = spans.map((span, index): ProvenanceCitation => {
      const { chunk } = span;
      const insideChunk = span.start >= chunk.start && span.end <= chunk.end && span.start <= span.end;
      const quote = insideChunk ? chunk.text.slice(span.start - chunk.start, span.end - chunk.start) : '';
      const document = span.documentId ? documents.get(span.documentId) : undefined;
      const text = span.documentId ? texts.get(span.documentId) : undefined;
      return withoutNulls({
        n: span.n ?? index + 1,
        chunkId: chunk.id,
        start: span.start,
        end: span.end,
        quote,
        section: chunk.section,
        page: chunk.page,
        role: span.role,
        reproduces:
          insideChunk && text !== undefined && quote.length > 0 && text.slice(span.start, span.end) === quote,
        document,
      });
    });
    const cited = documentIds.flatMap((id) => documents.get(id) ?? []);
    const runIds = [
      ...new Set(cited.flatMap((document) => (document.ingestRunId ? [document.ingestRunId] : []))),
    ];
    const ingestRuns = (await tx.run(READ_INGEST_RUNS, { ids: runIds })).records.map((record) =>
      withoutNulls(record.get('run') as ProvenanceIngestRun),
    );
    const withdrawals = (await tx.run(READ_EVIDENCE_WITHDRAWALS, { suggestionId })).records.map(
      (record) => JSON.parse(String(record.get('withdrawal'))) as EvidenceWithdrawal,
    );
    const events = new Map(
      (await tx.run(READ_AUDIT_EVENT_DETAILS, { ids: withdrawals.map((w) => w.auditEventId) })).records.map(
        (record) => [String(record.get('id')), String(record.get('detailsJson') ?? '{}')],
      ),
    );
    const withdrawnCitations = withdrawals.flatMap((withdrawal) => {
      const details = JSON.parse(events.get(withdrawal.auditEventId) ?? '{}') as {
        suggestions?: RetractedSuggestionRecord[];
      };
      const record = details.suggestions?.find((entry) => entry.suggestionId === suggestionId);
      return (record?.citations ?? []).map(
        (citation): ProvenanceWithdrawnCitation => ({
          ...citation,
          auditEventId: withdrawal.auditEventId,
          withdrawnAt: withdrawal.at,
          ...(withdrawal.reason ? { reason: withdrawal.reason } : {}),
        }),
      );
    });
    return { citations, withdrawnCitations, documents: cited, ingestRuns };
  });
}

/** Reads what a suggestion was computed from (see `readSuggestionProvenance`). */
export interface ProvenanceReader {
  readProvenance(suggestionId: string): Promise<SuggestionProvenance>;
}

/** ProvenanceReader on Neo4j: one read transaction per suggestion. */
export class Neo4jProvenanceReader extends Neo4jSessionStore implements ProvenanceReader {
  readProvenance(suggestionId: string): Promise<SuggestionProvenance> {
    return readSuggestionProvenance(this.driver, suggestionId, { database: this.database });
  }
}
