import type { ManagedTransaction } from 'neo4j-driver';
import {
  type DocumentRetractor,
  type EvidenceWithdrawal,
  emptyRetractionCounts,
  protectedEntityOrigins,
  type RetractedSuggestionRecord,
  type RetractionCounts,
  type RetractionOutcome,
  type RetractionPlan,
  type RetractionRecord,
  type WithdrawnCitation,
} from './document-retraction.ts';
import { recordAuditEvent } from './neo4j-audit-log.ts';
import { candidatesOf, refreshCandidates, refreshUsedInPaths } from './neo4j-document-writes.ts';
import * as q from './neo4j-retraction-queries.ts';
import { Neo4jSessionStore } from './neo4j-session.ts';

type UsedInPair = { subjectId: string; objectId: string };

interface CitingSuggestion {
  id: string;
  productId?: string;
  applicationId?: string;
  status: string;
  reviewed: boolean;
  total: number;
  citations: WithdrawnCitation[];
}

/** Everything a retraction of these documents touches, computed before anything is deleted. */
interface RetractionScope {
  documentIds: string[];
  missing: string[];
  chunkIds: string[];
  mentions: number;
  factIds: string[];
  evidence: number;
  pairs: UsedInPair[];
  fastPathsRemoved: number;
  orphanEntityIds: string[];
  suggestions: CitingSuggestion[];
  productIds: string[];
}

/** Chat messages store citations as JSON; these are the fields a withdrawn one keeps. */
interface StoredMessageCitation {
  n?: number;
  chunkId?: string;
  documentId?: string;
  quote?: string;
  [key: string]: unknown;
}

// Shorter quotes are left in an answer's text: replacing them everywhere could mangle unrelated words.
const minimumRedactedQuoteLength = 20;

const withoutNulls = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null && entry !== undefined)) as T;

async function readScope(tx: ManagedTransaction, requested: string[]): Promise<RetractionScope> {
  const unique = [...new Set(requested)];
  const found = new Set(
    (await tx.run(q.existingDocuments, { ids: unique })).records.map((r) => String(r.get('id'))),
  );
  const ids = unique.filter((id) => found.has(id));
  const missing = unique.filter((id) => !found.has(id));
  const chunkIds = ((await tx.run(q.documentChunks, { ids })).records[0]?.get('chunkIds') ?? []) as string[];
  const mentionRecord = (await tx.run(q.chunkMentions, { chunkIds })).records[0];
  const entityIds = new Set<string>((mentionRecord?.get('entityIds') ?? []) as string[]);
  const facts = (await tx.run(q.doomedFacts, { ids, chunkIds })).records.map((r) => ({
    id: String(r.get('id')),
    type: r.get('type') as string,
    subjectId: r.get('subjectId') as string | null,
    objectId: r.get('objectId') as string | null,
    usedIn: r.get('type') === 'USED_IN' && r.get('subjectIsMaterial') && r.get('objectIsApplication'),
  }));
  const factIds = facts.map((fact) => fact.id);
  for (const fact of facts) {
    if (fact.subjectId) entityIds.add(fact.subjectId);
    if (fact.objectId) entityIds.add(fact.objectId);
  }
  for (const id of ((await tx.run(q.documentEntities, { ids })).records[0]?.get('entityIds') ??
    []) as string[]) {
    entityIds.add(id);
  }
  const pairs = [
    ...new Map(
      facts
        .filter((fact) => fact.usedIn)
        .map((fact) => [
          `${fact.subjectId}|${fact.objectId}`,
          { subjectId: fact.subjectId as string, objectId: fact.objectId as string },
        ]),
    ).values(),
  ];
  const fastPathsRemoved = Number(
    (await tx.run(q.vanishingFastPaths, { pairs, factIds })).records[0]?.get('removed') ?? 0,
  );
  const orphanEntityIds = ((
    await tx.run(q.orphanEntities, {
      entityIds: [...entityIds],
      ids,
      chunkIds,
      factIds,
      protectedOrigins: [...protectedEntityOrigins],
    })
  ).records[0]?.get('entityIds') ?? []) as string[];
  const suggestions = (await tx.run(q.citingSuggestions, { chunkIds })).records.map(
    (r): CitingSuggestion =>
      withoutNulls({
        id: String(r.get('id')),
        productId: r.get('productId') as string | undefined,
        applicationId: r.get('applicationId') as string | undefined,
        status: String(r.get('status') ?? 'new'),
        reviewed: Boolean(r.get('reviewed')),
        total: Number(r.get('total')),
        citations: (r.get('citations') as WithdrawnCitation[]).map((citation) =>
          withoutNulls({ ...citation, document: withoutNulls(citation.document) }),
        ),
      }),
  );
  const productIds = ((
    await tx.run(q.touchedProducts, {
      entityIds: [...entityIds],
      suggestionProductIds: [...new Set(suggestions.flatMap((s) => (s.productId ? [s.productId] : [])))],
      ids,
    })
  ).records[0]?.get('productIds') ?? []) as string[];
  return {
    documentIds: ids,
    missing,
    chunkIds,
    mentions: Number(mentionRecord?.get('mentions') ?? 0),
    factIds,
    evidence: Number((await tx.run(q.chunkEvidence, { chunkIds })).records[0]?.get('evidence') ?? 0),
    pairs,
    fastPathsRemoved,
    orphanEntityIds,
    suggestions,
    productIds: [...productIds].sort(),
  };
}

