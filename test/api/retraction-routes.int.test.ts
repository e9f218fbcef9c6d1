import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAllNodes, Neo4jAuditLog, type Neo4jGraphStore, Neo4jLeaseStore } from '../../graph/index.ts';
import { openTestStore } from '../support/graph.ts';
import { importSampleCatalog, ingestFiles, referencesTo, sampleFiles } from '../support/graph-census.ts';
import { type ServedApp, startServedApp } from '../support/served-app.ts';

interface Citation {
  n: number;
  documentId: string;
  chunkId: string;
}
interface Suggestion {
  id: string;
  applicationId: string;
  applicationName?: string;
  status: string;
  citations: Citation[];
  reviews?: { id: string; decision: string; comment: string }[];
  evidenceWithdrawn?: { auditEventId: string; at: string; reason?: string; citationsRemoved: number };
}

/** Two short press releases of our own, for a declared folder source. */
const sourceReleases: Record<string, string> = {
  'lignin-binders.md': `# Kraft lignin replaces phenol in plywood adhesive

HAMBURG, April 2, 2026 /Sample Wire/ -- A forest products group said it uses kraft lignin in wood adhesive for plywood, replacing part of the phenol.

The lignin-based adhesive meets emission limits for furniture panels.
`,
  'aerogel-insulation.md': `# Silica aerogel blankets insulate battery packs

OSAKA, May 20, 2026 /Sample Wire/ -- A materials start-up said silica aerogel is used in thermal insulation for electric vehicle battery packs.

The aerogel sheets are thinner than foam at the same thermal resistance.
`,
};

