import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface WireMessage {
  role: string;
  content: string | Array<{ type: string; text?: string }> | null;
  tool_calls?: unknown[];
}

export interface WireRequest {
  model: string;
  stream?: boolean;
  messages: WireMessage[];
  tools?: Array<{ type: string; function: { name: string } }>;
  response_format?: { type: string; json_schema?: { name?: string; schema?: unknown } };
}

/** What the fake model answers to one request: text, or one tool call. */
export interface FakeReply {
  content?: string;
  toolCall?: { name: string; arguments: string };
}

export interface FakeOpenAiServer {
  server: Server;
  /** `http://127.0.0.1:<port>/v1`, for LLM_BASE_URL or ChatOpenAI's `configuration.baseURL`. */
  baseUrl: string;
  requests: WireRequest[];
  stop(): Promise<void>;
}

/** The text of a wire message (string content or text blocks). */
export function wireText(message: WireMessage | undefined): string {
  const content = message?.content;
  if (!content) return '';
  return typeof content === 'string' ? content : content.map((block) => block.text ?? '').join('');
}

/**
 * A local server speaking the OpenAI chat-completions wire format on loopback: JSON answers, or SSE
 * `data:` chunks (text in word-sized pieces, tool-call arguments in two pieces) ending with `[DONE]`.
 * `respond` decides each reply from the request (and how many came before it).
 */
export function startFakeOpenAi(
  respond: (request: WireRequest, index: number) => FakeReply | Promise<FakeReply>,
  options: { chunkDelayMs?: number } = {},
): Promise<FakeOpenAiServer> {
  const requests: WireRequest[] = [];
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  app.post('/v1/chat/completions', async (request, response) => {
    const body = request.body as WireRequest;
    requests.push(body);
    const reply = await respond(body, requests.length - 1);
    const created = Math.floor(Date.now() / 1000);
    const base = { id: `chatcmpl-${requests.length}`, created, model: body.model };
    const toolCall = reply.toolCall
      ? {
          id: `call_${requests.length}`,
          type: 'function',
          function: { name: reply.toolCall.name, arguments: reply.toolCall.arguments },
        }
      : undefined;
    if (!body.stream) {
      response.json({
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: toolCall
              ? { role: 'assistant', content: null, tool_calls: [toolCall] }
              : { role: 'assistant', content: reply.content ?? '' },
            finish_reason: toolCall ? 'tool_calls' : 'stop',
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      });
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    const send = (delta: Record<string, unknown>, finish: string | null = null) =>
      response.write(
        `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
      );
    send({ role: 'assistant', content: '' });
    if (toolCall) {
      const args = toolCall.function.arguments;
      send({
        tool_calls: [
          {
            index: 0,
            id: toolCall.id,
            type: 'function',
            function: { name: toolCall.function.name, arguments: '' },
          },
        ],
      });
      send({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, 10) } }] });
      send({ tool_calls: [{ index: 0, function: { arguments: args.slice(10) } }] });
      send({}, 'tool_calls');
    } else {
      for (const piece of (reply.content ?? '').match(/\S+\s*/g) ?? []) {
        if (response.destroyed) return;
        send({ content: piece });
        if (options.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs));
      }
      send({}, 'stop');
    }
    response.write('data: [DONE]\n\n');
    response.end();
  });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        baseUrl: `http://127.0.0.1:${port}/v1`,
        requests,
        stop: async () => {
          server.closeAllConnections();
          await new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}