function countsOf(scope: RetractionScope, messagesRedacted: number): RetractionCounts {
  return {
    ...emptyRetractionCounts(),
    documents: scope.documentIds.length,
    chunks: scope.chunkIds.length,
    mentions: scope.mentions,
    facts: scope.factIds.length,
    evidence: scope.evidence,
    entities: scope.orphanEntityIds.length,
    fastPathsRecomputed: scope.pairs.length,
    fastPathsRemoved: scope.fastPathsRemoved,
    citations: scope.suggestions.reduce((sum, s) => sum + s.citations.length, 0),
    suggestionsMarked: scope.suggestions.filter((s) => s.reviewed).length,
    suggestionsRemoved: scope.suggestions.filter((s) => !s.reviewed && s.citations.length >= s.total).length,
    messagesRedacted,
  };
}

function parseCitations(json: unknown): StoredMessageCitation[] {
  try {
    const parsed = JSON.parse(String(json ?? '[]')) as unknown;
    return Array.isArray(parsed) ? (parsed as StoredMessageCitation[]) : [];
  } catch {
    return [];
  }
}

const citesAny = (citation: StoredMessageCitation, ids: Set<string>, chunkIds: Set<string>) =>
  (citation.documentId !== undefined && ids.has(citation.documentId)) ||
  (citation.chunkId !== undefined && chunkIds.has(citation.chunkId));

/**
 * DocumentRetractor on Neo4j. One document per write transaction: its facts (and facts left without
 * evidence), chunks with their mentions and links, the document (and with it its content hash), USED_IN
 * fast paths recomputed, orphaned entities, suggestion citations (reviewed suggestions marked, unreviewed
 * ones without citations removed), chat citations withdrawn, and the audit event.
 */
export class Neo4jDocumentRetractor extends Neo4jSessionStore implements DocumentRetractor {
  async planRetraction(documentIds: string[]): Promise<RetractionPlan> {
    return this.read(async (tx) => {
      const scope = await readScope(tx, documentIds);
      const ids = new Set(scope.documentIds);
      const chunkIds = new Set(scope.chunkIds);
      let messages = 0;
      if (ids.size > 0) {
        for (const record of (await tx.run(q.messagesWithCitations)).records) {
          if (parseCitations(record.get('citationsJson')).some((c) => citesAny(c, ids, chunkIds)))
            messages += 1;
        }
      }
      return {
        documentIds: scope.documentIds,
        missing: scope.missing,
        counts: countsOf(scope, messages),
        productIds: scope.productIds,
      };
    });
  }

