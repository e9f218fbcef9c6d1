import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestionViewSchema } from '../../api/api-schemas.ts';
import { deleteAllNodes, type Neo4jGraphStore } from '../../graph/index.ts';
import { openTestStore } from '../support/graph.ts';
import { importSampleCatalog, sampleFiles, seedVocabulary } from '../support/graph-census.ts';
import { type ServedApp, startServedApp } from '../support/served-app.ts';

interface Suggestion {
  id: string;
  applicationId: string;
  applicationName?: string;
  status: string;
  citations: { documentId: string; title: string; quote: string }[];
}

/**
 * The life of a product's suggestions over the real API, as a business unit lives it: documents arrive in
 * batches, suggestions are listed after every run, some are reviewed, more documents arrive. Candidate
 * sets change between runs, which is what once broke the save ("Node … has been deleted in this
 * transaction").
 */
describe('suggestions across ingest, review and more ingest (HTTP, real pipeline, real Neo4j)', () => {
  const store: Neo4jGraphStore = openTestStore();
  let app: ServedApp;
  let inbox: string;
  let productIds: string[] = [];
  const call: ServedApp['call'] = (...args) => app.call(...args);
  const suggestionsOf = async (productId: string, status?: string): Promise<Suggestion[]> => {
    const query = `limit=50${status ? `&status=${status}` : ''}`;
    const listed = await call(
      'GET',
      `/v1/products/${encodeURIComponent(productId)}/suggestions?${query}`,
      'researcher',
    );
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    return listed.body.suggestions as Suggestion[];
  };
  const everyProduct = async () => {
    const all: Record<string, Suggestion[]> = {};
    for (const id of productIds) all[id] = await suggestionsOf(id);
    return all;
  };
  /**
   * Ingests one folder through POST /v1/ingest/runs and waits for the run to finish, and for the
   * re-extraction its promoted terms queue after it (the first one started since): until then the stored documents' mentions of those
   * terms are still arriving, and a suggestion reviewed in between may meet them as evidence it never saw.
   */
  const ingest = async (folder: string) => {
    const started = await call('POST', '/v1/ingest/runs', 'engineer', { source: folder });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.runId as string;
    await expect
      .poll(
        async () =>
          (await call('GET', `/v1/ingest/runs/${encodeURIComponent(runId)}`, 'researcher')).body.status,
        {
          timeout: 60_000,
          interval: 250,
        },
      )
      .toMatch(/^(succeeded|failed|partial)$/);
    const run = (await call('GET', `/v1/ingest/runs/${encodeURIComponent(runId)}`, 'researcher')).body;
    expect(run.status, JSON.stringify(run.errors)).toBe('succeeded');
    if (run.counts.promoted) {
      const reextraction = async () =>
        (
          (await call('GET', '/v1/ingest/runs?limit=50', 'researcher')).body.runs as {
            kind?: string;
            startedAt: string;
            status: string;
          }[]
        ).find((listed) => listed.kind === 're-extract' && listed.startedAt >= run.finishedAt)?.status;
      await expect
        .poll(reextraction, { timeout: 60_000, interval: 250 })
        .toMatch(/^(succeeded|failed|partial)$/);
      expect(await reextraction()).toBe('succeeded');
    }
    return run;
  };
  const batch = async (name: string, files: Record<string, string>) => {
    const folder = path.join(inbox, name);
    await mkdir(folder, { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(folder, file), text);
    return folder;
  };
  const copied = async (name: string, files: string[]) => {
    const folder = path.join(inbox, name);
    await mkdir(folder, { recursive: true });
    for (const file of files) await copyFile(file, path.join(folder, path.basename(file)));
    return folder;
  };

  beforeAll(async () => {
    await deleteAllNodes(store.driver);
    await store.migrate();
    await seedVocabulary(store.driver);
    await importSampleCatalog(store.driver);
    inbox = await mkdtemp(path.join(os.tmpdir(), 'matscout-suggestion-lifecycle-'));
    app = await startServedApp(store, { ingestAllowDir: inbox, keyName: 'lifecycle' });
    const products = await call('GET', '/v1/products?limit=100', 'researcher');
    expect(products.status).toBe(200);
    productIds = (products.body.products as { id: string }[]).map((product) => product.id);
    expect(productIds.length).toBeGreaterThan(5);
  });
  afterAll(async () => {
    await app?.server.close();
    await deleteAllNodes(store.driver);
    await store.migrate();
    await store.close();
    await rm(inbox, { recursive: true, force: true });
  });

  it('every step succeeds, reviews survive, accepted uses are not proposed again, rejected ones only with new evidence', async () => {
    // 1. First documents, then every product's suggestions.
    await ingest(await copied('first', sampleFiles.slice(0, 3)));
    const first = await everyProduct();
    // Three files are little evidence: under the minimum support some products list nothing yet.
    for (const id of productIds) expect(first[id], id).toBeDefined();
    expect(Object.values(first).some((listed) => listed.length > 0)).toBe(true);

    // 2. More documents: some products' candidate sets change.
    await ingest(await copied('second', sampleFiles.slice(3)));
    const second = await everyProduct();
    const changed = productIds.filter(
      (id) =>
        JSON.stringify((first[id] ?? []).map((s) => s.applicationId).sort()) !==
        JSON.stringify((second[id] ?? []).map((s) => s.applicationId).sort()),
    );
    expect(changed.length).toBeGreaterThan(0);
    const dropped = productIds.flatMap((id) => {
      const now = new Set((second[id] ?? []).map((s) => s.applicationId));
      return (first[id] ?? []).filter((s) => !now.has(s.applicationId));
    });
    const added = productIds.flatMap((id) => {
      const before = new Set((first[id] ?? []).map((s) => s.applicationId));
      return (second[id] ?? []).filter((s) => !before.has(s.applicationId));
    });
    expect(dropped.length + added.length).toBeGreaterThan(0);

    // 3. A business unit accepts one suggestion and rejects another.
    // The first product (catalog order) with two new suggestions to review: under the minimum support
    // a product may list fewer after two batches.
    let reviewed = '';
    let listed: Suggestion[] = [];
    for (const id of productIds) {
      listed = await suggestionsOf(id, 'new');
      if (listed.length >= 2) {
        reviewed = id;
        break;
      }
    }
    expect(listed.length).toBeGreaterThanOrEqual(2);
    const [accepted, rejected] = listed as [Suggestion, Suggestion];
    const review = (suggestion: Suggestion, decision: string, comment: string) =>
      call('POST', `/v1/suggestions/${encodeURIComponent(suggestion.id)}/reviews`, 'reviewer', {
        decision,
        comment,
      });
    expect((await review(accepted, 'accept', 'pursue with the optics team')).status).toBe(200);
    expect((await review(rejected, 'reject', 'not our market')).status).toBe(200);

    // 4. Another document that says nothing new about either application: both stay as reviewed.
    await ingest(
      await batch('third', {
        'tpx-molds.md': `# TPX film for LED molding

NAGOYA, March 3, 2026 /Sample Wire/ -- A film converter said its poly(4-methyl-1-pentene) release film is used in LED encapsulation molding.
`,
      }),
    );
    const third = await everyProduct();
    for (const id of productIds) expect(third[id], id).toBeDefined();
    const reviewedNew = (await suggestionsOf(reviewed, 'new')).map((s) => s.applicationId);
    expect(reviewedNew).not.toContain(accepted.applicationId);
    expect(reviewedNew).not.toContain(rejected.applicationId);
    expect((await suggestionsOf(reviewed, 'accepted')).map((s) => s.id)).toEqual([accepted.id]);
    expect((await suggestionsOf(reviewed, 'rejected')).map((s) => s.id)).toEqual([rejected.id]);
    const reviewedAgain = await call(
      'GET',
      `/v1/suggestions/${encodeURIComponent(rejected.id)}`,
      'researcher',
    );
    expect(reviewedAgain.body.reviews.map((r: { decision: string }) => r.decision)).toEqual(['reject']);
    // No longer proposed: no place in the ranking (0), which the published schema allows.
    expect(reviewedAgain.body).toMatchObject({ current: false, rank: 0 });
    const parsed = suggestionViewSchema.safeParse(reviewedAgain.body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);

    // 5. New evidence for the rejected application from a document not seen at review: it returns,
    //    still marked rejected (the reviewer sees it again, with the new passage); the accepted one does not.
    const product = (await call('GET', `/v1/products/${encodeURIComponent(reviewed)}`, 'researcher')).body;
    const material = (
      await call(
        'GET',
        `/v1/materials/${encodeURIComponent(product.materialId)}/suggestions?limit=1`,
        'researcher',
      )
    ).body.name as string;
    const materialTitle = material.charAt(0).toUpperCase() + material.slice(1);
    const applicationName = (rejected.applicationName ?? rejected.applicationId.replace('application:', ''))
      .replace(/-/g, ' ')
      .toLowerCase();
    await ingest(
      await batch('fourth', {
        'new-evidence.md': `# ${materialTitle} chosen for ${applicationName}

KOBE, April 9, 2026 /Sample Wire/ -- A device maker said ${material} is used in ${applicationName} for its low moisture uptake.
`,
      }),
    );
    const fourth = await suggestionsOf(reviewed);
    const returned = fourth.find((s) => s.applicationId === rejected.applicationId);
    expect(returned, JSON.stringify(fourth.map((s) => [s.applicationId, s.status]))).toBeDefined();
    expect(returned?.status).toBe('rejected');
    // Cited with the new passage, which names the material and the application.
    const fresh = returned?.citations.filter((c) => c.title.startsWith(`${materialTitle} chosen for`));
    expect(fresh?.length).toBeGreaterThan(0);
    for (const citation of fresh ?? [])
      expect(citation.quote.toLowerCase()).toContain(material.toLowerCase());
    expect((await suggestionsOf(reviewed, 'new')).map((s) => s.applicationId)).not.toContain(
      accepted.applicationId,
    );
  });
});
