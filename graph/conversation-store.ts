import type { Conversation, ConversationMessage } from './api-model.ts';

export type NewConversationMessage = Omit<ConversationMessage, 'index' | 'conversationId'>;

/** Chat history: `(:Conversation)-[:HAS_MESSAGE]->(:Message)`; Neo4jConversationStore implements it. */
export interface ConversationStore {
  createConversation(conversation: Conversation): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | undefined>;
  /**
   * Appends messages in order (indexes continue the conversation's); returns them as stored. With
   * `ownerKeyId` only to a conversation of that key (null: one without an owner); otherwise NotFoundError.
   */
  appendMessages(
    conversationId: string,
    messages: NewConversationMessage[],
    options?: { ownerKeyId?: string | null },
  ): Promise<ConversationMessage[]>;
  /** The last `limit` messages (default 50), oldest first. */
  listMessages(conversationId: string, options?: { limit?: number }): Promise<ConversationMessage[]>;
}
