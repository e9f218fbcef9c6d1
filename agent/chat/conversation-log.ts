import {
  type Citation,
  type Conversation,
  type ConversationMessage,
  type ConversationStore,
  NotFoundError,
} from '../../graph/index.ts';

/**
 * The chat layer's only writes: `(:Conversation {id, createdAt, productId?, ownerKeyId?})-[:HAS_MESSAGE]->
 * (:Message {id, role, content, createdAt, index, citationsJson})`, through the graph's ConversationStore
 * (parameterised Cypher, MERGE on the conversation id, WRITE sessions separate from the tools' READ ones).
 */
export class ConversationLog {
  private readonly store: ConversationStore;
  private readonly now: () => Date;
  private readonly generateId: () => string;

  constructor(store: ConversationStore, options: { now: () => Date; generateId: () => string }) {
    this.store = store;
    this.now = options.now;
    this.generateId = options.generateId;
  }

  /**
   * The conversation a turn continues, with its recent messages; a conversation of another API key is
   * reported as not found (so ids cannot be probed). An unknown id starts a new conversation with it.
   */
  async resume(
    conversationId: string | undefined,
    ownerKeyId: string | undefined,
    historyLimit: number,
  ): Promise<{ id: string; conversation?: Conversation; history: ConversationMessage[] }> {
    if (!conversationId) return { id: `conversation:${this.generateId()}`, history: [] };
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation) return { id: conversationId, history: [] };
    if (conversation.ownerKeyId && ownerKeyId && conversation.ownerKeyId !== ownerKeyId) {
      throw new NotFoundError('conversation', conversationId);
    }
    const history = await this.store.listMessages(conversationId, { limit: historyLimit });
    return { id: conversationId, conversation, history };
  }

  /** Stores the question and the validated answer (creating the conversation on its first turn). */
  async record(turn: {
    conversationId: string;
    existing: boolean;
    ownerKeyId?: string;
    productId?: string;
    question: string;
    answer: string;
    citations: Citation[];
  }): Promise<void> {
    const at = this.now().toISOString();
    if (!turn.existing) {
      await this.store.createConversation({
        id: turn.conversationId,
        createdAt: at,
        updatedAt: at,
        ...(turn.ownerKeyId ? { ownerKeyId: turn.ownerKeyId } : {}),
        ...(turn.productId ? { productId: turn.productId } : {}),
      });
    }
    await this.store.appendMessages(turn.conversationId, [
      {
        id: `message:${this.generateId()}`,
        role: 'user',
        content: turn.question,
        citations: [],
        createdAt: at,
      },
      {
        id: `message:${this.generateId()}`,
        role: 'assistant',
        content: turn.answer,
        citations: turn.citations,
        createdAt: at,
      },
    ]);
  }
}
