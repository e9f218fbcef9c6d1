import { describe, expect, it } from 'vitest';
import { isRetryableFailure } from '../../../ingest/sources/failure-retryability.ts';
import { FetchError } from '../../../ingest/sources/safe-fetch.ts';

/** The error a real operation throws. */
function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('isRetryableFailure', () => {
  it('never retries what outgrows a string or a buffer', () => {
    expect(isRetryableFailure(thrownBy(() => 'x'.repeat(2 ** 30)))).toBe(false);
    expect(isRetryableFailure(thrownBy(() => Buffer.alloc(2 ** 53)))).toBe(false);
    expect(isRetryableFailure(new RangeError('Array buffer allocation failed'))).toBe(false);
    expect(isRetryableFailure(Object.assign(new Error('too big'), { code: 'ERR_STRING_TOO_LONG' }))).toBe(
      false,
    );
  });

  it("follows an error's own flag, and retries unknown failures", () => {
    expect(isRetryableFailure(new FetchError('http://x.test/', 'HTTP 503', { retryable: true }))).toBe(true);
    expect(isRetryableFailure(new FetchError('http://x.test/', 'too large', { retryable: false }))).toBe(
      false,
    );
    expect(
      isRetryableFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
  });
});
