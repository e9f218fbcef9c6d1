import { describe, expect, it } from 'vitest';
import { CliError, integerFlag } from '../../api/cli-output.ts';

describe('integerFlag', () => {
  it('accepts whole numbers from the minimum up', () => {
    expect(integerFlag('25', '--batch-size')).toBe(25);
    expect(integerFlag('0', '--look-ahead', 0)).toBe(0);
  });

  it('refuses fractions, words, blanks and values below the minimum, naming the flag', () => {
    for (const [value, minimum] of [
      ['0', 1],
      ['-1', 0],
      ['2.5', 1],
      ['ten', 1],
      ['', 0],
      [' ', 0],
    ] as const) {
      expect(() => integerFlag(value, '--look-ahead', minimum)).toThrow(CliError);
      expect(() => integerFlag(value, '--look-ahead', minimum)).toThrow(
        `--look-ahead must be an integer ≥ ${minimum}`,
      );
    }
  });
});
