import type { RequestHandler } from 'express';
import { HttpError } from './http-errors.ts';
import type { Route } from './route-definition.ts';

/** A method the path does not declare: 405 with the methods it does declare in `Allow` (RFC 9110). */
export class MethodNotAllowedError extends HttpError {
  constructor(method: string, path: string, allowed: string[]) {
    super(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`, {
      headers: { Allow: allowed.join(', ') },
      details: { allowed },
      echoesRequest: true,
    });
  }
}

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `/v1/products/{id}` as express matches it: one non-empty segment per parameter, an optional trailing
 * slash, letters in any case (express routes are case-insensitive by default).
 */
function pathPattern(path: string): RegExp {
  const source = path
    .split(/(\{[A-Za-z0-9_]+\})/)
    .map((part) => (/^\{[A-Za-z0-9_]+\}$/.test(part) ? '[^/]+' : escapeRegExp(part)))
    .join('');
  return new RegExp(`^${source}/?$`, 'i');
}

/** The `Allow` list of a path: its declared methods, HEAD with GET (express answers it), and OPTIONS. */
function allowList(methods: Set<string>): string[] {
  const allowed = [...methods].map((method) => method.toUpperCase());
  if (methods.has('get')) allowed.push('HEAD');
  allowed.push('OPTIONS');
  return allowed;
}

/**
 * For a request whose path is a known route: OPTIONS gets 204 with `Allow` (mount it before the routes, or
 * the router answers OPTIONS itself), any other method the path does not declare gets 405 with `Allow`
 * (mount it after the routes). Unknown paths fall through to the 404.
 */
export function methodNotAllowed(routes: Route[]): { options: RequestHandler; notAllowed: RequestHandler } {
  const known: KnownPath[] = [];
  for (const route of routes) {
    const pattern = pathPattern(route.path);
    const existing = known.find((entry) => entry.pattern.source === pattern.source);
    if (existing) existing.methods.add(route.method);
    else known.push({ pattern, methods: new Set([route.method]) });
  }
  // A path can match several routes (`/v1/x/{id}` and `/v1/x/stats`): express tries them all, so Allow
  // is the union of their methods.
  const allowedFor = (path: string) => {
    const matches = known.filter((entry) => entry.pattern.test(path));
    if (matches.length === 0) return undefined;
    return allowList(new Set(matches.flatMap((entry) => [...entry.methods])));
  };
  return {
    options: (request, response, next) => {
      const allowed = request.method === 'OPTIONS' ? allowedFor(request.path) : undefined;
      if (!allowed) {
        next();
        return;
      }
      response.status(204).set('Allow', allowed.join(', ')).end();
    },
    notAllowed: (request, _response, next) => {
      const allowed = allowedFor(request.path);
      next(allowed ? new MethodNotAllowedError(request.method, request.path, allowed) : undefined);
    },
  };
}
