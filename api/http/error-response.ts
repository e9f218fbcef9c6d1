import { isGraphUnavailable, NotFoundError } from '../../graph/index.ts';
import { EnqueueFailedError } from '../../ingest/index.ts';
import { CatalogFormatError } from '../catalog/catalog-format-error.ts';
import { HttpError, PayloadTooLargeError, ServiceUnavailableError } from './http-errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** True when the error is ours to fix (logged at error level with its stack, never sent). */
  unexpected: boolean;
}

/** Errors thrown by express.json (body-parser): they carry `type` and `status`. */
interface BodyParserError extends Error {
  type: string;
  status?: number;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return error instanceof Error && typeof (error as Partial<BodyParserError>).type === 'string';
}

function fromHttpError(error: HttpError): ErrorResponse {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return { status: error.status, body, headers: { ...error.headers }, unexpected: false };
}

/**
 * The one mapping from errors to HTTP responses: typed HttpErrors as they are, known library and domain
 * errors to their 4xx, anything else to a generic 500 that never carries a stack or internals.
 */
export function toErrorResponse(
  error: unknown,
  context: { requestId: string; bodyLimit: string },
): ErrorResponse {
  if (error instanceof HttpError) return fromHttpError(error);
  if (isBodyParserError(error)) {
    switch (error.type) {
      case 'entity.too.large':
        return fromHttpError(new PayloadTooLargeError(context.bodyLimit));
      case 'entity.parse.failed':
        return fromHttpError(
          new HttpError(400, 'BAD_REQUEST', 'malformed JSON in the request body', {
            details: { reason: error.message.split('\n')[0] },
          }),
        );
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return fromHttpError(
          new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported body encoding or charset'),
        );
      case 'request.aborted':
        return fromHttpError(
          new HttpError(400, 'BAD_REQUEST', 'the request body was not received completely'),
        );
      default:
        if (error.status && error.status >= 400 && error.status < 500) {
          return fromHttpError(
            new HttpError(error.status, 'BAD_REQUEST', 'the request body could not be read'),
          );
        }
    }
  }
  if (error instanceof NotFoundError) {
    return fromHttpError(new HttpError(404, 'NOT_FOUND', error.message));
  }
  if (isGraphUnavailable(error)) {
    return fromHttpError(new ServiceUnavailableError('the graph database is unavailable; retry shortly'));
  }
  if (error instanceof EnqueueFailedError) {
    return fromHttpError(
      new HttpError(503, 'QUEUE_UNAVAILABLE', error.message, {
        headers: { 'Retry-After': '30' },
        details: { runId: error.runId },
      }),
    );
  }
  if (error instanceof CatalogFormatError) {
    return fromHttpError(new HttpError(400, 'BAD_REQUEST', error.message));
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'INTERNAL',
        message: `internal error; quote request id ${context.requestId} when reporting it`,
      },
    },
    headers: {},
    unexpected: true,
  };
}
