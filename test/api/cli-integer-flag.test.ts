import { describe, expect, it } from 'vitest';
import { CliError, integerFlag } from '../../api/cli-output.ts';

describe('integerFlag', () => {
  it('accepts whole numbers from the minimum up, and up to the maximum when there is one', () => {
    expect(integerFlag('25', '--batch-size')).toBe(25);
    expect(integerFlag('0', '--look-ahead', 0)).toBe(0);
    expect(integerFlag('65535', '--port', 1, 65535)).toBe(65535);
    expect(integerFlag('0', '--port', 0, 65535)).toBe(0);
  });

  it('refuses fractions, words, blanks and values below the minimum, naming the flag and the value', () => {
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
        `--look-ahead must be an integer ≥ ${minimum}, got '${value}'`,
      );
    }
  });

  it('refuses values outside a range, naming both ends', () => {
    for (const value of ['0', '65536', '80.5', 'http']) {
      expect(() => integerFlag(value, '--port', 1, 65535)).toThrow(
        `--port must be an integer from 1 to 65535, got '${value}'`,
      );
    }
    expect(() => integerFlag('201', '--top', 1, 200)).toThrow(CliError);
  });
});
