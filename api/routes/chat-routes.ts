import { chatRequestSchema, chatResponseSchema } from '../api-schemas.ts';
import { reportError } from '../http/error-handler.ts';
import { NotImplementedError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import { openEventStream } from '../http/server-sent-events.ts';
import type { ChatService } from '../ports.ts';

/**
 * POST /v1/chat: JSON `{answer, citations, conversationId}`, or Server-Sent Events with
 * `Accept: text/event-stream` (`text-delta`, `citation`, then `done` with the full answer, or `error`).
 */
export function chatRoutes(options: { chat?: ChatService; bodyLimit: string }): Route[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/chat',
      operationId: 'chat',
      summary: 'Ask a question; the answer cites passages',
      description:
        'With `Accept: text/event-stream` the answer streams as SSE events `text-delta` ({delta}), `citation` ' +
        '(a Citation), `done` (a ChatResponse) or `error` ({code, message}). Closing the connection cancels the answer.',
      tags: ['chat'],
      access: 'researcher',
      body: chatRequestSchema,
      responses: {
        200: { description: 'the answer (JSON), or an SSE stream', schema: chatResponseSchema },
        501: { description: 'chat is not configured on this server' },
      },
      handle: async ({ body, principal, signal, request, response }) => {
        const chat = options.chat;
        if (!chat || !principal) throw new NotImplementedError('chat is not configured on this server');
        if (!request.get('accept')?.includes('text/event-stream')) {
          return { body: await chat.answer({ ...body, principal }, { signal }) };
        }
        const stream = openEventStream(response);
        try {
          const result = await chat.answer(
            { ...body, principal },
            {
              signal,
              onEvent: (event) => {
                if (event.type === 'text-delta') stream.send('text-delta', { delta: event.delta });
                else stream.send('citation', event.citation);
              },
            },
          );
          stream.send('done', result);
        } catch (error) {
          if (!signal.aborted)
            stream.send('error', reportError(error, response, options.bodyLimit).body.error);
        } finally {
          stream.end();
        }
        return undefined;
      },
    }),
  ];
}
