import { randomUUID } from 'node:crypto';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  type Citation,
  type ConversationMessage,
  type ConversationStore,
  NotFoundError,
} from '../../graph/index.ts';
import type { ProductSummary } from './chat-tool-results.ts';
import { ChatToolbox, type ChatToolDependencies, type ChatToolbox as Toolbox } from './chat-toolbox.ts';
import { CitationRegistry } from './citation-registry.ts';
import { CitationMarkerFilter } from './citation-validator.ts';
import { ConversationLog } from './conversation-log.ts';
import { DeterministicPlanner } from './deterministic-planner.ts';
import { answerWithLlm } from './llm-answer.ts';
import type { ChatIntent } from './question-intent.ts';

export interface ChatAgentDependencies extends ChatToolDependencies {
  conversations: ConversationStore;
  /** The LLM (createChatModel); without it the deterministic planner answers (LLM_PROVIDER=none). */
  model?: BaseChatModel;
  now?: () => Date;
  generateId?: () => string;
  /** Earlier messages given to the model (default 10). */
  historyLimit?: number;
  /** Model/tool rounds before the agent stops (default 6). */
  maxSteps?: number;
}

export interface ChatTurnRequest {
  message: string;
  conversationId?: string;
  productId?: string;
  /** The API key asking; conversations belong to it. */
  ownerKeyId?: string;
}

export type ChatEvent = { type: 'text-delta'; delta: string } | { type: 'citation'; citation: Citation };

export interface ChatTurnOptions {
  /** Stops the turn (tools, model, streaming) and rejects with the abort reason. */
  signal?: AbortSignal;
  /** Receives `text-delta` events, then one `citation` event per cited passage, before the answer resolves. */
  onEvent?: (event: ChatEvent) => void;
}

export interface ChatTurnResult {
  answer: string;
  citations: Citation[];
  conversationId: string;
  /** Markers the answer used that mapped to no passage of this turn; removed from `answer`. */
  removedMarkers: string[];
  mode: 'deterministic' | 'llm';
  intent?: ChatIntent;
  productId?: string;
}

/** Word-sized pieces (whitespace kept) so a composed answer streams like a generated one. */
function wordChunks(text: string, wordsPerChunk = 3): string[] {
  const tokens = text.match(/\S+\s*|\s+/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < tokens.length; i += wordsPerChunk)
    chunks.push(tokens.slice(i, i + wordsPerChunk).join(''));
  return chunks;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One chat turn: resolve the conversation and product context, answer with the LLM agent or the
 * deterministic planner over the same read-only tools, validate citations, stream, and log the turn.
 */
export class ChatAgent {
  private readonly deps: ChatAgentDependencies;
  private readonly log: ConversationLog;
  private readonly now: () => Date;

  constructor(deps: ChatAgentDependencies) {
    this.deps = deps;
    this.now = deps.now ?? (() => new Date());
    this.log = new ConversationLog(deps.conversations, {
      now: this.now,
      generateId: deps.generateId ?? (() => randomUUID()),
    });
  }

  get mode(): 'deterministic' | 'llm' {
    return this.deps.model ? 'llm' : 'deterministic';
  }

  async answer(request: ChatTurnRequest, options: ChatTurnOptions = {}): Promise<ChatTurnResult> {
    const { signal, onEvent } = options;
    signal?.throwIfAborted();
    const registry = new CitationRegistry();
    const toolbox = new ChatToolbox(this.deps, registry);
    const conversation = await this.log.resume(
      request.conversationId,
      request.ownerKeyId,
      this.deps.historyLimit ?? 10,
    );
    let product: ProductSummary | undefined;
    if (request.productId) {
      product = await toolbox.getProduct(request.productId);
      if (!product) throw new NotFoundError('product', request.productId);
    } else {
      product =
        (await this.productFromConversation(
          toolbox,
          conversation.conversation?.productId,
          conversation.history,
        )) ?? (await toolbox.productsNamedIn(request.message))[0];
    }
    signal?.throwIfAborted();

    const filter = new CitationMarkerFilter(registry);
    let answer: string;
    let intent: ChatIntent | undefined;
    if (this.deps.model) {
      answer = await answerWithLlm({
        model: this.deps.model,
        toolbox,
        question: request.message,
        history: conversation.history.map((message) => ({ role: message.role, content: message.content })),
        ...(product ? { product } : {}),
        today: this.now().toISOString().slice(0, 10),
        filter,
        maxSteps: this.deps.maxSteps ?? 6,
        ...(signal ? { signal } : {}),
        ...(onEvent ? { onText: (delta: string) => onEvent({ type: 'text-delta', delta }) } : {}),
      });
    } else {
      const planned = await new DeterministicPlanner(toolbox).answer(
        request.message,
        product ? { product } : {},
      );
      intent = planned.intent;
      product = planned.product ?? product;
      answer = filter.push(planned.text) + filter.flush();
      if (onEvent) {
        for (const delta of wordChunks(answer)) {
          signal?.throwIfAborted();
          onEvent({ type: 'text-delta', delta });
          await nextTick();
        }
      }
    }
    signal?.throwIfAborted();
    const citations = filter.citations();
    const removedMarkers = filter.removedMarkers();
    if (onEvent) for (const citation of citations) onEvent({ type: 'citation', citation });
    await this.log.record({
      conversationId: conversation.id,
      existing: conversation.conversation !== undefined,
      ...(request.ownerKeyId ? { ownerKeyId: request.ownerKeyId } : {}),
      ...(product ? { productId: product.id } : {}),
      question: request.message,
      answer,
      citations,
    });
    return {
      answer,
      citations,
      conversationId: conversation.id,
      removedMarkers,
      mode: this.mode,
      ...(intent ? { intent } : {}),
      ...(product ? { productId: product.id } : {}),
    };
  }

  /** The conversation's product, or the product named by the newest earlier question that names one. */
  private async productFromConversation(
    toolbox: Toolbox,
    productId: string | undefined,
    history: ConversationMessage[],
  ): Promise<ProductSummary | undefined> {
    if (productId) {
      const product = await toolbox.getProduct(productId);
      if (product) return product;
    }
    for (const message of [...history].reverse()) {
      if (message.role !== 'user') continue;
      const named = await toolbox.productsNamedIn(message.content);
      if (named[0]) return named[0];
    }
    return undefined;
  }
}

/** A ChatAgent over the given stores and (optionally) an LLM. */
export function createChatAgent(deps: ChatAgentDependencies): ChatAgent {
  return new ChatAgent(deps);
}
