import type { ParseOutcome } from './document-parser.ts';

/**
 * The input cannot become a document (empty, too large, wrong encoding, no article). Retrying the same
 * bytes cannot help, unlike a network or disk failure.
 */
export class ParseInputError extends Error {
  override readonly name = 'ParseInputError';
  readonly retryable = false;
}

/** Turns any error met while parsing one item into the failure outcome the pipeline records. */
export function failedOutcome(item: string, error: unknown): ParseOutcome {
  const reason =
    error instanceof Error ? `${error.name}: ${error.message}` : `unexpected failure: ${String(error)}`;
  // Only I/O problems (a file vanished, a stream broke) may go away on a second try.
  const retryable = error instanceof Error && 'code' in error && typeof error.code === 'string';
  return { ok: false, item, reason, retryable };
}
