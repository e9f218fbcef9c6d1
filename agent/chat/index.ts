/** The chat agent: one turn over the read-only graph tools, with validated citations and a conversation log. */
export {
  ChatAgent,
  type ChatAgentDependencies,
  type ChatEvent,
  type ChatTurnOptions,
  type ChatTurnRequest,
  type ChatTurnResult,
  createChatAgent,
} from './chat-agent.ts';
/** The LLM of LLM_PROVIDER (ChatOpenAI for any OpenAI-compatible server, ChatOllama), or none. */
export { ChatModelConfigError, createChatModel, type LlmSettings } from './chat-model-factory.ts';
/** What the chat tools return (products, suggestions, evidence, neighbourhoods, trends). */
export type * from './chat-tool-results.ts';
/** The tools as plain functions over a turn's citation registry. */
export {
  ChatToolbox,
  type ChatToolDependencies,
  type SuggestionReader,
} from './chat-toolbox.ts';
/** The tools as LangChain tools (search_passages, get_product, list_suggestions, …). */
export { chatToolNames, createChatTools, toModelView } from './chat-tools.ts';
/** Per-turn numbering of returned passages as the citation objects of design.md section 7. */
export { CitationRegistry } from './citation-registry.ts';
/** Keeps `[n]` markers that map to a returned span, removes and reports the others. */
export { CitationMarkerFilter, type ValidatedAnswer, validateCitations } from './citation-validator.ts';
/** The chat layer's writes: conversations and their messages. */
export { ConversationLog } from './conversation-log.ts';
/** Answers without an LLM (LLM_PROVIDER=none). */
export { DeterministicPlanner, type PlannedAnswer } from './deterministic-planner.ts';
/** Query vectors for vector search when EMBEDDINGS_PROVIDER is set. */
export { createEmbedder, type Embedder, type EmbeddingsSettings } from './embedder.ts';
/** Retrieved text wrapped as `<passage>` data. */
export { formatPassage } from './passage-format.ts';
/** Question classification (suggest, uses, explain, search, compare, trend, landscape, growing, requirements, count, competitors). */
export { type ChatIntent, classifyIntent, type ParsedQuestion, parseQuestion } from './question-intent.ts';
