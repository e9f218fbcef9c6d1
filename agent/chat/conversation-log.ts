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
   * The conversation a turn continues, with its recent messages. Ids are minted here, so a client can only
   * continue a conversation its own key started: an unknown id and another key's conversation are the
   * same NotFoundError (no oracle for which ids exist, and no claiming an id before its owner uses it).
   */
  async resume(
    conversationId: string | undefined,
    ownerKeyId: string | undefined,
    historyLimit: number,
  ): Promise<{ id: string; conversation?: Conversation; history: ConversationMessage[] }> {
    if (!conversationId) return { id: `conversation:${this.generateId()}`, history: [] };
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation || (conversation.ownerKeyId ?? null) !== (ownerKeyId ?? null)) {
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
      const created = await this.store.createConversation({
        id: turn.conversationId,
        createdAt: at,
        updatedAt: at,
        ...(turn.ownerKeyId ? { ownerKeyId: turn.ownerKeyId } : {}),
        ...(turn.productId ? { productId: turn.productId } : {}),
      });
      if ((created.ownerKeyId ?? null) !== (turn.ownerKeyId ?? null)) {
        throw new NotFoundError('conversation', turn.conversationId);
      }
    }
    await this.store.appendMessages(
      turn.conversationId,
      [
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
      ],
      { ownerKeyId: turn.ownerKeyId ?? null },
    );
  }
}
