/** Prompt templates: each a constant with `id`, `version` and declared input variables. */

/** Prompts of the chat agent (system prompt, product context line). */
export { chatAgentSystemPrompt, chatProductContextPrompt } from './chat-prompts.ts';
/** Prompts of the LLM extractor (system rules, one chunk per user message). */
export { extractionSystemPrompt, extractionUserPrompt } from './extraction.ts';
export { definePrompt, type PromptTemplate, PromptVariableError } from './prompt-template.ts';
