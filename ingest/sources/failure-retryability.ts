/** Node error codes of limits no retry can lift: the same input hits them again. */
const permanentCodes = new Set([
  'ERR_STRING_TOO_LONG',
  'ERR_BUFFER_TOO_LARGE',
  'ERR_FS_FILE_TOO_LARGE',
  'ERR_OUT_OF_RANGE',
  'EFBIG',
]);

/** Messages V8 gives when an input outgrows memory or a string; retrying the same input repeats it. */
const permanentMessages =
  /invalid string length|array buffer allocation failed|invalid typed array length|out of memory|maximum call stack size exceeded|cannot create a string longer than/i;

/**
 * Whether a failed item may succeed when tried again: an error's own `retryable` flag decides when it
 * has one (FetchError, parser errors); resource limits (string length, buffer size, out of memory) never
 * go away by retrying; anything else unknown (network, database) may.
 */
export function isRetryableFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const flagged = (error as { retryable?: unknown }).retryable;
  if (typeof flagged === 'boolean') return flagged;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && permanentCodes.has(code)) return false;
  const message = (error as { message?: unknown }).message;
  return !(typeof message === 'string' && permanentMessages.test(message));
}
