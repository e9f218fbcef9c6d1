import { OllamaEmbeddings } from '@langchain/ollama';
import { OpenAIEmbeddings } from '@langchain/openai';

/** Turns a query into a vector for the chunk vector index; absent when no provider is configured. */
export interface Embedder {
  readonly id: string;
  embedQuery(text: string): Promise<number[]>;
}

export interface EmbeddingsSettings {
  provider: 'none' | 'openai' | 'ollama';
  model?: string;
  baseUrl?: string;
  apiKey?: string;
  dimension?: number;
}

/** The configured embedder, or undefined for `none` (search is then full-text + graph only). */
export function createEmbedder(settings: EmbeddingsSettings): Embedder | undefined {
  switch (settings.provider) {
    case 'none':
      return undefined;
    case 'openai': {
      const model = settings.model ?? 'text-embedding-3-small';
      const embeddings = new OpenAIEmbeddings({
        model,
        // Local OpenAI-compatible servers accept any key.
        apiKey: settings.apiKey ?? 'not-needed',
        ...(settings.dimension ? { dimensions: settings.dimension } : {}),
        ...(settings.baseUrl ? { configuration: { baseURL: settings.baseUrl } } : {}),
      });
      return { id: `openai:${model}`, embedQuery: (text) => embeddings.embedQuery(text) };
    }
    case 'ollama': {
      const model = settings.model ?? 'nomic-embed-text';
      const embeddings = new OllamaEmbeddings({
        model,
        ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
      });
      return { id: `ollama:${model}`, embedQuery: (text) => embeddings.embedQuery(text) };
    }
  }
}
