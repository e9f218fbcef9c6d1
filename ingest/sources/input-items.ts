import type { Stats } from 'node:fs';
import { lstat, opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** One thing to ingest: a file found on disk, a URL, or an input that failed before parsing. */
export type InputItem =
  | {
      kind: 'file';
      /** The file to read: its real path when the walk reached it through a symbolic link. */
      path: string;
      size: number;
      /** The path as the walk met it (through links), for matching names against globs. */
      walkPath?: string;
    }
  | { kind: 'url'; url: string }
  | { kind: 'error'; item: string; reason: string; retryable: boolean };

export interface ExpandOptions {
  /**
   * Folders a symbolic link met during a walk may lead into, besides the inputs themselves
   * (INGEST_PATH_ALLOW_LIST for runs the API starts). A link whose real path lies elsewhere is reported
   * and not followed.
   */
  roots?: readonly string[];
  /** Folder levels below an input walked at most. */
  maxDepth?: number;
}

// Hidden files, a corpus's own README, index and licence, and the schemas and entity files patent-office
// archives ship beside their documents: none holds a document, so they are passed over, not failed.
const skippedNames = /^(?:\.|README\.md$|index\.csv$|LICENSE|.*\.(?:dtd|ent|mod|xsd|xsl|xslt)$)/i;

/** Whether a file in a folder or an archive (by its base name) is passed over rather than read. */
export function isPassedOver(name: string): boolean {
  return skippedNames.test(name);
}

function inside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

const identity = (info: Stats) => `${info.dev}:${info.ino}`;

/** A file system error in the user's words. */
export function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  return (error as Error).message;
}

interface Walk {
  roots: string[];
  maxDepth: number;
  /** Every directory read so far in this expansion (device + inode), so none is read twice. */
  read: Set<string>;
}

/**
 * A walk that stays inside its roots: entries are examined with lstat, a symbolic link is followed only
 * when its real path lies inside a root, and a directory is read at most once (device + inode), so links
 * pointing back up (`ln -s . loop`) or at each other end the walk instead of growing it.
 */
async function* walk(
  directory: string,
  walkPath: string,
  context: Walk,
  ancestors: ReadonlySet<string>,
  depth: number,
): AsyncGenerator<InputItem> {
  let names: string[];
  try {
    const handle = await opendir(directory);
    names = [];
    for await (const entry of handle) names.push(entry.name);
  } catch (error) {
    yield {
      kind: 'error',
      item: walkPath,
      reason: `cannot read directory: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      retryable: false,
    };
    return;
  }
  // Sorted so runs are deterministic and a resumed run meets items in the same order.
  for (const name of names.sort()) {
    if (isPassedOver(name)) continue;
    yield* visit(path.join(directory, name), path.join(walkPath, name), context, ancestors, depth);
  }
}

async function* visit(
  target: string,
  walkPath: string,
  context: Walk,
  ancestors: ReadonlySet<string>,
  depth: number,
): AsyncGenerator<InputItem> {
  let real = target;
  let info: Stats;
  try {
    info = await lstat(target);
    if (info.isSymbolicLink()) {
      real = await realpath(target);
      if (!context.roots.some((root) => inside(root, real))) {
        yield {
          kind: 'error',
          item: walkPath,
          reason: 'symbolic link to a place outside the allowed folders; not followed',
          retryable: false,
        };
        return;
      }
      info = await stat(real);
    }
  } catch (error) {
    yield { kind: 'error', item: walkPath, reason: errnoReason(error), retryable: false };
    return;
  }
  if (info.isFile()) {
    yield real === walkPath
      ? { kind: 'file', path: real, size: info.size }
      : { kind: 'file', path: real, size: info.size, walkPath };
    return;
  }
  if (!info.isDirectory()) {
    yield { kind: 'error', item: walkPath, reason: 'not a regular file', retryable: false };
    return;
  }
  const key = identity(info);
  if (ancestors.has(key)) {
    yield {
      kind: 'error',
      item: walkPath,
      reason: 'symbolic link loop: it leads back to a folder being read; not followed',
      retryable: false,
    };
    return;
  }
  // Reached a second time through another link: its files are listed already.
  if (context.read.has(key)) return;
  if (depth >= context.maxDepth) {
    yield {
      kind: 'error',
      item: walkPath,
      reason: `more than ${context.maxDepth} folder levels deep; not read`,
      retryable: false,
    };
    return;
  }
  context.read.add(key);
  yield* walk(real, walkPath, context, new Set([...ancestors, key]), depth + 1);
}

/**
 * Expands paths (files, folders recursively) and URLs into items, in a stable order. Links met inside a
 * folder are followed only while their real path stays inside an input or one of `options.roots`.
 */
export async function* expandInputs(
  inputs: readonly string[],
  options: ExpandOptions = {},
): AsyncGenerator<InputItem> {
  const paths = inputs.filter((input) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(input));
  const realRoots = await Promise.all(
    [...paths.map((input) => path.resolve(input)), ...(options.roots ?? [])].map((root) =>
      realpath(path.resolve(root)).catch(() => undefined),
    ),
  );
  const context: Walk = {
    roots: realRoots.filter((root) => root !== undefined),
    maxDepth: options.maxDepth ?? 64,
    read: new Set(),
  };
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) yield { kind: 'url', url: input };
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      yield {
        kind: 'error',
        item: input,
        reason: 'unsupported URL scheme (only http and https)',
        retryable: false,
      };
    } else yield* expandTopLevel(path.resolve(input), context);
  }
}

/** An input named by the caller: its own links are followed (it is a root itself). */
async function* expandTopLevel(target: string, context: Walk): AsyncGenerator<InputItem> {
  let info: Stats;
  try {
    info = await stat(target);
  } catch (error) {
    yield { kind: 'error', item: target, reason: errnoReason(error), retryable: false };
    return;
  }
  if (info.isFile()) {
    yield { kind: 'file', path: target, size: info.size };
    return;
  }
  if (!info.isDirectory()) {
    yield { kind: 'error', item: target, reason: 'not a regular file', retryable: false };
    return;
  }
  const key = identity(info);
  if (context.read.has(key)) return;
  context.read.add(key);
  yield* walk(target, target, context, new Set([key]), 0);
}
