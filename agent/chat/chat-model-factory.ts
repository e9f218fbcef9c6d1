import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOllama } from '@langchain/ollama';
import { ChatOpenAI } from '@langchain/openai';

export interface LlmSettings {
  provider: 'none' | 'openai' | 'ollama';
  model?: string;
  baseUrl?: string;
  apiKey?: string;
}

export class ChatModelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChatModelConfigError';
  }
}

/**
 * The chat model of LLM_PROVIDER: ChatOpenAI (any OpenAI-compatible server through LLM_BASE_URL) or
 * ChatOllama; undefined for `none`, where the deterministic planner answers.
 */
export function createChatModel(settings: LlmSettings): BaseChatModel | undefined {
  switch (settings.provider) {
    case 'none':
      return undefined;
    case 'openai':
      if (!settings.apiKey && !settings.baseUrl) {
        throw new ChatModelConfigError(
          'LLM_PROVIDER=openai needs LLM_API_KEY (or LLM_BASE_URL for a local OpenAI-compatible server)',
        );
      }
      return new ChatOpenAI({
        model: settings.model ?? 'gpt-4o-mini',
        temperature: 0,
        // Local OpenAI-compatible servers accept any key; the client refuses to start without one.
        apiKey: settings.apiKey ?? 'not-needed',
        maxRetries: 1,
        ...(settings.baseUrl ? { configuration: { baseURL: settings.baseUrl } } : {}),
      });
    case 'ollama':
      return new ChatOllama({
        model: settings.model ?? 'llama3.1',
        temperature: 0,
        ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
      });
  }
}
