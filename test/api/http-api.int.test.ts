import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineRoute } from '../../api/http/route-definition.ts';
import type { ChatService, SuggestionService } from '../../api/ports.ts';
import {
  type Chunk,
  type GraphDocument,
  generateApiKey,
  Neo4jApiKeyStore,
  Neo4jGraphStore,
} from '../../graph/index.ts';
import { uniqueId } from '../support/graph.ts';
import { recordingIngestion, startTestApp, type TestApp } from './api-test-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: responses are arbitrary JSON, asserted field by field.
type Json = any;

/** Every response body seen, checked at the end for stacks and internals. */
const bodies: string[] = [];

async function call(
  app: TestApp,
  route: string,
  options: {
    key?: string;
    method?: string;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; headers: Headers; json: Json; text: string }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${app.url}${route}`, {
    method: options.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
  });
  const text = await response.text();
  bodies.push(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

function expectError(result: { status: number; json: Json }, status: number, code: string, message?: RegExp) {
  expect(result.status).toBe(status);
  expect(result.json).toMatchObject({ error: { code, message: expect.any(String) } });
  if (message) expect(result.json.error.message).toMatch(message);
}

function testDocument(): { document: GraphDocument; chunks: Chunk[] } {
  const id = `news:${uniqueId('doc')}`;
  const title = 'Cyclic olefin copolymer in AR lenses';
  const body =
    'Makers of augmented reality headsets chose a cyclic olefin copolymer for its low birefringence.';
  const text = `${title}\n\n${body}`;
  const document: GraphDocument = {
    id,
    kind: 'news',
    title,
    text,
    url: `https://example.com/${id}`,
    publishedAt: '2025-06-01',
    language: 'en',
    source: 'test',
    contentHash: uniqueId('hash'),
    ingestRunId: 'run-test',
    cpc: [],
    ipc: [],
    assignees: [],
    inventors: [],
  };
  const bodyStart = text.indexOf(body);
  const chunks: Chunk[] = [
    { id: `${id}#0`, documentId: id, text: title, start: 0, end: title.length, section: 'title', index: 0 },
    {
      id: `${id}#1`,
      documentId: id,
      text: body,
      start: bodyStart,
      end: bodyStart + body.length,
      section: 'body',
      index: 1,
    },
  ];
  return { document, chunks };
}

