import { afterAll, describe, expect, it } from 'vitest';
import { type Citation, Neo4jConversationStore, NotFoundError } from '../../graph/index.ts';
import { openTestStore, uniqueId } from '../support/graph.ts';

describe('Neo4jConversationStore', () => {
  const graph = openTestStore();
  const store = new Neo4jConversationStore(graph.driver, { now: () => new Date('2026-02-01T00:00:00.000Z') });
  afterAll(() => graph.close());

  it('keeps messages in order with their citations', async () => {
    const id = uniqueId('conv');
    const citation: Citation = {
      n: 1,
      chunkId: 'c1',
      documentId: 'news:d1',
      title: 'Cyclic olefin copolymers',
      kind: 'news',
      publishedAt: '2025-06-01',
      section: 'body',
      start: 0,
      end: 10,
      quote: 'A cyclic o',
    };
    const conversation = {
      id,
      ownerKeyId: 'key_x',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    };
    expect(await store.createConversation(conversation)).toEqual(conversation);
    expect(await store.getConversation(id)).toEqual(conversation);
    const first = await store.appendMessages(id, [
      {
        id: `${id}-1`,
        role: 'user',
        content: 'Which resin suits AR lenses?',
        citations: [],
        createdAt: '2026-01-01T00:00:01Z',
      },
      {
        id: `${id}-2`,
        role: 'assistant',
        content: 'A cyclic olefin copolymer [1].',
        citations: [citation],
        createdAt: '2026-01-01T00:00:02Z',
      },
    ]);
    expect(first.map((m) => m.index)).toEqual([0, 1]);
    await store.appendMessages(id, [
      { id: `${id}-3`, role: 'user', content: 'And why?', citations: [], createdAt: '2026-01-01T00:00:03Z' },
    ]);
    const messages = await store.listMessages(id);
    expect(messages.map((m) => [m.index, m.role, m.conversationId])).toEqual([
      [0, 'user', id],
      [1, 'assistant', id],
      [2, 'user', id],
    ]);
    expect(messages[1]?.citations).toEqual([citation]);
    expect((await store.listMessages(id, { limit: 2 })).map((m) => m.index)).toEqual([1, 2]);
    expect((await store.getConversation(id))?.updatedAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('refuses messages for an unknown conversation', async () => {
    await expect(
      store.appendMessages('conv-missing', [
        { id: 'm', role: 'user', content: 'x', citations: [], createdAt: 'now' },
      ]),
    ).rejects.toThrow(NotFoundError);
    expect(await store.getConversation('conv-missing')).toBeUndefined();
  });
});