describe('DELETE /v1/documents/:id and DELETE /v1/sources/:id?documents=true over a real socket', () => {
  const store: Neo4jGraphStore = openTestStore();
  const auditLog = new Neo4jAuditLog(store.driver);
  let app: ServedApp;
  let inbox: string;
  const call: ServedApp['call'] = (...args) => app.call(...args);
  const documentPath = (id: string) => `/v1/documents/${encodeURIComponent(id)}`;

  beforeAll(async () => {
    await deleteAllNodes(store.driver);
    await store.migrate();
    await ingestFiles(store, sampleFiles);
    await importSampleCatalog(store.driver);
    inbox = await mkdtemp(path.join(os.tmpdir(), 'matscout-retraction-source-'));
    for (const [name, text] of Object.entries(sourceReleases)) await writeFile(path.join(inbox, name), text);
    app = await startServedApp(store, { ingestAllowDir: inbox, keyName: 'retraction' });
  });
  afterAll(async () => {
    await app?.server.close();
    await deleteAllNodes(store.driver);
    await store.migrate();
    await store.close();
    await rm(inbox, { recursive: true, force: true });
  });

  it('retracts a cited document: reviewed suggestion marked, provenance lists what went, chat and lists no longer cite it', async () => {
    const listed = await call('GET', '/v1/products/product%3Aapel/suggestions?limit=20', 'researcher');
    expect(listed.status).toBe(200);
    const suggestions = listed.body.suggestions as Suggestion[];
    const target = suggestions.find((s) => s.citations.length > 0) as Suggestion;
    expect(target).toBeDefined();
    const documentId = (target.citations[0] as Citation).documentId;
    const citedFromDocument = target.citations.filter((c) => c.documentId === documentId).length;

    const reviewed = await call(
      'POST',
      `/v1/suggestions/${encodeURIComponent(target.id)}/reviews`,
      'reviewer',
      {
        decision: 'reject',
        comment: 'not our market',
      },
    );
    expect(reviewed.status).toBe(200);
    const question = `Why is APEL suggested for ${target.applicationName ?? target.applicationId}?`;
    const asked = await call('POST', '/v1/chat', 'researcher', {
      message: question,
      productId: 'product:apel',
    });
    expect(asked.status).toBe(200);
    expect((asked.body.citations as Citation[]).some((c) => c.documentId === documentId)).toBe(true);

    // Roles and unknown ids first: nothing changes.
    expect((await call('DELETE', documentPath(documentId), 'researcher')).status).toBe(403);
    expect((await call('DELETE', documentPath(documentId), 'reviewer')).status).toBe(403);
    const unknown = await call('DELETE', documentPath('news:no-such-document'), 'engineer');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const dry = await call('DELETE', `${documentPath(documentId)}?dryRun=true`, 'engineer');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, documentIds: [documentId], auditEventIds: [] });
    expect(dry.body.counts.suggestionsMarked).toBeGreaterThanOrEqual(1);
    expect((await call('GET', documentPath(documentId), 'researcher')).status).toBe(200);
    expect(await auditLog.listForTarget(documentId)).toEqual([]);

    const retracted = await call('DELETE', documentPath(documentId), 'engineer', {
      reason: 'licence withdrawn',
    });
    expect(retracted.status).toBe(200);
    expect(retracted.body).toMatchObject({
      dryRun: false,
      documentIds: [documentId],
      missing: [],
      warnings: [],
    });
    expect(retracted.body.counts).toEqual(dry.body.counts);
    expect(retracted.body.suggestionsMarked).toContain(target.id);
    expect(retracted.body.productIds).toContain('product:apel');
    const [auditEventId] = retracted.body.auditEventIds as string[];

    expect((await call('GET', documentPath(documentId), 'researcher')).status).toBe(404);
    expect((await call('DELETE', documentPath(documentId), 'engineer')).status).toBe(404);
    const events = await auditLog.listForTarget(documentId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: auditEventId,
      type: 'retraction',
      actor: app.keyIds.engineer,
      details: { reason: 'licence withdrawn', documentId },
    });

    const after = await call('GET', `/v1/suggestions/${encodeURIComponent(target.id)}`, 'researcher');
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('rejected');
    expect(after.body.reviews).toEqual(
      (reviewed.body.reviews as unknown[]).map((review) => expect.objectContaining(review as object)),
    );
    expect(after.body.evidenceWithdrawn).toEqual({
      auditEventId,
      at: events[0]?.at,
      reason: 'licence withdrawn',
      citationsRemoved: citedFromDocument,
    });
    expect((after.body.citations as Citation[]).some((c) => c.documentId === documentId)).toBe(false);

    const provenance = await call(
      'GET',
      `/v1/suggestions/${encodeURIComponent(target.id)}/provenance`,
      'researcher',
    );
    expect(provenance.status).toBe(200);
    expect(provenance.body.withdrawnCitations).toHaveLength(citedFromDocument);
    for (const withdrawn of provenance.body.withdrawnCitations) {
      expect(withdrawn).toMatchObject({
        document: { id: documentId },
        auditEventId,
        reason: 'licence withdrawn',
      });
    }
    expect(provenance.body.evidenceWithdrawn.auditEventId).toBe(auditEventId);
    expect(JSON.stringify(provenance.body.citations)).not.toContain(documentId);
    expect(JSON.stringify(provenance.body.documents)).not.toContain(documentId);

    for (const product of (await call('GET', '/v1/products', 'researcher')).body.products as {
      id: string;
    }[]) {
      const list = await call(
        'GET',
        `/v1/products/${encodeURIComponent(product.id)}/suggestions?limit=100`,
        'researcher',
      );
      expect(JSON.stringify(list.body)).not.toContain(documentId);
    }
    const again = await call('POST', '/v1/chat', 'researcher', {
      message: question,
      productId: 'product:apel',
    });
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.body.citations)).not.toContain(documentId);
    // Stored chat history, suggestion evidence lists, everything but the audit trail: nothing names it.
    expect(await referencesTo(store.driver, documentId)).toEqual([]);
  });

  it('a source with documents=true: dry run first, then its documents and the source go', async () => {
    const declared = await call('POST', '/v1/sources', 'engineer', {
      id: 'licensed-wire',
      type: 'folder',
      path: inbox,
    });
    expect(declared.status).toBe(201);
    const started = await call('POST', '/v1/sources/licensed-wire/runs', 'engineer');
    expect(started.status).toBe(202);
    await expect
      .poll(
        async () => (await call('GET', `/v1/ingest/runs/${started.body.runId}`, 'engineer')).body.status,
        {
          timeout: 60_000,
          interval: 250,
        },
      )
      .toBe('succeeded');
    // The run keeps its source's lease while it recomputes suggestions; retraction takes the same lease.
    const leases = new Neo4jLeaseStore(store.driver);
    await expect
      .poll(() => leases.holder('source:licensed-wire'), { timeout: 60_000, interval: 250 })
      .toBeUndefined();
    const ingested = await store.driver.executeQuery(
      'MATCH (d:Document {ingestRunId: $runId}) RETURN d.id AS id ORDER BY id',
      { runId: started.body.runId },
    );
    const ids = ingested.records.map((r) => String(r.get('id')));
    expect(ids).toHaveLength(2);

    expect((await call('DELETE', '/v1/sources/licensed-wire?documents=true', 'researcher')).status).toBe(403);
    expect((await call('DELETE', '/v1/sources/no-such-source?documents=true', 'engineer')).status).toBe(404);
    const dry = await call('DELETE', '/v1/sources/licensed-wire?documents=true&dryRun=true', 'engineer');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, sourceId: 'licensed-wire', sourceRemoved: false });
    expect([...dry.body.documentIds].sort()).toEqual(ids);
    expect((await call('GET', '/v1/sources/licensed-wire', 'engineer')).status).toBe(200);
    for (const id of ids) expect((await call('GET', documentPath(id), 'researcher')).status).toBe(200);

    const removed = await call(
      'DELETE',
      '/v1/sources/licensed-wire?documents=true&reason=licence%20withdrawn',
      'engineer',
    );
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ dryRun: false, sourceId: 'licensed-wire', sourceRemoved: true });
    expect([...removed.body.documentIds].sort()).toEqual(ids);
    expect(removed.body.counts).toEqual(dry.body.counts);
    expect((await call('GET', '/v1/sources/licensed-wire', 'engineer')).status).toBe(404);
    // The source's own removal is audited as well, with the reason.
    const sourceEvents = await auditLog.listForTarget('licensed-wire');
    expect(
      sourceEvents.map((event) => [event.type, event.details.action, event.details.reason]),
    ).toContainEqual(['schedule', 'remove-source', 'licence withdrawn']);
    for (const id of ids) {
      expect((await call('GET', documentPath(id), 'researcher')).status).toBe(404);
      expect(await referencesTo(store.driver, id)).toEqual([]);
      const events = await auditLog.listForTarget(id);
      expect(events.map((event) => [event.type, event.details.sourceId, event.details.reason])).toEqual([
        ['retraction', 'licensed-wire', 'licence withdrawn'],
      ]);
    }
  });

  it('validates the reason and the dry-run flag, in the query or a JSON body', async () => {
    const path = documentPath('news:whatever');
    const badFlag = await call('DELETE', `${path}?dryRun=maybe`, 'engineer');
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.error.message).toMatch(/dryRun/);
    const emptyReason = await call('DELETE', path, 'engineer', { reason: '  ' });
    expect(emptyReason.status).toBe(400);
    expect(emptyReason.body.error.message).toMatch(/reason must not be empty/);
    const unknownField = await call('DELETE', path, 'engineer', { reasons: 'x' });
    expect(unknownField.status).toBe(400);
    const text = await fetch(`${app.server.url}${path}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${app.keys.engineer}`, 'content-type': 'text/plain' },
      body: 'licence withdrawn',
    });
    expect(text.status).toBe(415);
    const badSourceFlag = await call('DELETE', '/v1/sources/any?documents=yes', 'engineer');
    expect(badSourceFlag.status).toBe(400);
  });

  it('the OpenAPI document describes the retraction routes', async () => {
    const document = (await (await fetch(`${app.server.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string }[]; requestBody?: { required: boolean } }>
      >;
    };
    const retract = document.paths['/v1/documents/{id}']?.delete;
    expect(retract?.parameters?.map((p) => p.name).sort()).toEqual(['dryRun', 'id', 'reason']);
    expect(retract?.requestBody?.required).toBe(false);
    const removeSource = document.paths['/v1/sources/{id}']?.delete;
    expect(removeSource?.parameters?.map((p) => p.name).sort()).toEqual([
      'documents',
      'dryRun',
      'id',
      'reason',
    ]);
  });
});
