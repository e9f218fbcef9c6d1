import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatService } from '../../api/chat-service.ts';
import { createAppContext, createGraphStores } from '../../api/composition-root.ts';
import type { ChatService } from '../../api/ports.ts';
import { reviewRoutes } from '../../api/routes/review-routes.ts';
import { createSchedulingServices, type SchedulingServices } from '../../api/scheduling-services.ts';
import { type GraphConnection, NotFoundError } from '../../graph/index.ts';
import { cronPattern } from '../../ingest/index.ts';
import {
  addPressRelease,
  makeTempDir,
  testConfig,
  testGraph,
} from '../ingest/schedule/scheduling-fixtures.ts';
import { uniqueId } from '../support/graph.ts';
import { startTestApp, type TestApp } from './api-test-app.ts';

interface Answer {
  status: number;
  headers: Headers;
  json: { error: { code: string; message: string; details?: unknown } } & Record<string, unknown>;
  text: string;
}

async function call(
  app: TestApp,
  path: string,
  init: { method?: string; key?: string; body?: unknown; accept?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.accept) headers.accept = init.accept;
  const response = await fetch(`${app.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : {}, text };
}

/** A chat service whose answers wait until the test releases them (or the client goes away). */
function gatedChat(): { service: ChatService; started(): number; releaseAll(): void } {
  const waiting: Array<() => void> = [];
  let started = 0;
  return {
    started: () => started,
    releaseAll: () => {
      for (const release of waiting.splice(0)) release();
    },
    service: {
      async answer(request, options) {
        if (request.message === 'leak') {
          throw new NotFoundError('product', '/srv/matscout/private/catalog.json on 10.0.0.7');
        }
        started += 1;
        await new Promise<void>((resolve, reject) => {
          waiting.push(resolve);
          options.signal.addEventListener('abort', () => reject(new Error('client went away')));
        });
        options.onEvent?.({ type: 'text-delta', delta: 'done' });
        return { answer: 'done', citations: [], conversationId: 'conversation:gated' };
      },
    },
  };
}

describe('API hardening over real sockets on the real graph', () => {
  let graph: GraphConnection;
  let scheduling: SchedulingServices;
  let app: TestApp;
  let folder: string;
  let engineer: string;
  let engineerId: string;
  let researcher: string;
  const chat = gatedChat();

  beforeAll(async () => {
    folder = await makeTempDir('hardening');
    await addPressRelease(folder, 'one.md');
    const env = {
      INGEST_PATH_ALLOW_LIST: folder,
      READY_RATE_LIMIT_PER_MINUTE: '3',
      CHAT_MAX_CONCURRENT_PER_KEY: '3',
      SSE_MAX_STREAMS_PER_KEY: '2',
    };
    graph = await testGraph();
    const context = createAppContext(testConfig(env), graph);
    scheduling = await createSchedulingServices(context, { scheduler: false });
    const reviews = reviewRoutes({
      suggestionStore: context.suggestions,
      reviews: context.reviews,
      readProvenance: (id) => context.provenance.readProvenance(id),
    });
    app = await startTestApp({
      env,
      deps: {
        chat: chat.service,
        startIngestion: scheduling.startIngestion,
        routes: [...scheduling.routes, ...reviews],
      },
    });
    const created = await app.apiKeyStore.createKey({ role: 'engineer', name: 'hardening engineer' });
    engineer = created.key;
    engineerId = created.apiKey.id;
    researcher = await app.keyFor('researcher');
  });
  afterAll(async () => {
    chat.releaseAll();
    await scheduling?.stop();
    await app?.close();
    await graph?.close();
  });

  it('answers 405 with Allow for undeclared methods on known paths, 204 with Allow for OPTIONS', async () => {
    const put = await call(app, '/v1/products', { method: 'PUT', key: engineer, body: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect(put.json.error).toMatchObject({
      code: 'METHOD_NOT_ALLOWED',
      message: 'PUT is not allowed on /v1/products; allowed: GET, POST, HEAD, OPTIONS',
    });
    const patch = await call(app, '/v1/suggestions/s%3A1/reviews', { method: 'PATCH', body: {} });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('POST, GET, HEAD, OPTIONS');
    const options = await call(app, '/v1/sources/any-id', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, DELETE, HEAD, OPTIONS');
    expect((await call(app, '/v1/no-such-thing', { method: 'PUT' })).status).toBe(404);
  });

  it('the OpenAPI document states the constraints validation enforces', async () => {
    const document = (await call(app, '/openapi.json')).json as unknown as {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, unknown>; parameters?: Array<{ name: string; in: string }> }
        >
      >;
      components: {
        schemas: Record<
          string,
          { required?: string[]; properties?: Record<string, { pattern?: string; enum?: string[] }> }
        >;
      };
    };
    const schedule = document.components.schemas.ScheduleCreate;
    expect(schedule?.properties?.cron?.pattern).toBe(cronPattern({ fixedSecond: true }));
    expect(schedule?.properties?.timezone?.enum).toContain('Europe/Berlin');
    expect(document.components.schemas.ProductInput?.required).toEqual(
      expect.arrayContaining(['name', 'owner', 'materialId']),
    );
    expect(Object.keys(document.paths['/v1/ingest/runs']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '400', '401', '403', '404', '413', '415', '429', '503']),
    );
    expect(Object.keys(document.paths['/ready']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '429', '503']),
    );
    expect(document.paths['/v1/suggestions/{id}/reviews']?.post?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
    expect(Object.keys(document.paths['/v1/suggestions/{id}/reviews']?.post?.responses ?? {})).toContain(
      '409',
    );
  });

  it('limits concurrent chats and streams per key with a clear 429', async () => {
    const ask = (key: string, stream: boolean) =>
      fetch(`${app.url}/v1/chat`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          ...(stream ? { accept: 'text/event-stream' } : {}),
        },
        body: JSON.stringify({ message: 'hold on' }),
      });
    const waitForStarted = async (count: number) => {
      for (let attempt = 0; attempt < 500 && chat.started() < count; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(chat.started()).toBe(count);
    };
    const before = chat.started();
    const streams = [await ask(researcher, true), await ask(researcher, true)];
    expect(streams.map((response) => response.status)).toEqual([200, 200]);
    await waitForStarted(before + 2);
    const thirdStream = await ask(researcher, true);
    expect(thirdStream.status).toBe(429);
    expect(thirdStream.headers.get('retry-after')).toBe('1');
    expect(((await thirdStream.json()) as Answer['json']).error.message).toBe(
      'this API key already has 2 event streams in progress (the limit per key); wait for one to finish',
    );
    const pendingJson = ask(researcher, false);
    await waitForStarted(before + 3);
    const fourthChat = await ask(researcher, false);
    expect(fourthChat.status).toBe(429);
    expect(((await fourthChat.json()) as Answer['json']).error.message).toMatch(
      /already has 3 chat answers in progress/,
    );
    // Another key has its own allowance.
    const otherKey = await app.keyFor('researcher');
    const other = ask(otherKey, false);
    await waitForStarted(before + 4);
    chat.releaseAll();
    expect((await pendingJson).status).toBe(200);
    expect((await other).status).toBe(200);
    for (const stream of streams) expect(await stream.text()).toContain('event: done');
    // Slots are given back: streaming works again.
    const again = ask(researcher, true);
    await waitForStarted(before + 5);
    chat.releaseAll();
    expect((await again).status).toBe(200);
  });

  it('refuses schedules more frequent than the minimum interval, with the reason', async () => {
    const source = await call(app, '/v1/sources', { key: engineer, body: { type: 'folder', path: folder } });
    expect(source.status).toBe(201);
    const everySecond = await call(app, '/v1/schedules', {
      key: engineer,
      body: { cron: '* * * * * *', source: source.json.id },
    });
    expect(everySecond.status).toBe(400);
    expect(everySecond.json.error.message).toMatch(
      /cron '\* \* \* \* \* \*' would run more than once a minute; schedules must be at least 60 s apart/,
    );
    const everyMinute = await call(app, '/v1/schedules', {
      key: engineer,
      body: { cron: '0 * * * * *', source: source.json.id, enabled: false },
    });
    expect(everyMinute.status).toBe(201);

    const strictScheduling = await createSchedulingServices(
      createAppContext(
        testConfig({ INGEST_PATH_ALLOW_LIST: folder, SCHEDULE_MIN_INTERVAL_SECONDS: '300' }),
        graph,
      ),
      { scheduler: false },
    );
    const strict = await startTestApp({
      env: { INGEST_PATH_ALLOW_LIST: folder },
      deps: { routes: strictScheduling.routes },
    });
    try {
      const strictKey = await strict.keyFor('engineer');
      const twoMinutes = await call(strict, '/v1/schedules', {
        key: strictKey,
        body: { cron: '*/2 * * * *', source: source.json.id, enabled: false },
      });
      expect(twoMinutes.status).toBe(400);
      expect(twoMinutes.json.error.message).toMatch(
        /would run every 120 s; schedules must be at least 300 s apart/,
      );
      const fiveMinutes = await call(strict, '/v1/schedules', {
        key: strictKey,
        body: { cron: '*/5 * * * *', source: source.json.id, enabled: false },
      });
      expect(fiveMinutes.status).toBe(201);
    } finally {
      await strict.close();
      await strictScheduling.stop();
    }
  });

  it('rate limits GET /ready per client address', async () => {
    const statuses: number[] = [];
    let limited: Answer | undefined;
    for (let index = 0; index < 5; index++) {
      const answer = await call(app, '/ready');
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited?.json.error.code).toBe('RATE_LIMITED');
  });

  it('redacts server paths, internal addresses and file bytes for researchers; engineers see them', async () => {
    const runId = `run-${uniqueId('redact')}`;
    const at = new Date().toISOString();
    await app.store.saveIngestRun({
      id: runId,
      source: '/srv/matscout/private/inbox',
      status: 'partial',
      startedAt: at,
      finishedAt: at,
      counts: {
        items: 3,
        documents: 0,
        added: 0,
        updated: 0,
        unchanged: 0,
        duplicates: 0,
        skipped: 0,
        failed: 3,
        chunks: 0,
        mentions: 0,
        facts: 0,
        droppedFacts: 0,
      },
      errors: [
        {
          item: '/srv/matscout/private/inbox/a.xml',
          reason: 'unrecognised content starting with "PK\u0003\u0004secretbytes"',
          retryable: false,
        },
        {
          item: 'http://10.1.2.3:8080/feed.xml',
          reason: 'refused: 10.1.2.3 is a private address',
          retryable: false,
        },
        { item: 'file:///etc/shadow', reason: 'cannot read [::1]:9000 or localhost', retryable: true },
      ],
    });
    const seen = await call(app, `/v1/ingest/runs/${runId}`, { key: researcher });
    expect(seen.status).toBe(200);
    for (const secret of [
      '/srv/matscout',
      '10.1.2.3',
      'secretbytes',
      '\\u0003',
      '/etc/shadow',
      '::1',
      'localhost',
    ]) {
      expect(seen.text).not.toContain(secret);
    }
    expect(seen.json.source).toBe('[server path]/inbox');
    expect(seen.json.errors).toEqual([
      {
        item: '[server path]/a.xml',
        reason: 'unrecognised content starting with [file content]',
        retryable: false,
      },
      {
        item: 'http://[internal address]:8080/feed.xml',
        reason: 'refused: [internal address] is a private address',
        retryable: false,
      },
      {
        item: '[server path]',
        reason: 'cannot read [internal address]:9000 or [internal address]',
        retryable: true,
      },
    ]);
    const listed = await call(app, '/v1/ingest/runs?limit=500', { key: researcher });
    expect(listed.text).not.toContain('/srv/matscout');
    const full = await call(app, `/v1/ingest/runs/${runId}`, { key: engineer });
    expect(full.json.source).toBe('/srv/matscout/private/inbox');
    expect(full.text).toContain('10.1.2.3');

    // Errors too: the message of a 404 carries the path and address only for engineers.
    const leak = await call(app, '/v1/chat', { key: researcher, body: { message: 'leak' } });
    expect(leak.status).toBe(404);
    expect(leak.json.error.message).toBe(
      "product '[server path]/catalog.json on [internal address]' not found",
    );
    const leakForEngineer = await call(app, '/v1/chat', { key: engineer, body: { message: 'leak' } });
    expect(leakForEngineer.json.error.message).toBe(
      "product '/srv/matscout/private/catalog.json on 10.0.0.7' not found",
    );
  });

  it('audits source removal; paths outside the allowed folders get one answer whether they exist or not', async () => {
    const declared = await call(app, '/v1/sources', {
      key: engineer,
      body: { type: 'folder', path: folder, glob: '*.md' },
    });
    expect(declared.status).toBe(201);
    const id = declared.json.id as string;
    expect((await call(app, `/v1/sources/${id}`, { method: 'DELETE', key: engineer })).status).toBe(204);
    const events = await createAppContext(testConfig(), graph).auditLog.listForTarget(id);
    expect(events.map((event) => [event.type, event.actor, event.details.action])).toEqual([
      ['schedule', engineerId, 'declare-source'],
      ['schedule', engineerId, 'remove-source'],
    ]);
    expect((await call(app, `/v1/sources/${id}`, { method: 'DELETE', key: engineer })).status).toBe(404);
    expect(await createAppContext(testConfig(), graph).auditLog.listForTarget(id)).toHaveLength(2);

    const existing = await call(app, '/v1/sources', {
      key: engineer,
      body: { type: 'folder', path: '/etc' },
    });
    const missing = await call(app, '/v1/sources', {
      key: engineer,
      body: { type: 'folder', path: '/no/such/dir' },
    });
    expect([existing.status, missing.status]).toEqual([404, 404]);
    expect(existing.json.error.code).toBe('PATH_NOT_FOUND');
    expect(missing.json.error.message.replace("'/no/such/dir'", "'/etc'")).toBe(existing.json.error.message);
  });
});

describe('conversation ids belong to the key that started them', () => {
  let app: TestApp;
  let graph: GraphConnection;

  beforeAll(async () => {
    graph = await testGraph();
    const stores = createGraphStores(graph.store);
    app = await startTestApp({ deps: { chat: createChatService({ config: testConfig(), stores }) } });
  });
  afterAll(async () => {
    await app?.close();
    await graph?.close();
  });

  it('another key, and an unknown id, get the same 404; the owner continues', async () => {
    const owner = await app.keyFor('researcher');
    const stranger = await app.keyFor('researcher');
    const first = await call(app, '/v1/chat', { key: owner, body: { message: 'What is new in polymers?' } });
    expect(first.status).toBe(200);
    const conversationId = first.json.conversationId as string;
    const theirs = await call(app, '/v1/chat', { key: stranger, body: { message: 'hello', conversationId } });
    expect(theirs.status).toBe(404);
    expect(theirs.json.error.message).toBe(`conversation '${conversationId}' not found`);
    const unknown = await call(app, '/v1/chat', {
      key: owner,
      body: { message: 'hello', conversationId: 'conversation:never-started' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toBe("conversation 'conversation:never-started' not found");
    const again = await call(app, '/v1/chat', {
      key: owner,
      body: { message: 'And films?', conversationId },
    });
    expect(again.status).toBe(200);
    expect(again.json.conversationId).toBe(conversationId);
  });
});
