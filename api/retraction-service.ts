import { randomUUID } from 'node:crypto';
import type { SuggestionEngine } from '../agent/index.ts';
import {
  addRetractionCounts,
  type DocumentRetractor,
  emptyRetractionCounts,
  type LeaseStore,
  type ProductStore,
  type RetractionCounts,
  type SourceStore,
} from '../graph/index.ts';

/** Who asks and why; a dry run reports what would go and changes nothing. */
export interface RetractionRequest {
  actor: string;
  reason?: string;
  dryRun?: boolean;
  /** Called after each retracted document (not in a dry run). */
  onProgress?: (progress: { done: number; total: number; documentId: string }) => void;
}

/** What a retraction did, or (dry run) would do. */
export interface RetractionReport {
  dryRun: boolean;
  /** Documents retracted (in a dry run: that would be). */
  documentIds: string[];
  /** Requested ids with no document: already retracted, or never ingested. */
  missing: string[];
  counts: RetractionCounts;
  /** One audit event per retracted document (empty in a dry run). */
  auditEventIds: string[];
  /** Products whose suggestions were recomputed (in a dry run: would be). */
  productIds: string[];
  /** Reviewed suggestions now marked `evidence withdrawn`. */
  suggestionsMarked: string[];
  /** Recomputations that failed after the retraction committed (the retraction itself stands). */
  warnings: string[];
  sourceId?: string;
  /** Whether the declared source itself was removed too. */
  sourceRemoved?: boolean;
}

/** Retracts documents, or everything a declared source ingested, and recomputes affected suggestions. */
export interface RetractionService {
  retractDocuments(documentIds: string[], request: RetractionRequest): Promise<RetractionReport>;
  /** Undefined when there is no such source. */
  retractSource(
    sourceId: string,
    request: RetractionRequest & { removeSource?: boolean },
  ): Promise<RetractionReport | undefined>;
}

/** A run of the source holds its lease: retracting now could race with documents being written. */
export class SourceBusyError extends Error {
  readonly sourceId: string;
  constructor(sourceId: string) {
    super(`source '${sourceId}' is being ingested right now; cancel the run or wait for it, then retract`);
    this.name = 'SourceBusyError';
    this.sourceId = sourceId;
  }
}

export interface RetractionServiceDependencies {
  retractor: DocumentRetractor;
  engine: SuggestionEngine;
  products: ProductStore;
  sources: SourceStore;
  leases: LeaseStore;
  now?: () => Date;
  generateId?: () => string;
  /** Called once documents were retracted (e.g. to mark every product's cached suggestions stale). */
  afterRetraction?: (report: RetractionReport) => void;
  /** Lease time while retracting a source (renewed after each document). */
  sourceLeaseMs?: number;
}

/** The retraction use case on the graph's stores and the shared suggestion engine. */
export function createRetractionService(deps: RetractionServiceDependencies): RetractionService {
  const now = deps.now ?? (() => new Date());
  const generateId = deps.generateId ?? randomUUID;
  const leaseMs = deps.sourceLeaseMs ?? 5 * 60_000;

  const recompute = async (productIds: string[]): Promise<string[]> => {
    const warnings: string[] = [];
    deps.engine.invalidate();
    for (const productId of productIds) {
      try {
        const product = await deps.products.getProduct(productId);
        if (product) await deps.engine.compute(product, { top: 50 });
      } catch (error) {
        warnings.push(
          `suggestions of ${productId} were not recomputed: ${(error as Error).message.split('\n')[0]}`,
        );
      }
    }
    return warnings;
  };

  const retract = async (
    documentIds: string[],
    request: RetractionRequest,
    context: Record<string, unknown>,
    renew?: () => Promise<void>,
  ): Promise<RetractionReport> => {
    const plan = await deps.retractor.planRetraction(documentIds);
    if (request.dryRun) {
      return {
        dryRun: true,
        documentIds: plan.documentIds,
        missing: plan.missing,
        counts: plan.counts,
        auditEventIds: [],
        productIds: plan.productIds,
        suggestionsMarked: [],
        warnings: [],
      };
    }
    const counts = emptyRetractionCounts();
    const retracted: string[] = [];
    const missing = [...plan.missing];
    const auditEventIds: string[] = [];
    const productIds = new Set<string>();
    const marked = new Set<string>();
    const batchId = `retraction:${generateId()}`;
    for (const documentId of plan.documentIds) {
      const outcome = await deps.retractor.retractDocument(documentId, {
        auditEventId: `audit:${generateId()}`,
        actor: request.actor,
        at: now().toISOString(),
        ...(request.reason ? { reason: request.reason } : {}),
        context: { batchId, ...context },
      });
      // Another request retracted it between the plan and now: idempotent, so it is simply gone.
      if (!outcome) {
        missing.push(documentId);
        continue;
      }
      retracted.push(documentId);
      auditEventIds.push(outcome.auditEventId);
      addRetractionCounts(counts, outcome.counts);
      for (const id of outcome.productIds) productIds.add(id);
      for (const suggestion of outcome.suggestions) {
        if (suggestion.action === 'marked') marked.add(suggestion.suggestionId);
      }
      request.onProgress?.({ done: retracted.length, total: plan.documentIds.length, documentId });
      await renew?.();
    }
    const products = [...productIds].sort();
    const report: RetractionReport = {
      dryRun: false,
      documentIds: retracted,
      missing,
      counts,
      auditEventIds,
      productIds: products,
      suggestionsMarked: [...marked].sort(),
      warnings: retracted.length > 0 ? await recompute(products) : [],
    };
    if (retracted.length > 0) deps.afterRetraction?.(report);
    return report;
  };

  return {
    retractDocuments: (documentIds, request) => retract(documentIds, request, {}),

    async retractSource(sourceId, request) {
      const source = await deps.sources.getSource(sourceId);
      if (!source) return undefined;
      const context = { sourceId };
      if (request.dryRun) {
        const report = await retract(await deps.retractor.documentIdsOfSource(sourceId), request, context);
        return { ...report, sourceId, sourceRemoved: false };
      }
      // The same lease a run of this source takes, so no run writes its documents while they go.
      const key = `source:${sourceId}`;
      const holder = `retraction:${generateId()}`;
      if (!(await deps.leases.acquire(key, holder, leaseMs))) throw new SourceBusyError(sourceId);
      try {
        const report = await retract(
          await deps.retractor.documentIdsOfSource(sourceId),
          request,
          context,
          async () => {
            await deps.leases.renew(key, holder, leaseMs);
          },
        );
        // The source's own removal is audited like DELETE /v1/sources/:id without documents.
        const sourceRemoved = request.removeSource
          ? await deps.sources.removeSource(sourceId, {
              id: `audit-${generateId()}`,
              type: 'schedule',
              actor: request.actor,
              at: now().toISOString(),
              targetId: sourceId,
              details: {
                action: 'remove-source',
                name: source.name,
                spec: source.spec,
                retracted: report.documentIds.length,
                ...(request.reason ? { reason: request.reason } : {}),
              },
            })
          : false;
        return { ...report, sourceId, sourceRemoved };
      } finally {
        await deps.leases.release(key, holder).catch(() => undefined);
      }
    },
  };
}
