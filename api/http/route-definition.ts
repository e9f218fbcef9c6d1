import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ApiKey, ApiKeyRole } from '../../graph/index.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
}

export interface RouteInput<Params, Query, Body, Headers = unknown> {
  params: Params;
  query: Query;
  body: Body;
  /** The declared request headers, validated (absent ones undefined). */
  headers: Headers;
  /** The authenticated key; undefined only on public routes. */
  principal: ApiKey | undefined;
  /** Aborted when the client goes away before the response is finished. */
  signal: AbortSignal;
  request: Request;
  response: Response;
}

/** A JSON answer; a handler that writes the response itself (SSE) returns undefined. */
export interface RouteResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * One HTTP route, described once: the app mounts it (auth, body parsing, validation) and the OpenAPI
 * document is generated from the same description, so the two cannot drift apart.
 */
export interface RouteSpec<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  H extends z.ZodObject | undefined = undefined,
> {
  method: HttpMethod;
  /** OpenAPI-style path: `/v1/products/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** `public`, or the role the key needs (see roleGrants). */
  access: 'public' | ApiKeyRole;
  params?: P;
  query?: Q;
  body?: B;
  /** The body may be left out (then the handler gets undefined); when sent it must be valid JSON. */
  bodyOptional?: boolean;
  /** Request headers the route reads, by their canonical name (`Idempotency-Key`); validated and documented. */
  headers?: H;
  /** Documented body when it differs from the validated one (e.g. rows validated one by one). */
  bodyDocumentation?: z.ZodType;
  responses: Record<number, ResponseSpec>;
  /** Per-client-address rate limit on a public route (GET /ready touches the database). */
  addressRateLimited?: boolean;
  handle(input: RouteInput<Parsed<P>, Parsed<Q>, Parsed<B>, Parsed<H>>): Promise<RouteResult | undefined>;
}

export interface Route
  extends Omit<
    RouteSpec<
      z.ZodObject | undefined,
      z.ZodObject | undefined,
      z.ZodType | undefined,
      z.ZodObject | undefined
    >,
    'handle'
  > {
  handle(input: RouteInput<unknown, unknown, unknown, unknown>): Promise<RouteResult | undefined>;
}

/** Types a route's handler from its schemas, then erases the types so routes fit in one list. */
export function defineRoute<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  H extends z.ZodObject | undefined = undefined,
>(spec: RouteSpec<P, Q, B, H>): Route {
  return spec as unknown as Route;
}