describe('HTTP API over a real socket and Neo4j', () => {
  let app: TestApp;
  let bare: TestApp;
  let ingestRoot: string;
  const aborted: string[] = [];

  const chat: ChatService = {
    async answer(request, { signal, onEvent }) {
      if (request.message === 'slow') {
        // Waits for the client to go away, then records that the signal fired.
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        aborted.push(request.message);
        throw new Error('aborted');
      }
      if (request.message === 'explode') throw new Error('neo4j bolt://10.0.0.1 password=secret exploded');
      const citation = {
        n: 1,
        chunkId: 'c1',
        documentId: 'd1',
        title: 'T',
        kind: 'news' as const,
        publishedAt: '2025-01-01',
        section: 'body' as const,
        start: 0,
        end: 4,
        quote: 'text',
      };
      onEvent?.({ type: 'text-delta', delta: 'COC suits ' });
      onEvent?.({ type: 'text-delta', delta: 'AR lenses [1].' });
      onEvent?.({ type: 'citation', citation });
      return {
        answer: 'COC suits AR lenses [1].',
        citations: [citation],
        conversationId: request.conversationId ?? `conv-${request.principal.id}`,
      };
    },
  };
  const suggestions: SuggestionService = {
    async list(productId, options) {
      return [
        {
          id: `${productId}|application:ar-lens`,
          productId,
          applicationId: 'application:ar-lens',
          applicationName: 'AR lens',
          score: 0.9,
          rank: 1,
          status: options.status ?? 'new',
          components: { evidence: 0.5 },
          rationale: 'documents co-mention it',
          createdAt: '2026-01-01',
          engineVersion: 'test',
          model: 'none',
          promptId: 'none',
          citations: [],
        },
      ].slice(0, options.limit);
    },
  };

  beforeAll(async () => {
    ingestRoot = await mkdtemp(path.join(os.tmpdir(), 'matscout-ingest-root-'));
    await writeFile(path.join(ingestRoot, 'note.md'), '# Note\n\nCOC for lenses.\n');
    const env = { BODY_LIMIT: '2kb', INGEST_PATH_ALLOW_LIST: ingestRoot };
    app = await startTestApp({
      env,
      deps: {
        chat,
        suggestions,
        routes: [
          defineRoute({
            method: 'get',
            path: '/v1/test/explode',
            operationId: 'explode',
            summary: 'throws an unexpected error',
            tags: ['test'],
            access: 'researcher',
            responses: { 200: { description: 'never' } },
            handle: async () => {
              throw new Error('Neo4jError: bolt://10.0.0.1 credentials neo4j/secret');
            },
          }),
        ],
      },
    });
    await app.store.migrate();
    // No chat, suggestions or ingestion: those routes answer 501.
    bare = await startTestApp({ env });
  });
  afterAll(async () => {
    await app?.close();
    await bare?.close();
  });

  it('GET /health answers without a key and sets a request id', async () => {
    const result = await call(app, '/health');
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ status: 'ok' });
    expect(result.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await call(app, '/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
  });

  it('GET /ready is 200 with Neo4j up and 503 without naming the database when it is down', async () => {
    expect((await call(app, '/ready')).json).toEqual({ status: 'ready' });
    // Nothing listens on port 1; a short retry time keeps the driver from retrying for 30 s.
    const deadStore = new Neo4jGraphStore(
      neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'x'), { maxTransactionRetryTime: 200 }),
    );
    const down = await startTestApp({
      deps: {
        ready: () => deadStore.driver.verifyConnectivity().then(() => undefined),
        apiKeyStore: new Neo4jApiKeyStore(deadStore.driver),
      },
    });
    try {
      const result = await call(down, '/ready');
      expectError(result, 503, 'SERVICE_UNAVAILABLE', /graph database does not answer/);
      expect(result.text).not.toMatch(/bolt|127\.0\.0\.1:1|neo4j/i);
      // A request that needs the database while it is down: 503 with Retry-After, not a 500.
      const unavailable = await call(down, '/v1/products', { key: generateApiKey().key });
      expectError(unavailable, 503, 'SERVICE_UNAVAILABLE', /unavailable; retry shortly/);
      expect(unavailable.headers.get('retry-after')).toBe('5');
    } finally {
      await down.close();
      await deadStore.close();
    }
  });

  it('401 without a key, with a malformed or unknown key, and with a revoked key', async () => {
    expectError(await call(app, '/v1/products'), 401, 'UNAUTHORIZED', /missing API key/);
    expectError(await call(app, '/v1/products', { key: 'nonsense' }), 401, 'UNAUTHORIZED', /invalid/);
    const key = await app.keyFor('researcher');
    const unknown = `${key.slice(0, -4)}${key.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const result = await call(app, '/v1/products', { key: unknown });
    expectError(result, 401, 'UNAUTHORIZED');
    expect(result.headers.get('www-authenticate')).toBe('Bearer');
    const { key: revoked, apiKey } = await app.apiKeyStore.createKey({ role: 'admin' });
    expect((await call(app, '/v1/products', { key: revoked })).status).toBe(200);
    await app.apiKeyStore.revokeKey(apiKey.id);
    expectError(await call(app, '/v1/products', { key: revoked }), 401, 'UNAUTHORIZED');
  });

  it('403 names the role a route needs; admin implies every role', async () => {
    const researcher = await app.keyFor('researcher');
    const result = await call(app, '/v1/products', { key: researcher, body: { name: 'x' } });
    expectError(result, 403, 'FORBIDDEN', /requires the 'engineer' role; the key has 'researcher'/);
    const reviewer = await app.keyFor('reviewer');
    expectError(
      await call(app, '/v1/ingest/runs', { key: reviewer, body: { source: ingestRoot } }),
      403,
      'FORBIDDEN',
      /engineer/,
    );
    // Every role may read.
    expect((await call(app, '/v1/products', { key: reviewer })).status).toBe(200);
    const admin = await app.keyFor('admin');
    const created = await call(app, '/v1/products', {
      key: admin,
      body: { name: `Admin product ${uniqueId('a')}`, owner: 'Acme', materialId: 'material:pe' },
    });
    expect(created.status).toBe(200);
  });

  it('400 for malformed JSON, invalid bodies and invalid query parameters, with a readable message', async () => {
    const engineer = await app.keyFor('engineer');
    const malformed = await call(app, '/v1/products', { key: engineer, raw: '{"name": ' });
    expectError(malformed, 400, 'BAD_REQUEST', /malformed JSON/);

    const invalid = await call(app, '/v1/products', {
      key: engineer,
      body: { name: 'No material', owner: 'Acme' },
    });
    expectError(invalid, 400, 'BAD_REQUEST', /no product imported: row 1: materialId is required/);
    expect(invalid.json.error.details.errors).toEqual([
      { row: 1, field: 'materialId', message: 'row 1: materialId is required' },
    ]);

    const notObject = await call(app, '/v1/products', { key: engineer, body: [1, 2] });
    expectError(notObject, 400, 'BAD_REQUEST', /invalid request body: expected a product object/);

    const query = await call(app, '/v1/products?limit=abc', { key: engineer });
    expectError(query, 400, 'BAD_REQUEST', /invalid query parameters: limit: /);
    expect(query.json.error.details.issues[0].path).toBe('limit');

    const chatBody = await call(app, '/v1/chat', { key: engineer, body: { message: '   ' } });
    expectError(chatBody, 400, 'BAD_REQUEST', /message: message must not be empty/);

    const noBody = await call(app, '/v1/chat', { key: engineer, method: 'POST' });
    expectError(noBody, 400, 'BAD_REQUEST', /JSON request body is required/);
    const wrongType = await call(app, '/v1/chat', {
      key: engineer,
      raw: 'message=hi',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectError(wrongType, 415, 'UNSUPPORTED_MEDIA_TYPE', /Content-Type: application\/json/);
  });

  it('413 for a body over the configured limit', async () => {
    const engineer = await app.keyFor('engineer');
    const result = await call(app, '/v1/products', {
      key: engineer,
      body: { name: 'big', owner: 'Acme', materialId: 'material:pe', description: 'x'.repeat(10_000) },
    });
    expectError(result, 413, 'PAYLOAD_TOO_LARGE', /2kb/);
  });

  it('404 JSON for unknown products, documents, chunks, runs and routes', async () => {
    const key = await app.keyFor('researcher');
    expectError(
      await call(app, '/v1/products/product%3Anope', { key }),
      404,
      'NOT_FOUND',
      /product 'product:nope' not found/,
    );
    expectError(await call(app, '/v1/documents/news%3Anope', { key }), 404, 'NOT_FOUND', /document/);
    expectError(await call(app, '/v1/chunks/nope', { key }), 404, 'NOT_FOUND', /chunk/);
    expectError(await call(app, '/v1/ingest/runs/nope', { key }), 404, 'NOT_FOUND', /ingest run/);
    expectError(await call(app, '/v1/nothing-here'), 404, 'NOT_FOUND', /no route for GET \/v1\/nothing-here/);
    const undeclared = await call(app, '/health', { method: 'DELETE' });
    expectError(undeclared, 405, 'METHOD_NOT_ALLOWED', /DELETE is not allowed on \/health/);
    expect(undeclared.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('imports products through the API: valid rows import, bad rows are reported, re-import is unchanged', async () => {
    const engineer = await app.keyFor('engineer');
    const name = `Clear Resin ${uniqueId('r')}`;
    const catalog = {
      owner: 'Acme',
      products: [
        {
          name,
          materialId: 'Cyclic olefin copolymer',
          knownApplications: ['Optical lens'],
          aliases: ['CRX'],
        },
        { name: 'Broken', materialId: '' },
      ],
    };
    const first = await call(app, '/v1/products', { key: engineer, body: catalog });
    expect(first.status).toBe(200);
    const id = first.json.results[0].id as string;
    expect(first.json).toMatchObject({
      results: [{ id, status: 'added' }],
      errors: [{ row: 2, message: 'row 2: materialId is required' }],
      counts: { rows: 2, added: 1, failed: 1 },
    });
    const again = await call(app, '/v1/products', { key: engineer, body: catalog });
    expect(again.json.results).toEqual([{ id, status: 'unchanged' }]);

    const researcher = await app.keyFor('researcher');
    const one = await call(app, `/v1/products/${encodeURIComponent(id)}`, { key: researcher });
    expect(one.json).toMatchObject({
      id,
      name,
      owner: 'Acme',
      materialId: 'material:cyclic-olefin-copolymer',
      knownApplications: ['application:optical-lens'],
    });
    const list = await call(app, '/v1/products?limit=500', { key: researcher });
    expect(list.json.products.some((p: { id: string }) => p.id === id)).toBe(true);
  });

  it('serves documents with their text and chunks whose offsets slice that text', async () => {
    const { document, chunks } = testDocument();
    await app.store.writeDocuments([{ document, chunks, entities: [], mentions: [], facts: [] }]);
    const key = await app.keyFor('researcher');
    const doc = await call(app, `/v1/documents/${encodeURIComponent(document.id)}`, { key });
    expect(doc.status).toBe(200);
    expect(doc.json).toMatchObject({ id: document.id, title: document.title, text: document.text });
    for (const chunk of chunks) {
      const result = await call(app, `/v1/chunks/${encodeURIComponent(chunk.id)}`, { key });
      expect(result.status).toBe(200);
      expect(result.json).toMatchObject({
        id: chunk.id,
        text: chunk.text,
        start: chunk.start,
        end: chunk.end,
        section: chunk.section,
        document: { id: document.id, title: document.title, kind: 'news', publishedAt: '2025-06-01' },
      });
      expect(doc.json.text.slice(result.json.start, result.json.end)).toBe(result.json.text);
    }
  });

  it('starts ingestion runs (202), lists them and refuses paths outside the allowed folders', async () => {
    const withIngestion = await startTestApp({
      env: { INGEST_PATH_ALLOW_LIST: ingestRoot },
      deps: { startIngestion: recordingIngestion(app.store) },
    });
    try {
      const engineer = await withIngestion.keyFor('engineer');
      const started = await call(withIngestion, '/v1/ingest/runs', {
        key: engineer,
        body: { source: { type: 'path', path: path.join(ingestRoot, 'note.md') } },
      });
      expect(started.status).toBe(202);
      const runId = started.json.runId as string;
      expect(started.headers.get('location')).toBe(`/v1/ingest/runs/${encodeURIComponent(runId)}`);
      const run = await call(withIngestion, `/v1/ingest/runs/${encodeURIComponent(runId)}`, {
        key: engineer,
      });
      expect(run.json).toMatchObject({ id: runId, source: path.join(ingestRoot, 'note.md') });
      expect(['queued', 'succeeded']).toContain(run.json.status);
      const runs = await call(withIngestion, '/v1/ingest/runs?limit=500', { key: engineer });
      expect(runs.json.runs.some((r: { id: string }) => r.id === runId)).toBe(true);

      const url = await call(withIngestion, '/v1/ingest/runs', {
        key: engineer,
        body: { source: 'https://example.com/a' },
      });
      expect(url.status).toBe(202);

      // Outside the allowed folders, whether the path exists or not: the same 404, so no existence oracle.
      const outside = await call(withIngestion, '/v1/ingest/runs', {
        key: engineer,
        body: { source: '/etc/passwd' },
      });
      expectError(outside, 404, 'PATH_NOT_FOUND', /is not an existing file or folder inside the allowed/);
      const missingOutside = await call(withIngestion, '/v1/ingest/runs', {
        key: engineer,
        body: { source: '/etc/no-such-file-here' },
      });
      expect(missingOutside.status).toBe(404);
      expect(missingOutside.json.error.message.replace('/etc/no-such-file-here', '/etc/passwd')).toBe(
        outside.json.error.message,
      );
      const missingInside = await call(withIngestion, '/v1/ingest/runs', {
        key: engineer,
        body: { source: path.join(ingestRoot, 'no-such-note.md') },
      });
      expectError(
        missingInside,
        404,
        'PATH_NOT_FOUND',
        /is not an existing file or folder inside the allowed/,
      );
      expectError(
        await call(withIngestion, '/v1/ingest/runs', {
          key: engineer,
          body: { source: `${ingestRoot}/../../etc` },
        }),
        404,
        'PATH_NOT_FOUND',
      );
      // Neither an http(s) URL nor an allowed path.
      expectError(
        await call(withIngestion, '/v1/ingest/runs', {
          key: engineer,
          body: { source: 'ftp://example.com/x' },
        }),
        404,
        'PATH_NOT_FOUND',
      );
      expectError(
        await call(withIngestion, '/v1/ingest/runs', {
          key: engineer,
          body: { source: { type: 'url', url: 'file:///etc/passwd' } },
        }),
        400,
        'BAD_REQUEST',
      );
    } finally {
      await withIngestion.close();
    }
    const engineer = await bare.keyFor('engineer');
    expectError(
      await call(bare, '/v1/ingest/runs', { key: engineer, body: { source: ingestRoot } }),
      501,
      'NOT_IMPLEMENTED',
    );
  });

  it('answers 501 for chat and suggestions when those services are not configured', async () => {
    const key = await bare.keyFor('researcher');
    expectError(
      await call(bare, '/v1/chat', { key, body: { message: 'hi' } }),
      501,
      'NOT_IMPLEMENTED',
      /chat/,
    );
    expectError(await call(bare, '/v1/products/product%3Aapel/suggestions', { key }), 501, 'NOT_IMPLEMENTED');
    const engineer = await bare.keyFor('engineer');
    expectError(
      await call(bare, '/v1/documents/news%3Aany', { key: engineer, method: 'DELETE' }),
      501,
      'NOT_IMPLEMENTED',
      /retraction/,
    );
  });

  it('POST /v1/chat answers JSON, or SSE events text-delta, citation, done', async () => {
    const key = await app.keyFor('researcher');
    const json = await call(app, '/v1/chat', { key, body: { message: 'Which resin for AR lenses?' } });
    expect(json.status).toBe(200);
    expect(json.json).toMatchObject({
      answer: 'COC suits AR lenses [1].',
      citations: [{ n: 1, chunkId: 'c1' }],
    });

    const sse = await call(app, '/v1/chat', {
      key,
      body: { message: 'Which resin for AR lenses?', conversationId: 'c-42' },
      headers: { accept: 'text/event-stream' },
    });
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sse.text
      .split('\n\n')
      .filter((block) => block.startsWith('event:'))
      .map((block) => {
        const [eventLine, dataLine] = block.split('\n');
        return {
          event: eventLine?.slice('event: '.length),
          data: JSON.parse(dataLine?.slice('data: '.length) ?? ''),
        };
      });
    expect(events.map((e) => e.event)).toEqual(['text-delta', 'text-delta', 'citation', 'done']);
    expect(events[0]?.data).toEqual({ delta: 'COC suits ' });
    expect(events[3]?.data).toMatchObject({ conversationId: 'c-42', answer: 'COC suits AR lenses [1].' });

    const failed = await call(app, '/v1/chat', {
      key,
      body: { message: 'explode' },
      headers: { accept: 'text/event-stream' },
    });
    expect(failed.text).toMatch(
      /event: error\ndata: \{"code":"INTERNAL","message":"internal error; quote request id/,
    );
    expect(failed.text).not.toMatch(/secret|bolt|neo4j/i);
  });

  it('a client that disconnects from a chat stream aborts the answer', async () => {
    const key = await app.keyFor('researcher');
    const controller = new AbortController();
    const response = await fetch(`${app.url}/v1/chat`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      body: JSON.stringify({ message: 'slow' }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    controller.abort();
    await expect.poll(() => aborted.length, { timeout: 5000 }).toBe(1);
  });

  it('GET /v1/products/:id/suggestions lists suggestions of a known product and 404s an unknown one', async () => {
    const engineer = await app.keyFor('engineer');
    const name = `Suggest ${uniqueId('s')}`;
    const created = await call(app, '/v1/products', {
      key: engineer,
      body: { name, owner: 'Acme', materialId: 'material:pe' },
    });
    const id = created.json.results[0].id as string;
    const result = await call(app, `/v1/products/${encodeURIComponent(id)}/suggestions?status=new&limit=5`, {
      key: engineer,
    });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({
      productId: id,
      suggestions: [{ rank: 1, applicationId: 'application:ar-lens' }],
    });
    expectError(
      await call(app, '/v1/products/product%3Anope/suggestions', { key: engineer }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call(app, `/v1/products/${encodeURIComponent(id)}/suggestions?status=maybe`, { key: engineer }),
      400,
      'BAD_REQUEST',
      /status/,
    );
  });

  it('unexpected errors become a generic 500 with a request id; the stack goes to the log only', async () => {
    const key = await app.keyFor('researcher');
    const result = await call(app, '/v1/test/explode', { key });
    expectError(result, 500, 'INTERNAL', /internal error; quote request id [0-9a-f-]{36}/);
    expect(result.text).not.toMatch(/neo4j|bolt|secret|\bat\b.*\.ts/i);
    const requestId = result.headers.get('x-request-id') as string;
    const logged = app.logs.find((line) => line.includes('unhandled error') && line.includes(requestId));
    expect(logged).toMatch(/"stack":/);
  });

  it('GET /openapi.json is an OpenAPI 3.1 document of every route with the bearer security scheme', async () => {
    const result = await call(app, '/openapi.json');
    expect(result.status).toBe(200);
    const document = result.json;
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'matscout API', version: expect.any(String) });
    expect(document.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    const operations = Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(
      ([route, item]) =>
        Object.entries(item).map(([method, operation]) => ({
          key: `${method.toUpperCase()} ${route}`,
          operation,
        })),
    );
    expect(operations.map((o) => o.key).sort()).toEqual(
      [
        'GET /health',
        'GET /ready',
        'GET /openapi.json',
        'GET /v1/products',
        'POST /v1/products',
        'GET /v1/products/{id}',
        'GET /v1/products/{id}/suggestions',
        'GET /v1/documents/{id}',
        'DELETE /v1/documents/{id}',
        'GET /v1/chunks/{id}',
        'POST /v1/ingest/runs',
        'GET /v1/ingest/runs',
        'GET /v1/ingest/runs/{id}',
        'POST /v1/chat',
        'GET /v1/test/explode',
      ].sort(),
    );
    for (const { key, operation } of operations) {
      expect(operation.operationId, key).toEqual(expect.any(String));
      expect(Object.keys(operation.responses).length, key).toBeGreaterThan(0);
      const isPublic = ['GET /health', 'GET /ready', 'GET /openapi.json'].includes(key);
      expect(operation.security, key).toEqual(isPublic ? [] : [{ bearerAuth: [] }]);
      if (!isPublic)
        expect(Object.keys(operation.responses), key).toEqual(expect.arrayContaining(['401', '403', '429']));
      for (const parameter of operation.parameters ?? []) {
        expect(['path', 'query']).toContain(parameter.in);
        if (parameter.in === 'path') expect(parameter.required).toBe(true);
      }
    }
    expect(document.paths['/v1/products/{id}'].get.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    // Every $ref points at a component that exists.
    const refs = [...result.text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(document.components.schemas[ref], ref).toBeDefined();
    for (const name of [
      'Product',
      'Document',
      'Chunk',
      'IngestRun',
      'Citation',
      'ChatRequest',
      'ErrorResponse',
      'Suggestion',
    ]) {
      expect(document.components.schemas[name], name).toBeDefined();
    }
  });

  it('logs requests without keys or Authorization headers', async () => {
    const key = await app.keyFor('researcher');
    await call(app, '/v1/products?limit=1', { key });
    await call(app, '/v1/products', { key: `${key}x` });
    const logText = app.logs.join('');
    expect(logText).toContain('"path":"/v1/products"');
    expect(logText).not.toContain(key.slice(4, 30));
    expect(logText.toLowerCase()).not.toContain('bearer');
  });

  it('no response carried a stack trace or database internals (runs last)', () => {
    expect(bodies.length).toBeGreaterThan(50);
    for (const body of bodies) {
      expect(body).not.toMatch(/\n\s+at\s|\.ts:\d+/);
      expect(body).not.toMatch(/Neo4jError|neo4j-driver|Neo\.ClientError/i);
    }
  });
});
