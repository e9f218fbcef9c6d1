import type { Response } from 'express';
import type { Logger } from 'pino';
import type { ApiKey } from '../../graph/index.ts';

/** What the middleware chain learns about a request, kept on `response.locals`. */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  /** The authenticated key (never the secret). */
  principal?: ApiKey;
}

export function requestContext(response: Response): RequestContext {
  return response.locals as RequestContext;
}
