import { fakeModel } from '@langchain/core/testing';
import { AIMessage } from 'langchain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatEvent, ChatToolbox, CitationRegistry } from '../../../agent/chat/index.ts';
import { createChatService } from '../../../api/chat-service.ts';
import { createGraphStores } from '../../../api/composition-root.ts';
import {
  type Citation,
  Neo4jConversationStore,
  type Neo4jGraphStore,
  NotFoundError,
} from '../../../graph/index.ts';
import { openTestStore } from '../../support/graph.ts';
import {
  type ChatWorld,
  chatDependencies,
  createTestAgent,
  injection,
  makeWorld,
  seedWorld,
} from './chat-fixtures.ts';

const principal = {
  id: 'key-chat-test',
  name: 'chat test',
  role: 'researcher' as const,
  createdAt: '2026-01-01',
};
const config = { llm: { provider: 'none' as const }, embeddings: { provider: 'none' as const }, neo4j: {} };

async function expectQuotesMatchDocuments(store: Neo4jGraphStore, citations: Citation[]): Promise<void> {
  for (const citation of citations) {
    const document = await store.getDocument(citation.documentId);
    expect(document?.text.slice(citation.start, citation.end)).toBe(citation.quote);
    expect(document?.title).toBe(citation.title);
    expect(citation.quote.length).toBeGreaterThan(0);
  }
}

