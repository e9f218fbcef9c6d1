import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { type ErrorResponse, toErrorResponse } from './error-response.ts';
import { HttpError } from './http-errors.ts';
import { forCaller } from './redaction.ts';
import { requestContext } from './request-context.ts';

/** Unknown routes: a JSON 404 like every other error. */
export const unknownRoute: RequestHandler = (request, _response, next) => {
  next(
    new HttpError(404, 'NOT_FOUND', `no route for ${request.method} ${request.path}`, {
      echoesRequest: true,
    }),
  );
};

/**
 * Maps an error with toErrorResponse and logs it (unexpected ones at error level, with the stack). Callers
 * without the engineer role get the message and details redacted (no server paths, internal addresses or
 * file bytes); the log keeps them whole.
 */
export function reportError(error: unknown, response: Response, bodyLimit: string): ErrorResponse {
  const context = requestContext(response);
  const mapped = toErrorResponse(error, { requestId: context.requestId, bodyLimit });
  if (mapped.unexpected) context.logger.error({ err: error }, 'unhandled error');
  else context.logger.debug({ code: mapped.body.error.code, status: mapped.status }, 'request failed');
  if (error instanceof HttpError && error.echoesRequest) return mapped;
  return { ...mapped, body: forCaller(mapped.body, context.principal) };
}

/** The single error middleware: every error becomes `{error: {code, message, details?}}`. */
export function errorHandler(options: { bodyLimit: string }): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    const mapped = reportError(error, response, options.bodyLimit);
    if (response.headersSent) {
      // A streamed response already started; all that is left is to end it.
      response.end();
      return;
    }
    response.status(mapped.status).set(mapped.headers).json(mapped.body);
  };
}
