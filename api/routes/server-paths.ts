import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { HttpError } from '../http/http-errors.ts';

/**
 * A server path a request named is missing or outside the allowed folders. Both cases answer the same
 * status and message, so the API never tells whether a path outside the allowed folders exists.
 */
export class PathNotAvailableError extends HttpError {
  constructor(requested: string, allowList: string[]) {
    super(
      404,
      'PATH_NOT_FOUND',
      `path '${requested}' is not an existing file or folder inside the allowed ingest folders ` +
        `(${allowList.join(', ') || 'none is configured'}; INGEST_PATH_ALLOW_LIST)`,
    );
  }
}

function inside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * A path the server may read: lexically inside an allowed folder, and with symbolic links resolved still
 * inside one. The lexical check comes first, so nothing outside the allowed folders is ever looked at.
 */
export async function resolveAllowedPath(requested: string, allowList: string[]): Promise<string> {
  const absolute = path.resolve(requested);
  const roots = await Promise.all(
    allowList.map(async (root) => ({
      lexical: path.resolve(root),
      real: await realpath(root).catch(() => undefined),
    })),
  );
  const lexicallyInside = roots.some(
    (root) => inside(root.lexical, absolute) || (root.real !== undefined && inside(root.real, absolute)),
  );
  if (!lexicallyInside) throw new PathNotAvailableError(requested, allowList);
  let resolved: string;
  try {
    resolved = await realpath(absolute);
  } catch {
    throw new PathNotAvailableError(requested, allowList);
  }
  if (!roots.some((root) => root.real !== undefined && inside(root.real, resolved))) {
    throw new PathNotAvailableError(requested, allowList);
  }
  return resolved;
}
