import neo4j, { type Driver } from 'neo4j-driver';
import type { Conversation, ConversationMessage } from './api-model.ts';
import type { ConversationStore, NewConversationMessage } from './conversation-store.ts';
import { NotFoundError } from './errors.ts';
import * as q from './neo4j-conversation-queries.ts';
import { Neo4jSessionStore, type Neo4jStoreOptions, withoutUndefined } from './neo4j-session.ts';

export interface Neo4jConversationStoreOptions extends Neo4jStoreOptions {
  now?: () => Date;
}

function toMessage(properties: Record<string, unknown>): ConversationMessage {
  const { citationsJson, ...rest } = properties as Record<string, unknown> & { citationsJson?: string };
  return { ...rest, citations: citationsJson ? JSON.parse(citationsJson) : [] } as ConversationMessage;
}

/** ConversationStore on Neo4j; citations are kept as JSON on the message node. */
export class Neo4jConversationStore extends Neo4jSessionStore implements ConversationStore {
  private readonly now: () => Date;

  constructor(driver: Driver, options: Neo4jConversationStoreOptions = {}) {
    super(driver, options);
    this.now = options.now ?? (() => new Date());
  }

  async createConversation(conversation: Conversation): Promise<Conversation> {
    return this.write(async (tx) => {
      const record = (await tx.run(q.createConversation, { row: withoutUndefined(conversation) })).records[0];
      return record?.get('conversation') as Conversation;
    });
  }

  async getConversation(id: string): Promise<Conversation | undefined> {
    return this.read(async (tx) => {
      const record = (await tx.run(q.getConversation, { id })).records[0];
      return record ? (record.get('conversation') as Conversation) : undefined;
    });
  }

  async appendMessages(
    conversationId: string,
    messages: NewConversationMessage[],
    options: { ownerKeyId?: string | null } = {},
  ): Promise<ConversationMessage[]> {
    const checkOwner = options.ownerKeyId !== undefined;
    const ownerKeyId = options.ownerKeyId ?? null;
    if (messages.length === 0) return [];
    const rows = messages.map(({ citations, ...message }) =>
      withoutUndefined({ ...message, citationsJson: JSON.stringify(citations ?? []) }),
    );
    const stored = await this.write(async (tx) =>
      (
        await tx.run(q.appendMessages, {
          conversationId,
          checkOwner,
          ownerKeyId,
          rows,
          now: this.now().toISOString(),
        })
      ).records.map((r) => toMessage(r.get('message'))),
    );
    if (stored.length === 0) throw new NotFoundError('conversation', conversationId);
    return stored;
  }

  async listMessages(
    conversationId: string,
    options: { limit?: number } = {},
  ): Promise<ConversationMessage[]> {
    const limit = neo4j.int(Math.max(1, Math.min(options.limit ?? 50, 1000)));
    return this.read(async (tx) =>
      (await tx.run(q.listMessages, { conversationId, limit })).records.map((r) =>
        toMessage(r.get('message')),
      ),
    );
  }
}
