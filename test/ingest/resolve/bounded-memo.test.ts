import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../../ingest/resolve/bounded-memo.ts';

describe('boundedMemo', () => {
  it('computes each key once and returns the cached result, null results included', () => {
    const calls: string[] = [];
    const memo = boundedMemo((key: string) => {
      calls.push(key);
      return key === 'none' ? null : key.toUpperCase();
    });
    expect([memo('ab'), memo('ab'), memo('none'), memo('none'), memo('cd')]).toEqual([
      'AB',
      'AB',
      null,
      null,
      'CD',
    ]);
    expect(calls).toEqual(['ab', 'none', 'cd']);
  });

  it('empties its cache when it reaches its limit, so memory stays bounded', () => {
    const calls: string[] = [];
    const memo = boundedMemo((key: string) => {
      calls.push(key);
      return key.length;
    }, 2);
    memo('a');
    memo('bb');
    // Full: the third key empties the cache first, so "a" is computed again afterwards.
    memo('ccc');
    memo('ccc');
    memo('a');
    expect(calls).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
