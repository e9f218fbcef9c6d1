import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestContext } from './request-context.ts';

const acceptableRequestId = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives each request an id (the caller's X-Request-Id when it is a plain token) and logs one line when
 * the response finishes: method, path, status, duration, key id. Headers, query strings and bodies are
 * never logged, so neither are keys.
 */
export function requestLogging(options: {
  logger: Logger;
  generateId?: () => string;
  now: () => Date;
}): RequestHandler {
  const generateId = options.generateId ?? randomUUID;
  return (request, response, next) => {
    const incoming = request.get('x-request-id');
    const requestId = incoming && acceptableRequestId.test(incoming) ? incoming : generateId();
    const context = requestContext(response);
    context.requestId = requestId;
    context.logger = options.logger.child({ requestId });
    response.setHeader('X-Request-Id', requestId);
    const started = options.now().getTime();
    response.on('close', () => {
      context.logger.info(
        {
          method: request.method,
          path: request.path,
          status: response.statusCode,
          durationMs: options.now().getTime() - started,
          keyId: context.principal?.id,
          aborted: !response.writableFinished,
        },
        'request',
      );
    });
    next();
  };
}
