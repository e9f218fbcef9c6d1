import { describe, expect, it } from 'vitest';
import { FreshReadCoalescer } from '../../graph/fresh-read-coalescer.ts';

/** A read the test finishes by hand: each call is one "transaction" that sees the value at its start. */
function manualReads() {
  let value = 0;
  const pending: { seen: number; settle: (fail?: Error) => void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      const seen = value;
      pending.push({ seen, settle: (fail) => (fail ? reject(fail) : resolve(seen)) });
    });
  return {
    read,
    pending,
    set: (next: number) => {
      value = next;
    },
    finishOldest: (fail?: Error) => pending.shift()?.settle(fail),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FreshReadCoalescer', () => {
  it('answers a caller that arrives during a read with a read begun after its call', async () => {
    const reads = manualReads();
    const coalescer = new FreshReadCoalescer(reads.read);
    const first = coalescer.get();
    reads.set(1); // a change committed while the first read is in flight
    const late = coalescer.get();
    expect(reads.pending).toHaveLength(1);
    reads.finishOldest();
    expect(await first).toBe(0);
    await tick();
    expect(reads.pending).toHaveLength(1);
    reads.finishOldest();
    expect(await late).toBe(1);
  });

  it('serves many callers arriving together with at most two reads', async () => {
    const reads = manualReads();
    const coalescer = new FreshReadCoalescer(reads.read);
    const answers = Array.from({ length: 200 }, () => coalescer.get());
    reads.finishOldest();
    await tick();
    reads.finishOldest();
    await Promise.all(answers);
    expect(reads.pending).toHaveLength(0);
    // Started reads: the first one, then one shared by the 199 that came while it ran.
    const again = coalescer.get();
    expect(reads.pending).toHaveLength(1);
    reads.finishOldest();
    await again;
  });

  it('does not pass a failed read on to callers who were waiting for the next one', async () => {
    const reads = manualReads();
    const coalescer = new FreshReadCoalescer(reads.read);
    const first = coalescer.get();
    const waiting = coalescer.get();
    reads.set(7);
    reads.finishOldest(new Error('connection reset'));
    await expect(first).rejects.toThrow('connection reset');
    await tick();
    reads.finishOldest();
    expect(await waiting).toBe(7);
  });

  it('starts a read of its own for each call made after the previous read finished', async () => {
    const reads = manualReads();
    const coalescer = new FreshReadCoalescer(reads.read);
    for (const value of [3, 4, 5]) {
      reads.set(value);
      const answer = coalescer.get();
      expect(reads.pending).toHaveLength(1);
      reads.finishOldest();
      expect(await answer).toBe(value);
    }
  });
});
