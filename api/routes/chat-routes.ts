import { chatRequestSchema, chatResponseSchema } from '../api-schemas.ts';
import { PerKeyConcurrencyLimiter } from '../http/concurrency-limiter.ts';
import { reportError } from '../http/error-handler.ts';
import { NotImplementedError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import { openEventStream } from '../http/server-sent-events.ts';
import type { ChatService } from '../ports.ts';

/**
 * POST /v1/chat: JSON `{answer, citations, conversationId}`, or Server-Sent Events with
 * `Accept: text/event-stream` (`text-delta`, `citation`, then `done` with the full answer, or `error`).
 */
export function chatRoutes(options: {
  chat?: ChatService;
  bodyLimit: string;
  /** Chat turns and SSE streams one key may have open at once (429 past them). */
  maxConcurrentChatsPerKey?: number;
  maxConcurrentStreamsPerKey?: number;
}): Route[] {
  const chats = new PerKeyConcurrencyLimiter({
    limit: options.maxConcurrentChatsPerKey ?? 4,
    what: 'chat answers',
  });
  const streams = new PerKeyConcurrencyLimiter({
    limit: options.maxConcurrentStreamsPerKey ?? 2,
    what: 'event streams',
  });
  return [
    defineRoute({
      method: 'post',
      path: '/v1/chat',
      operationId: 'chat',
      summary: 'Ask a question; the answer cites passages',
      description:
        'With `Accept: text/event-stream` the answer streams as SSE events `text-delta` ({delta}), `citation` ' +
        '(a Citation), `done` (a ChatResponse) or `error` ({code, message}). Closing the connection cancels the answer. ' +
        'A key may have CHAT_MAX_CONCURRENT_PER_KEY answers and SSE_MAX_STREAMS_PER_KEY streams in progress at ' +
        'once (429 beyond). `conversationId` continues a conversation of the same key; any other id is a 404.',
      tags: ['chat'],
      access: 'researcher',
      body: chatRequestSchema,
      responses: {
        200: { description: 'the answer (JSON), or an SSE stream', schema: chatResponseSchema },
        404: { description: 'unknown conversation (or one of another key), or unknown product' },
        501: { description: 'chat is not configured on this server' },
      },
      handle: async ({ body, principal, signal, request, response }) => {
        const chat = options.chat;
        if (!chat || !principal) throw new NotImplementedError('chat is not configured on this server');
        const question = { ...body, message: body.message.trim(), principal };
        const releaseChat = chats.acquire(principal.id);
        try {
          if (!request.get('accept')?.includes('text/event-stream')) {
            return { body: await chat.answer(question, { signal }) };
          }
          const releaseStream = streams.acquire(principal.id);
          const stream = openEventStream(response);
          try {
            const result = await chat.answer(question, {
              signal,
              onEvent: (event) => {
                if (event.type === 'text-delta') stream.send('text-delta', { delta: event.delta });
                else stream.send('citation', event.citation);
              },
            });
            stream.send('done', result);
          } catch (error) {
            if (!signal.aborted)
              stream.send('error', reportError(error, response, options.bodyLimit).body.error);
          } finally {
            stream.end();
            releaseStream();
          }
          return undefined;
        } finally {
          releaseChat();
        }
      },
    }),
  ];
}
