import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewPageContentSecurityPolicy } from '../../api/routes/review-page-route.ts';
import {
  type ReviewFixture,
  type ReviewTestApp,
  seedReviewFixture,
  startReviewTestApp,
} from './review-fixtures.ts';

/** A clock that advances one second per reading, so review order never depends on timing. */
function steppingClock(startIso: string): () => Date {
  let current = Date.parse(startIso);
  return () => {
    current += 1000;
    return new Date(current);
  };
}

describe('review, suggestion and provenance routes on a real graph', () => {
  let testApp: ReviewTestApp;
  let fixture: ReviewFixture;
  let reviewer: string;
  let researcher: string;
  let reviewerKeyId: string;

  const call = async (path: string, init: { method?: string; key?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (init.key) headers.authorization = `Bearer ${init.key}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${testApp.url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: text ? JSON.parse(text) : undefined,
    };
  };
  const review = (id: string, body: unknown, key = reviewer) =>
    call(`/v1/suggestions/${encodeURIComponent(id)}/reviews`, { method: 'POST', key, body });
  const suggestionId = (name: string) => {
    const found = fixture.suggestions.find((suggestion) => suggestion.applicationId === fixture.app(name));
    if (!found)
      throw new Error(`no suggestion for ${name}: ${fixture.suggestions.map((s) => s.applicationId)}`);
    return found.id;
  };

  beforeAll(async () => {
    testApp = await startReviewTestApp({ now: steppingClock('2026-03-01T09:00:00.000Z') });
    fixture = await seedReviewFixture(testApp);
    const created = await testApp.apiKeyStore.createKey({ role: 'reviewer', name: 'review tester' });
    reviewer = created.key;
    reviewerKeyId = created.apiKey.id;
    researcher = await testApp.keyFor('researcher');
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('seeds suggestions with citations', () => {
    expect(fixture.suggestions.map((s) => s.applicationId)).toEqual(
      expect.arrayContaining([fixture.app('syringes'), fixture.app('vials')]),
    );
  });

  it('GET /v1/suggestions/:id answers the suggestion with citations and an empty history', async () => {
    const id = suggestionId('syringes');
    const response = await call(`/v1/suggestions/${encodeURIComponent(id)}`, { key: researcher });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ id, status: 'new', reviews: [], productId: fixture.product.id });
    expect(response.json.citations.length).toBeGreaterThan(0);
    expect(response.json.citations[0]).toMatchObject({
      n: 1,
      quote: expect.stringContaining(' film is used in '),
    });
  });

  it('accept and reject change the status, persist, and keep the history in order', async () => {
    const syringes = suggestionId('syringes');
    const vials = suggestionId('vials');
    const accepted = await review(syringes, { decision: 'accept', comment: 'Pursue with the medical BU.' });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ id: syringes, status: 'accepted' });
    expect(accepted.json.reviews).toEqual([
      expect.objectContaining({
        decision: 'accept',
        comment: 'Pursue with the medical BU.',
        reviewer: `review tester (${reviewerKeyId})`,
      }),
    ]);
    const rejected = await review(vials, { decision: 'reject', comment: 'Not our market' });
    expect(rejected.json.status).toBe('rejected');
    const deferred = await review(syringes, { decision: 'defer' });
    expect(deferred.json.status).toBe('deferred');

    // Persisted: read back from the graph, not from the response.
    expect((await testApp.suggestionStore.getSuggestion(vials))?.status).toBe('rejected');
    const history = await call(`/v1/suggestions/${encodeURIComponent(syringes)}/reviews`, {
      key: researcher,
    });
    expect(history.status).toBe(200);
    expect(history.json.status).toBe('deferred');
    expect(history.json.reviews.map((r: { decision: string }) => r.decision)).toEqual(['accept', 'defer']);
    expect(history.json.reviews.map((r: { comment: string }) => r.comment)).toEqual([
      'Pursue with the medical BU.',
      '',
    ]);
    const times = history.json.reviews.map((r: { at: string }) => r.at);
    expect([...times].sort()).toEqual(times);
  });

  it('writes one AuditEvent per review', async () => {
    const syringes = suggestionId('syringes');
    const events = await testApp.auditLog.listForTarget(syringes);
    expect(events).toHaveLength(2);
    expect(events.map((event) => event.details.decision)).toEqual(['accept', 'defer']);
    for (const event of events) {
      expect(event).toMatchObject({ type: 'review', actor: reviewerKeyId, targetId: syringes });
    }
    expect(events[0]?.details).toMatchObject({ previousStatus: 'new', status: 'accepted' });
    const { records } = await testApp.store.driver.executeQuery(
      'MATCH (e:AuditEvent {type: $type, targetId: $id}) RETURN count(e) AS n, collect(e.detailsJson)[0] AS json',
      { type: 'review', id: suggestionId('vials') },
    );
    expect(records[0]?.get('n')).toBe(1);
    expect(JSON.parse(records[0]?.get('json'))).toMatchObject({
      decision: 'reject',
      comment: 'Not our market',
    });
  });

  it('provenance lists existing documents and ingest runs, and every citation reproduces', async () => {
    const id = suggestionId('vials');
    const response = await call(`/v1/suggestions/${encodeURIComponent(id)}/provenance`, { key: researcher });
    expect(response.status).toBe(200);
    const provenance = response.json;
    expect(provenance).toMatchObject({
      suggestionId: id,
      engineVersion: expect.stringContaining('matscout-discovery/'),
      scoring: { engine: expect.stringContaining('matscout-discovery/'), components: expect.any(Object) },
      model: 'none',
      promptIds: [],
      allCitationsReproduce: true,
      reviews: [expect.objectContaining({ decision: 'reject' })],
    });
    expect(provenance.scoring.scoringModel?.name).toBeTruthy();
    expect(provenance.citations.length).toBeGreaterThan(0);
    for (const citation of provenance.citations) {
      expect(citation.reproduces).toBe(true);
      const document = await testApp.store.getDocument(citation.document.id);
      expect(document?.text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
    expect(provenance.documents.length).toBeGreaterThan(0);
    for (const document of provenance.documents) {
      expect(await testApp.store.getDocument(document.id)).toBeDefined();
      expect(document.ingestRunId).toBe(fixture.runId);
    }
    expect(provenance.ingestRuns).toEqual([
      {
        id: fixture.runId,
        status: 'succeeded',
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:05.000Z',
        source: 'test/review-fixtures',
      },
    ]);
  });

  it('provenance flags a span that does not reproduce and leaves out a chunk without a document', async () => {
    const id = `suggestion:broken-${fixture.runId}`;
    const good = fixture.suggestions[0]?.citations[0];
    const chunk = await testApp.store.getChunk(good?.chunkId ?? '');
    expect(good && chunk).toBeTruthy();
    // A stale chunk: same text as a real one, but its offsets no longer match the document text.
    await testApp.store.driver.executeQuery(
      `MERGE (s:Suggestion {id: $id})
       SET s.productId = $productId, s.applicationId = $applicationId, s.score = 0.1, s.rank = 99, s.status = 'new',
           s.componentsJson = '{}', s.rationale = 'broken on purpose', s.createdAt = '2026-01-01',
           s.engineVersion = 'test', s.model = 'none', s.promptId = 'none', s.current = false
       WITH s
       MATCH (d:Document {id: $documentId})
       MERGE (stale:Chunk {id: $staleId})
       SET stale.text = $text, stale.start = $chunkStart + 5, stale.end = $chunkEnd + 5, stale.section = 'body'
       MERGE (stale)-[:PART_OF]->(d)
       MERGE (s)-[:CITES {n: 1, start: $start + 5, end: $end + 5}]->(stale)
       MERGE (orphan:Chunk {id: $orphanId}) SET orphan.text = 'no document', orphan.start = 0, orphan.end = 11
       MERGE (s)-[:CITES {n: 2, start: 0, end: 2}]->(orphan)`,
      {
        id,
        productId: fixture.product.id,
        applicationId: fixture.app('vials'),
        documentId: good?.document.id,
        staleId: `${id}#stale`,
        text: chunk?.text,
        chunkStart: chunk?.start,
        chunkEnd: chunk?.end,
        start: good?.start,
        end: good?.end,
        orphanId: `${id}#orphan`,
      },
    );
    try {
      const response = await call(`/v1/suggestions/${encodeURIComponent(id)}/provenance`, {
        key: researcher,
      });
      expect(response.status).toBe(200);
      expect(response.json.allCitationsReproduce).toBe(false);
      expect(response.json.citations.map((c: { reproduces: boolean }) => c.reproduces)).toEqual([
        false,
        false,
      ]);
      expect(response.json.citations[0].quote).toBe(good?.quote);
      expect(response.json.citations[1].document).toBeUndefined();
      expect(response.json.documents.map((d: { id: string }) => d.id)).toEqual([good?.document.id]);
    } finally {
      await testApp.store.driver.executeQuery('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', {
        ids: [id, `${id}#stale`, `${id}#orphan`],
      });
    }
  });

  it('answers 400 for a bad decision or a too-long comment, and for a body that is not JSON', async () => {
    const id = suggestionId('microfluidics');
    const bad = await review(id, { decision: 'maybe', comment: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('decision'),
    });
    const long = await review(id, { decision: 'accept', comment: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.json.error.message).toContain('2000');
    const extra = await review(id, { decision: 'accept', comment: '', status: 'accepted' });
    expect(extra.status).toBe(400);
    const notJson = await fetch(`${testApp.url}/v1/suggestions/${encodeURIComponent(id)}/reviews`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reviewer}`, 'content-type': 'text/plain' },
      body: 'accept',
    });
    expect(notJson.status).toBe(415);
    expect((await testApp.suggestionStore.getSuggestion(id))?.status).toBe('new');
  });

  it('answers 404 for an unknown suggestion on every route', async () => {
    const unknown = encodeURIComponent('suggestion:does-not-exist');
    for (const path of [
      `/v1/suggestions/${unknown}`,
      `/v1/suggestions/${unknown}/reviews`,
      `/v1/suggestions/${unknown}/provenance`,
    ]) {
      const response = await call(path, { key: researcher });
      expect(response.status, path).toBe(404);
      expect(response.json.error.code).toBe('NOT_FOUND');
    }
    const posted = await review('suggestion:does-not-exist', { decision: 'accept', comment: '' });
    expect(posted.status).toBe(404);
    expect(await testApp.auditLog.listForTarget('suggestion:does-not-exist')).toEqual([]);
  });

  it('needs the reviewer role to review and any valid key to read', async () => {
    const id = suggestionId('microfluidics');
    const forbidden = await review(id, { decision: 'accept', comment: '' }, researcher);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.message).toContain("the key has 'researcher'");
    const anonymous = await call(`/v1/suggestions/${encodeURIComponent(id)}`);
    expect(anonymous.status).toBe(401);
    const admin = await review(
      id,
      { decision: 'defer', comment: 'admin may' },
      await testApp.keyFor('admin'),
    );
    expect(admin.json.status).toBe('deferred');
  });

  it('serves the review page with content types and a strict Content-Security-Policy', async () => {
    const page = await fetch(`${testApp.url}/review`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(reviewPageContentSecurityPolicy);
    expect(reviewPageContentSecurityPolicy).toMatch(/^default-src 'self'/);
    const html = await page.text();
    expect(html).toContain('/review/review.js');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${testApp.url}/review/review.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const style = await fetch(`${testApp.url}/review/review.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(style.headers.get('x-content-type-options')).toBe('nosniff');
    const trailingSlash = await fetch(`${testApp.url}/review/`);
    expect(trailingSlash.status).toBe(200);
  });

  it('documents the routes in /openapi.json', async () => {
    const openApi = await call('/openapi.json');
    expect(openApi.status).toBe(200);
    const paths = Object.keys(openApi.json.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/suggestions/{id}',
        '/v1/suggestions/{id}/reviews',
        '/v1/suggestions/{id}/provenance',
        '/review',
      ]),
    );
    expect(openApi.json.paths['/v1/suggestions/{id}/reviews'].post.requestBody).toBeDefined();
  });
});
