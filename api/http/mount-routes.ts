import express, { type Request, type RequestHandler, type Router } from 'express';
import type { z } from 'zod';
import type { ApiKeyStore } from '../../graph/index.ts';
import { authenticate } from './authentication.ts';
import { BadRequestError, RateLimitedError, UnsupportedMediaTypeError } from './http-errors.ts';
import { requestContext } from './request-context.ts';
import type { Route } from './route-definition.ts';
import type { TokenBucketRateLimiter } from './token-bucket-rate-limiter.ts';

export interface MountOptions {
  apiKeyStore: ApiKeyStore;
  rateLimiter: TokenBucketRateLimiter;
  bodyLimit: string;
  /** Buckets per client address for public routes marked `addressRateLimited` (none without it). */
  addressRateLimiter?: TokenBucketRateLimiter;
}

/** `/v1/products/{id}` → `/v1/products/:id`. */
export function toExpressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/** A readable one-line summary of zod issues plus the issues as details. */
function validated<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  throw new BadRequestError(`invalid ${where}: ${summary.join('; ')}`, { issues });
}

const hasBody = (request: Parameters<RequestHandler>[0]) =>
  Number(request.get('content-length') ?? 0) > 0 || request.get('transfer-encoding') !== undefined;

const requireJsonBody: RequestHandler = (request, _response, next) => {
  if (!hasBody(request)) {
    next(new BadRequestError('a JSON request body is required'));
    return;
  }
  if (!request.is('application/json')) {
    next(new UnsupportedMediaTypeError('send the body as JSON with Content-Type: application/json'));
    return;
  }
  next();
};

/** The declared headers of a route as the client sent them (absent ones undefined). */
function declaredHeaders(schema: z.ZodObject, request: Request): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(schema.shape).map((name) => [name, request.get(name)]));
}

function limitByAddress(limiter: TokenBucketRateLimiter): RequestHandler {
  return (request, response, next) => {
    const decision = limiter.take(`address:${request.ip ?? 'unknown'}`);
    response.setHeader('X-RateLimit-Remaining', String(decision.remaining));
    next(decision.allowed ? undefined : new RateLimitedError(decision.retryAfterSeconds));
  };
}

/** Mounts each route behind auth (+ rate limit and role), JSON body parsing and zod validation. */
export function mountRoutes(router: Router, routes: Route[], options: MountOptions): void {
  const parseJson = express.json({ limit: options.bodyLimit });
  for (const route of routes) {
    const handlers: RequestHandler[] = [];
    if (route.access === 'public' && route.addressRateLimited && options.addressRateLimiter) {
      handlers.push(limitByAddress(options.addressRateLimiter));
    }
    if (route.access !== 'public') {
      handlers.push(
        authenticate({
          apiKeyStore: options.apiKeyStore,
          rateLimiter: options.rateLimiter,
          role: route.access,
        }),
      );
    }
    if (route.body) {
      const optional = route.bodyOptional;
      handlers.push(
        (request, response, next) =>
          optional && !hasBody(request) ? next() : requireJsonBody(request, response, next),
        parseJson,
      );
    }
    handlers.push(async (request, response) => {
      const params = route.params ? validated(route.params, request.params, 'path parameters') : undefined;
      const query = route.query ? validated(route.query, request.query, 'query parameters') : undefined;
      const body =
        route.body && !(route.bodyOptional && request.body === undefined)
          ? validated(route.body, request.body, 'request body')
          : undefined;
      const headers = route.headers
        ? validated(route.headers, declaredHeaders(route.headers, request), 'headers')
        : undefined;
      const controller = new AbortController();
      response.on('close', () => {
        if (!response.writableFinished) controller.abort();
      });
      const result = await route.handle({
        params,
        query,
        body,
        headers,
        principal: requestContext(response).principal,
        signal: controller.signal,
        request,
        response,
      });
      if (!result || response.headersSent) return;
      response
        .status(result.status ?? 200)
        .set(result.headers ?? {})
        .json(result.body);
    });
    router[route.method](toExpressPath(route.path), ...handlers);
  }
}
