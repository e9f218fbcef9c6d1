import { z } from 'zod';
import { citationSchema } from './model.ts';

/** API key roles; `admin` implies every other role (policy lives in api/). */
export const apiKeyRoles = ['researcher', 'reviewer', 'engineer', 'admin'] as const;
export type ApiKeyRole = (typeof apiKeyRoles)[number];

/** What is stored and shown of an API key: never the key itself, only its id and hash. */
export const apiKeySchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  role: z.enum(apiKeyRoles),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
  revokedAt: z.string().optional(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const messageRoles = ['user', 'assistant'] as const;
export type MessageRole = (typeof messageRoles)[number];

export const conversationSchema = z.object({
  id: z.string().min(1),
  /** The API key that started it; other keys may not read it. */
  ownerKeyId: z.string().optional(),
  productId: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationMessageSchema = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  /** Position in the conversation, assigned by the store. */
  index: z.number().int().nonnegative(),
  role: z.enum(messageRoles),
  content: z.string(),
  /** Citation objects of an assistant message, stored as given. */
  citations: z.array(citationSchema).default([]),
  createdAt: z.string(),
});
export type ConversationMessage = z.infer<typeof conversationMessageSchema>;
