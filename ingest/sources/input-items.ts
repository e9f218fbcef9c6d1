import { opendir, stat } from 'node:fs/promises';
import path from 'node:path';

/** One thing to ingest: a file found on disk, a URL, or an input that failed before parsing. */
export type InputItem =
  | { kind: 'file'; path: string; size: number }
  | { kind: 'url'; url: string }
  | { kind: 'error'; item: string; reason: string; retryable: boolean };

const skippedNames = /^(\.|README\.md$|index\.csv$|LICENSE|.*\.dtd$)/i;

async function* walk(directory: string): AsyncGenerator<InputItem> {
  let entries: string[];
  try {
    const handle = await opendir(directory);
    entries = [];
    for await (const entry of handle) entries.push(entry.name);
  } catch (error) {
    yield {
      kind: 'error',
      item: directory,
      reason: `cannot read directory: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      retryable: false,
    };
    return;
  }
  // Sorted so runs are deterministic and a resumed run meets items in the same order.
  for (const name of entries.sort()) {
    if (skippedNames.test(name)) continue;
    yield* expandPath(path.join(directory, name));
  }
}

async function* expandPath(target: string): AsyncGenerator<InputItem> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file or directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (error as Error).message;
    yield { kind: 'error', item: target, reason, retryable: false };
    return;
  }
  if (info.isDirectory()) yield* walk(target);
  else if (info.isFile()) yield { kind: 'file', path: target, size: info.size };
  else yield { kind: 'error', item: target, reason: 'not a regular file', retryable: false };
}

/** Expands paths (files, folders recursively) and URLs into items, in a stable order. */
export async function* expandInputs(inputs: string[]): AsyncGenerator<InputItem> {
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) yield { kind: 'url', url: input };
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      yield {
        kind: 'error',
        item: input,
        reason: 'unsupported URL scheme (only http and https)',
        retryable: false,
      };
    } else yield* expandPath(path.resolve(input));
  }
}
