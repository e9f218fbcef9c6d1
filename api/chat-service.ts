import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { createChatAgent, createChatModel, createEmbedder, type Embedder } from '../agent/index.ts';
import type { ChatResponse } from './api-schemas.ts';
import type { GraphStores } from './composition-root.ts';
import type { Config } from './config.ts';
import type { ChatService } from './ports.ts';

export interface ChatServiceDependencies {
  config: Pick<Config, 'llm' | 'embeddings'>;
  /** The composition root's stores; the chat's tools only read them. */
  stores: Pick<
    GraphStores,
    | 'graph'
    | 'chatReader'
    | 'analytics'
    | 'products'
    | 'suggestions'
    | 'suggestionFreshness'
    | 'materialSuggestions'
    | 'conversations'
  >;
  /** Overrides the model of config.llm (tests pass scripted fake models). */
  model?: BaseChatModel;
  /** Overrides the embedder of config.embeddings. */
  embedder?: Embedder;
  now?: () => Date;
  generateId?: () => string;
}

/** The answer of a chat turn as the API returns it: ChatResponse plus the markers that were removed. */
export type ChatServiceResponse = ChatResponse & { removedMarkers: string[] };

/**
 * The ChatService port on the chat agent: LLM_PROVIDER=none answers with the deterministic planner,
 * openai/ollama with the LangChain agent; both over the same read-only tools and citation validator.
 */
export function createChatService(deps: ChatServiceDependencies): ChatService {
  const { stores } = deps;
  const model = deps.model ?? createChatModel(deps.config.llm);
  const embedder = deps.embedder ?? createEmbedder(deps.config.embeddings);
  const agent = createChatAgent({
    store: stores.graph,
    reader: stores.chatReader,
    analytics: stores.analytics,
    products: stores.products,
    suggestions: stores.suggestions,
    freshness: stores.suggestionFreshness,
    materialSuggestions: stores.materialSuggestions,
    conversations: stores.conversations,
    ...(model ? { model } : {}),
    ...(embedder ? { embedder } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.generateId ? { generateId: deps.generateId } : {}),
  });
  return {
    async answer(request, answerOptions): Promise<ChatServiceResponse> {
      const result = await agent.answer(
        {
          message: request.message,
          ...(request.conversationId ? { conversationId: request.conversationId } : {}),
          ...(request.productId ? { productId: request.productId } : {}),
          ownerKeyId: request.principal.id,
        },
        {
          signal: answerOptions.signal,
          ...(answerOptions.onEvent ? { onEvent: answerOptions.onEvent } : {}),
        },
      );
      return {
        answer: result.answer,
        citations: result.citations,
        conversationId: result.conversationId,
        removedMarkers: result.removedMarkers,
      };
    },
  };
}
