import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Driver } from 'neo4j-driver';
import {
  createChatAgent,
  createChatModel,
  createEmbedder,
  type Embedder,
  Neo4jChatGraphReader,
  SuggestionEngine,
} from '../agent/index.ts';
import {
  type ConversationStore,
  type GraphStore,
  Neo4jConversationStore,
  Neo4jProductStore,
  Neo4jSuggestionStore,
  type ProductStore,
} from '../graph/index.ts';
import type { ChatResponse } from './api-schemas.ts';
import type { Config } from './config.ts';
import type { ChatService } from './ports.ts';

export interface ChatServiceDependencies {
  config: Pick<Config, 'llm' | 'embeddings'> & { neo4j: Pick<Config['neo4j'], 'database'> };
  driver: Driver;
  store: GraphStore;
  /** Default: Neo4jProductStore on the driver. */
  productStore?: ProductStore;
  /** Default: Neo4jConversationStore on the driver. */
  conversationStore?: ConversationStore;
  /** Share the server's engine so its evidence cache is reused; default: a new one. */
  suggestionEngine?: SuggestionEngine;
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
  const database = deps.config.neo4j.database;
  const options = database ? { database } : {};
  const model = deps.model ?? createChatModel(deps.config.llm);
  const embedder = deps.embedder ?? createEmbedder(deps.config.embeddings);
  const agent = createChatAgent({
    store: deps.store,
    reader: new Neo4jChatGraphReader(deps.driver, options),
    products: deps.productStore ?? new Neo4jProductStore(deps.driver, options),
    suggestions: new Neo4jSuggestionStore(deps.driver, options),
    engine: deps.suggestionEngine ?? new SuggestionEngine(deps.driver, options),
    conversations: deps.conversationStore ?? new Neo4jConversationStore(deps.driver, options),
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
