import type { RequestHandler } from 'express';
import type { ApiKeyRole, ApiKeyStore } from '../../graph/index.ts';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from './http-errors.ts';
import { requestContext } from './request-context.ts';
import { roleGrants } from './role-policy.ts';
import type { TokenBucketRateLimiter } from './token-bucket-rate-limiter.ts';

const bearer = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/**
 * Authenticates `Authorization: Bearer <key>`, then spends one token of the key's rate-limit bucket, then
 * checks the role. Failed attempts spend tokens of the caller's address, which slows key guessing.
 */
export function authenticate(options: {
  apiKeyStore: ApiKeyStore;
  rateLimiter: TokenBucketRateLimiter;
  role: ApiKeyRole;
}): RequestHandler {
  return async (request, response, next) => {
    const header = request.get('authorization');
    const match = header ? bearer.exec(header) : null;
    const principal = match?.[1] ? await options.apiKeyStore.authenticate(match[1]) : undefined;
    if (!principal) {
      const decision = options.rateLimiter.take(`address:${request.ip ?? 'unknown'}`);
      if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
      throw new UnauthorizedError(
        header ? 'invalid or revoked API key' : 'missing API key: send Authorization: Bearer <key>',
      );
    }
    requestContext(response).principal = principal;
    const decision = options.rateLimiter.take(`key:${principal.id}`);
    response.setHeader('X-RateLimit-Remaining', String(decision.remaining));
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
    if (!roleGrants(principal.role, options.role)) {
      throw new ForbiddenError(
        `this route requires the '${options.role}' role; the key has '${principal.role}'`,
      );
    }
    next();
  };
}
