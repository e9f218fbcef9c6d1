import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { createAgent } from 'langchain';
import { chatAgentSystemPrompt, chatProductContextPrompt } from '../../prompts/index.ts';
import type { ProductSummary } from './chat-tool-results.ts';
import type { ChatToolbox } from './chat-toolbox.ts';
import { createChatTools } from './chat-tools.ts';
import type { CitationMarkerFilter } from './citation-validator.ts';

export interface LlmTurnInput {
  model: BaseChatModel;
  toolbox: ChatToolbox;
  question: string;
  history: Array<{ role: 'user' | 'assistant'; content: string }>;
  product?: ProductSummary;
  today: string;
  /** Turns the raw model text into validated text (unknown markers removed). */
  filter: CitationMarkerFilter;
  signal?: AbortSignal;
  /** Called with validated text as the model produces it (streaming); without it the agent is invoked once. */
  onText?: (delta: string) => void;
  maxSteps: number;
}

/** Text of a history message without its old markers (they pointed at another turn's passages). */
function withoutMarkers(text: string): string {
  return text.replace(/[ \t]*\[\d{1,4}(?:\s*[-–,;]\s*\d{1,4})*\]/g, '');
}

function textOf(message: BaseMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  return content
    .map((block) =>
      typeof block === 'object' && block !== null && 'text' in block ? String(block.text ?? '') : '',
    )
    .join('');
}

function hasToolCalls(message: BaseMessage): boolean {
  if (AIMessageChunk.isInstance(message)) {
    return (message.tool_call_chunks?.length ?? 0) > 0 || (message.tool_calls?.length ?? 0) > 0;
  }
  return AIMessage.isInstance(message) && (message.tool_calls?.length ?? 0) > 0;
}

/** Text a model turn must produce without tool calls before it is streamed live (instead of buffered). */
const commitAfterChars = 80;

/**
 * Runs the LangChain agent (createAgent with the graph tools and the versioned system prompt) and
 * returns its answer as validated text. Only text of model turns that do not call tools is answer text;
 * a turn's text is buffered until it is clearly not a tool-calling turn, then streamed.
 */
export async function answerWithLlm(input: LlmTurnInput): Promise<string> {
  const productContext = input.product
    ? chatProductContextPrompt.format({ productId: input.product.id, productName: input.product.name })
    : 'No product is selected; ask list_suggestions about the product the user names.';
  const agent = createAgent({
    model: input.model,
    tools: createChatTools(input.toolbox),
    systemPrompt: chatAgentSystemPrompt.format({ today: input.today, productContext }),
  });
  const messages = [
    ...input.history.map((message) => ({ role: message.role, content: withoutMarkers(message.content) })),
    { role: 'user' as const, content: input.question },
  ];
  const config = {
    recursionLimit: input.maxSteps * 2 + 1,
    ...(input.signal ? { signal: input.signal } : {}),
  };
  let answer = '';
  const emit = (raw: string) => {
    const text = input.filter.push(raw);
    if (!text) return;
    answer += text;
    input.onText?.(text);
  };
  const startTurnText = () => {
    if (answer.trim().length > 0) emit('\n\n');
  };

  if (!input.onText) {
    const result = await agent.invoke({ messages }, config);
    const produced = (result.messages as BaseMessage[]).slice(messages.length);
    for (const message of produced) {
      if (!AIMessage.isInstance(message) || hasToolCalls(message)) continue;
      const text = textOf(message).trim();
      if (!text) continue;
      startTurnText();
      emit(text);
    }
  } else {
    let turn: { id: string | undefined; buffer: string; toolCalls: boolean; committed: boolean } | undefined;
    const finishTurn = () => {
      if (turn && !turn.committed && !turn.toolCalls && turn.buffer.trim()) {
        startTurnText();
        emit(turn.buffer.trim());
      }
      turn = undefined;
    };
    const stream = await agent.stream({ messages }, { ...config, streamMode: 'messages' });
    for await (const [message, metadata] of stream as AsyncIterable<[BaseMessage, Record<string, unknown>]>) {
      const fromModel = metadata?.langgraph_node === undefined || metadata.langgraph_node === 'model_request';
      if (!fromModel || (!AIMessageChunk.isInstance(message) && !AIMessage.isInstance(message))) {
        finishTurn();
        continue;
      }
      if (!turn || (message.id && turn.id && message.id !== turn.id)) {
        finishTurn();
        turn = { id: message.id, buffer: '', toolCalls: false, committed: false };
      }
      turn.id ??= message.id;
      if (hasToolCalls(message)) turn.toolCalls = true;
      const text = textOf(message);
      if (!text) continue;
      if (turn.committed) {
        emit(text);
        continue;
      }
      turn.buffer += text;
      if (!turn.toolCalls && turn.buffer.trim().length >= commitAfterChars) {
        turn.committed = true;
        startTurnText();
        emit(turn.buffer.trimStart());
      }
    }
    finishTurn();
  }
  const rest = input.filter.flush();
  if (rest) {
    answer += rest;
    input.onText?.(rest);
  }
  return answer;
}