function markersIn(text: string): number[] {
  return [...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
}

describe('chat agent on a real graph', () => {
  let store: Neo4jGraphStore;
  let world: ChatWorld;

  beforeAll(async () => {
    store = openTestStore();
    world = makeWorld();
    await seedWorld(store, world, { injected: true });
  });
  afterAll(async () => {
    await store.close();
  });

  it('(a) answers "What new applications could <product> have?" with ranked, cited suggestions', async () => {
    const agent = createTestAgent(store);
    const result = await agent.answer({ message: `What new applications could ${world.productName} have?` });
    expect(result.mode).toBe('deterministic');
    expect(result.intent).toBe('suggest');
    expect(result.answer).toContain(`New applications for **${world.productName}**`);
    expect(result.answer.toLowerCase()).toContain(world.appName('syringes'));
    expect(result.answer.toLowerCase()).toContain(world.appName('vials'));
    expect(result.answer.toLowerCase()).not.toMatch(
      new RegExp(`\\d\\. \\*\\*${world.appName('lenses')}`, 'i'),
    );
    expect(result.removedMarkers).toEqual([]);
    expect(result.citations.length).toBeGreaterThan(0);
    expect(new Set(markersIn(result.answer))).toEqual(
      new Set(result.citations.map((citation) => citation.n)),
    );
    await expectQuotesMatchDocuments(store, result.citations);
    // Every ranked item carries at least one marker and a score.
    const items = result.answer.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const line of items) expect(line).toMatch(/score (\d\.\d\d|\d\.\de-\d+).*\[\d+\]/);
    expect(result.productId).toBe(world.productId);
  });

  it('streams text deltas, then citations, and a follow-up reuses the product of the conversation', async () => {
    const agent = createTestAgent(store);
    const events: ChatEvent[] = [];
    const first = await agent.answer(
      { message: `What new applications could ${world.productName} have?`, ownerKeyId: 'key-a' },
      { onEvent: (event) => events.push(event) },
    );
    const deltas = events.filter((event) => event.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('')).toBe(
      first.answer,
    );
    const firstCitation = events.findIndex((event) => event.type === 'citation');
    expect(firstCitation).toBe(deltas.length);
    expect(
      events.slice(firstCitation).map((event) => (event.type === 'citation' ? event.citation.n : 0)),
    ).toEqual(first.citations.map((citation) => citation.n));

    const followUp = await agent.answer({
      message: `Why is it suggested for ${world.appName('vials')}?`,
      conversationId: first.conversationId,
      ownerKeyId: 'key-a',
    });
    expect(followUp.intent).toBe('explain');
    expect(followUp.conversationId).toBe(first.conversationId);
    expect(followUp.answer).toContain(`is suggested for **${world.productName}**`);
    expect(followUp.citations.length).toBeGreaterThan(0);
    await expectQuotesMatchDocuments(store, followUp.citations);

    const conversations = new Neo4jConversationStore(store.driver);
    const conversation = await conversations.getConversation(first.conversationId);
    expect(conversation).toMatchObject({ productId: world.productId, ownerKeyId: 'key-a' });
    const messages = await conversations.listMessages(first.conversationId);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(messages[3]?.citations.length).toBe(followUp.citations.length);

    await expect(
      agent.answer({ message: 'hello', conversationId: first.conversationId, ownerKeyId: 'key-b' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('explains, compares, shows trends and searches, always with citations', async () => {
    const agent = createTestAgent(store);
    const explain = await agent.answer({
      message: `What evidence links ${world.materialName} and ${world.appName('syringes')}?`,
    });
    expect(explain.intent).toBe('explain');
    expect(explain.citations.length).toBeGreaterThanOrEqual(2);

    const compare = await agent.answer({
      message: `Compare ${world.materialName} and othercoc${world.suffix}`,
    });
    expect(compare.intent).toBe('compare');
    expect(compare.answer).toContain(`Both are linked to: ${world.appName('lenses')}`);
    await expectQuotesMatchDocuments(store, compare.citations);

    const trend = await agent.answer({ message: `What is the trend for ${world.appName('syringes')}?` });
    expect(trend.intent).toBe('trend');
    expect(trend.answer).toContain('- 2021: 1 patent, 0 news [');
    expect(trend.answer).toContain('- 2022: 0 patents, 1 news [');
    await expectQuotesMatchDocuments(store, trend.citations);

    for (const result of [explain, compare, trend]) {
      expect(result.removedMarkers).toEqual([]);
      expect(result.citations.length).toBeGreaterThan(0);
    }

    const nothing = await agent.answer({ message: `Tell me about unobtainium${world.suffix}` });
    expect(nothing.intent).toBe('search');
    expect(nothing.citations).toEqual([]);
    expect(nothing.answer).toMatch(/found no passages.*matscout ingest/s);
  });

  it('(d) shows injected instructions only as quoted data and answers as usual', async () => {
    const agent = createTestAgent(store);
    const result = await agent.answer({ message: `Tell me about ${world.appName('syringes')} products` });
    expect(result.intent).toBe('search');
    expect(result.answer.startsWith('Passages about')).toBe(true);
    expect(result.answer.trim()).not.toBe('HACKED');
    const injected = result.citations.filter((citation) => citation.quote.includes('HACKED'));
    expect(injected.length).toBe(1);
    for (const line of result.answer.split('\n').filter((text) => text.includes('HACKED'))) {
      // Inside a “…” quote of a passage line that ends with its citation marker.
      expect(line).toMatch(/^- \*\*.+\*\* \(.+\): “[^”]*HACKED[^”]*” \[\d+\]$/);
    }
    expect(result.answer.split('\n').filter((line) => line.startsWith('- ')).length).toBe(
      result.citations.length,
    );
    const suggest = await agent.answer({ message: `What new applications could ${world.productName} have?` });
    expect(suggest.answer).toContain(`New applications for **${world.productName}**`);
    expect(suggest.answer.replaceAll(injection, '')).not.toContain('HACKED');
  });

  it('(b) the LLM agent path: tool calls register passages, [1] resolves, [7] is removed and reported', async () => {
    const model = fakeModel()
      .respondWithTools([
        { name: 'search_passages', args: { query: world.appName('syringes') }, id: 'call-1' },
      ])
      .respond(new AIMessage(`${world.materialName} is used in syringes [1]. It also cures everything [7].`));
    const service = createChatService({ config, stores: createGraphStores(store), model });
    const result = await service.answer(
      { message: 'Where is it used?', principal },
      { signal: new AbortController().signal },
    );
    expect(result.answer).toBe(`${world.materialName} is used in syringes [1]. It also cures everything.`);
    expect((result as { removedMarkers?: string[] }).removedMarkers).toEqual(['[7]']);
    expect(result.citations.map((citation) => citation.n)).toEqual([1]);
    expect(result.citations[0]?.quote).toContain(world.appName('syringes'));
    await expectQuotesMatchDocuments(store, result.citations);
  });

  it('(b) streams the LLM answer through the citation filter', async () => {
    const model = fakeModel()
      .respondWithTools([
        {
          name: 'get_evidence',
          args: { material: world.productName, application: world.appName('syringes') },
          id: 'c1',
        },
      ])
      .respond(new AIMessage('Two passages state the use [1][2], a third does not exist [3].'));
    const agent = createTestAgent(store, { model });
    const events: ChatEvent[] = [];
    const result = await agent.answer({ message: 'evidence?' }, { onEvent: (event) => events.push(event) });
    expect(result.mode).toBe('llm');
    expect(result.answer).toBe('Two passages state the use [1][2], a third does not exist.');
    expect(result.removedMarkers).toEqual(['[3]']);
    const text = events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
    expect(text).toBe(result.answer);
    expect(events.filter((event) => event.type === 'citation')).toHaveLength(2);
    await expectQuotesMatchDocuments(store, result.citations);
  });

  it('(e) an aborted signal stops the stream', async () => {
    const agent = createTestAgent(store);
    const controller = new AbortController();
    const deltas: string[] = [];
    const pending = agent.answer(
      { message: `What new applications could ${world.productName} have?` },
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type !== 'text-delta') return;
          deltas.push(event.delta);
          if (deltas.length === 2) controller.abort(new Error('client went away'));
        },
      },
    );
    await expect(pending).rejects.toThrow('client went away');
    expect(deltas.length).toBe(2);

    const before = new AbortController();
    before.abort();
    await expect(agent.answer({ message: 'anything' }, { signal: before.signal })).rejects.toThrow();
  });

  it('search_passages fuses full-text and graph expansion, and degrades when vectors are unavailable', async () => {
    const registry = new CitationRegistry();
    const embedded: string[] = [];
    const toolbox = new ChatToolbox(
      {
        ...chatDependencies(store),
        embedder: {
          id: 'stub',
          embedQuery: async (text) => {
            embedded.push(text);
            return [0.1, 0.2, 0.3];
          },
        },
      },
      registry,
    );
    const result = await toolbox.searchPassages({ query: world.appName('microfluidics'), limit: 4 });
    expect(embedded).toEqual([world.appName('microfluidics')]);
    expect(result.methods).toEqual(expect.arrayContaining(['full-text', 'graph']));
    expect(result.methods.some((method) => method.startsWith('vector'))).toBe(true);
    expect(result.entities.map((entity) => entity.id)).toContain(world.app('microfluidics'));
    expect(result.passages.length).toBeGreaterThan(0);
    expect(result.passages.map((passage) => passage.n)).toEqual(result.passages.map((_, index) => index + 1));
    await expectQuotesMatchDocuments(store, registry.all());
  });
});
