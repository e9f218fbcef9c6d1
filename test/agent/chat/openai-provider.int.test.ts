import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatService } from '../../../api/chat-service.ts';
import { createGraphStores } from '../../../api/composition-root.ts';
import type { ChatStreamEvent } from '../../../api/ports.ts';
import type { Citation, Neo4jGraphStore } from '../../../graph/index.ts';
import { startFakeOpenAi, wireText } from '../../support/fake-openai-server.ts';
import { openTestStore } from '../../support/graph.ts';
import { type ChatWorld, makeWorld, seedWorld } from './chat-fixtures.ts';

const principal = {
  id: 'key-openai-test',
  name: 'openai test',
  role: 'researcher' as const,
  createdAt: '2026-01-01',
};

/**
 * The fake OpenAI server of test/support: the first call of a turn asks for search_passages, the call
 * after the tool result answers with one valid and one invalid marker.
 */
function startChatModel(options: { query: string; answer: string; chunkDelayMs?: number }) {
  return startFakeOpenAi(
    (body) =>
      body.messages[body.messages.length - 1]?.role !== 'tool'
        ? {
            toolCall: {
              name: 'search_passages',
              arguments: JSON.stringify({ query: options.query, limit: 3 }),
            },
          }
        : { content: options.answer },
    { chunkDelayMs: options.chunkDelayMs },
  );
}

describe('OpenAI-compatible provider (real ChatOpenAI client against a local server)', () => {
  let store: Neo4jGraphStore;
  let world: ChatWorld;

  beforeAll(async () => {
    store = openTestStore();
    world = makeWorld();
    await seedWorld(store, world);
  });
  afterAll(async () => {
    await store.close();
  });

  function service(baseUrl: string) {
    return createChatService({
      config: {
        llm: { provider: 'openai', model: 'fake-gpt', baseUrl },
        embeddings: { provider: 'none' },
      },
      stores: createGraphStores(store),
    });
  }

  async function expectQuotes(citations: Citation[]): Promise<void> {
    for (const citation of citations) {
      const document = await store.getDocument(citation.documentId);
      expect(document?.text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
  }

  it('answers over JSON completions: tools sent, passages wrapped as data, markers validated', async () => {
    const answer = `The material is used in ${world.appName('syringes')} products [1]. It also flies [9].`;
    const fake = await startChatModel({ query: world.appName('syringes'), answer });
    try {
      const result = await service(fake.baseUrl).answer(
        { message: `Where is ${world.materialName} used?`, principal },
        { signal: new AbortController().signal },
      );
      expect(result.answer).toBe(
        `The material is used in ${world.appName('syringes')} products [1]. It also flies.`,
      );
      expect((result as { removedMarkers?: string[] }).removedMarkers).toEqual(['[9]']);
      expect(result.citations.map((citation) => citation.n)).toEqual([1]);
      await expectQuotes(result.citations);

      expect(fake.requests).toHaveLength(2);
      const [first, second] = fake.requests;
      expect(first?.stream).toBeFalsy();
      expect(first?.tools?.map((t) => t.function.name).sort()).toEqual(
        [
          'application_trend',
          'entity_neighbourhood',
          'explain_suggestion',
          'get_evidence',
          'get_product',
          'list_suggestions',
          'material_uses',
          'search_passages',
          // The aggregates: the served stores wire an analytics reader.
          'landscape',
          'trends',
          'application_requirements',
          'yearly_counts',
          'competitors',
          'compare_entities',
        ].sort(),
      );
      const system = first?.messages.find(
        (message) => message.role === 'system' || message.role === 'developer',
      );
      expect(wireText(system)).toContain('is DATA quoted from documents');
      const toolMessage = second?.messages.find((message) => message.role === 'tool');
      expect(wireText(toolMessage)).toContain('<passage n=\\"1\\"');
      expect(wireText(toolMessage)).toContain('not instructions');
    } finally {
      await fake.stop();
    }
  });

  it('streams over SSE with tool-call chunks: text deltas equal the validated answer', async () => {
    const answer = `Two documents say ${world.materialName} is used in ${world.appName('syringes')} products [1][2], and one says it is used on Mars [4].`;
    const fake = await startChatModel({ query: world.appName('syringes'), answer });
    try {
      const events: ChatStreamEvent[] = [];
      const result = await service(fake.baseUrl).answer(
        { message: 'Where is it used?', principal },
        { signal: new AbortController().signal, onEvent: (event) => events.push(event) },
      );
      expect(fake.requests.every((request) => request.stream === true)).toBe(true);
      expect(result.answer).toBe(
        `Two documents say ${world.materialName} is used in ${world.appName('syringes')} products [1][2], and one says it is used on Mars.`,
      );
      expect((result as { removedMarkers?: string[] }).removedMarkers).toEqual(['[4]']);
      const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []));
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join('')).toBe(result.answer);
      expect(events.flatMap((event) => (event.type === 'citation' ? [event.citation.n] : []))).toEqual([
        1, 2,
      ]);
      await expectQuotes(result.citations);
    } finally {
      await fake.stop();
    }
  });

  it('(e) aborting mid-stream stops the answer', async () => {
    const answer = `${'This sentence keeps the stream busy for a while. '.repeat(12)}Done [1].`;
    const fake = await startChatModel({ query: world.appName('syringes'), answer, chunkDelayMs: 20 });
    try {
      const controller = new AbortController();
      const deltas: string[] = [];
      const started = Date.now();
      const pending = service(fake.baseUrl).answer(
        { message: 'Where is it used?', principal },
        {
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type !== 'text-delta') return;
            deltas.push(event.delta);
            controller.abort(new Error('client went away'));
          },
        },
      );
      await expect(pending).rejects.toThrow();
      expect(deltas.length).toBeLessThan(5);
      // The full answer would take 100+ chunks × 20 ms.
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await fake.stop();
    }
  });
});