  async retractDocument(
    documentId: string,
    record: RetractionRecord,
  ): Promise<RetractionOutcome | undefined> {
    return this.write(async (tx) => {
      const scope = await readScope(tx, [documentId]);
      if (scope.documentIds.length === 0) return undefined;
      const summary = (await tx.run(q.documentSummary, { documentId })).records[0]?.get('document') as
        | Record<string, unknown>
        | undefined;
      const { chunkIds, factIds } = scope;
      const candidateIds = await candidatesOf(tx, [documentId]);
      if (factIds.length > 0) await tx.run(q.deleteFacts, { factIds });
      if (chunkIds.length > 0) await tx.run(q.deleteChunks, { chunkIds });
      // Mined candidates lose the support this document gave them, as if it had never been ingested.
      await refreshCandidates(tx, candidateIds);
      await tx.run(q.deleteDocument, { documentId });
      if (scope.pairs.length > 0) await tx.run(refreshUsedInPaths, { pairs: scope.pairs });
      if (scope.orphanEntityIds.length > 0)
        await tx.run(q.deleteEntities, { entityIds: scope.orphanEntityIds });

      const suggestions: RetractedSuggestionRecord[] = scope.suggestions.map((s) => ({
        suggestionId: s.id,
        ...(s.productId ? { productId: s.productId } : {}),
        ...(s.applicationId ? { applicationId: s.applicationId } : {}),
        status: s.status,
        reviewed: s.reviewed,
        action: s.reviewed ? 'marked' : s.citations.length >= s.total ? 'removed' : 'kept',
        citations: s.citations,
      }));
      const marked = suggestions.filter((s) => s.action === 'marked');
      if (marked.length > 0) {
        await tx.run(q.markSuggestionsWithdrawn, {
          rows: marked.map((s) => {
            const withdrawal: EvidenceWithdrawal = {
              auditEventId: record.auditEventId,
              at: record.at,
              ...(record.reason ? { reason: record.reason } : {}),
              citationsRemoved: s.citations.length,
            };
            return { id: s.suggestionId, withdrawalJson: JSON.stringify(withdrawal) };
          }),
        });
      }
      const removed = suggestions.filter((s) => s.action === 'removed').map((s) => s.suggestionId);
      if (removed.length > 0) await tx.run(q.deleteSuggestions, { suggestionIds: removed });
      await tx.run(q.forgetEvidenceDocuments, { ids: [documentId] });
      const messagesRedacted = await this.redactMessages(tx, documentId, new Set(chunkIds), record);

      const counts = countsOf(scope, messagesRedacted);
      await recordAuditEvent(tx, {
        id: record.auditEventId,
        type: 'retraction',
        actor: record.actor,
        at: record.at,
        targetId: documentId,
        details: {
          documentId,
          ...withoutNulls(summary ?? {}),
          ...(record.reason ? { reason: record.reason } : {}),
          ...(record.context ?? {}),
          counts,
          removedEntityIds: scope.orphanEntityIds,
          productIds: scope.productIds,
          suggestions,
        },
      });
      return {
        documentId,
        auditEventId: record.auditEventId,
        counts,
        productIds: scope.productIds,
        suggestions,
      };
    });
  }

  async documentIdsOfSource(sourceId: string): Promise<string[]> {
    return this.read(async (tx) =>
      (await tx.run(q.sourceDocuments, { sourceId })).records.map((r) => String(r.get('id'))),
    );
  }

  /** Stored chat citations of the document become `{n, withdrawn, auditEventId}`; long quotes leave the answer text. */
  private async redactMessages(
    tx: ManagedTransaction,
    documentId: string,
    chunkIds: Set<string>,
    record: RetractionRecord,
  ): Promise<number> {
    const ids = new Set([documentId]);
    const rows: { id: string; content: string; citationsJson: string }[] = [];
    for (const message of (await tx.run(q.messagesCitingDocument, { documentId })).records) {
      const citations = parseCitations(message.get('citationsJson'));
      if (!citations.some((c) => citesAny(c, ids, chunkIds))) continue;
      let content = String(message.get('content') ?? '');
      const redacted = citations.map((citation) => {
        if (!citesAny(citation, ids, chunkIds)) return citation;
        const quote = citation.quote?.trim() ?? '';
        if (quote.length >= minimumRedactedQuoteLength) content = content.split(quote).join('[withdrawn]');
        return { n: citation.n, withdrawn: true, auditEventId: record.auditEventId };
      });
      rows.push({ id: String(message.get('id')), content, citationsJson: JSON.stringify(redacted) });
    }
    if (rows.length > 0) await tx.run(q.redactMessages, { rows });
    return rows.length;
  }
}
