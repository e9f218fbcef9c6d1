/** An error with its HTTP status and stable code; the error handler turns it into `{error: {...}}`. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly headers: Readonly<Record<string, string>>;
  /** The message only repeats what the client sent (its method and path), so nothing needs redacting. */
  readonly echoesRequest: boolean;
  constructor(
    status: number,
    code: string,
    message: string,
    options: {
      details?: unknown;
      headers?: Record<string, string>;
      cause?: unknown;
      echoesRequest?: boolean;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
    this.echoesRequest = options.echoesRequest ?? false;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(400, 'BAD_REQUEST', message, { details });
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message: string) {
    super(401, 'UNAUTHORIZED', message, { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
}

export class ForbiddenError extends HttpError {
  constructor(message: string) {
    super(403, 'FORBIDDEN', message);
  }
}

export class NotFoundHttpError extends HttpError {
  constructor(message: string) {
    super(404, 'NOT_FOUND', message);
  }
}

export class ConflictHttpError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(409, 'CONFLICT', message, { details });
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(limit: string) {
    super(413, 'PAYLOAD_TOO_LARGE', `request body exceeds the limit of ${limit}`);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(message: string) {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message);
  }
}

export class RateLimitedError extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', `rate limit exceeded; retry in ${retryAfterSeconds} s`, {
      headers: { 'Retry-After': String(retryAfterSeconds) },
      details: { retryAfterSeconds },
    });
  }
}

export class NotImplementedError extends HttpError {
  constructor(message: string) {
    super(501, 'NOT_IMPLEMENTED', message);
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(message: string) {
    super(503, 'SERVICE_UNAVAILABLE', message, { headers: { 'Retry-After': '5' } });
  }
}
