import { describe, expect, it } from 'vitest';
import { formatScore } from '../../../agent/index.ts';
// @ts-expect-error: the review page's modules are plain browser JavaScript, without type declarations.
import { formatScore as reviewPageScore } from '../../../api/review-page/modules/format.js';

describe('formatScore', () => {
  it('gives the decimals asked for, and two significant digits to a score too small for them', () => {
    expect(formatScore(0.6324)).toBe('0.632');
    expect(formatScore(1)).toBe('1.000');
    expect(formatScore(0)).toBe('0.000');
    expect(formatScore(0.0005)).toBe('0.001');
    expect(formatScore(0.000_18)).toBe('0.00018');
    expect(formatScore(1.8e-5)).toBe('0.000018');
    expect(formatScore(3.4e-9)).toBe('3.4e-9');
    expect(formatScore(0.394, 2)).toBe('0.39');
    expect(formatScore(0.004, 2)).toBe('0.0040');
  });

  it('gives a score too close to 1 for its decimals two significant digits of its distance from 1', () => {
    expect(formatScore(0.99997)).toBe('0.999970');
    expect(formatScore(0.999_812)).toBe('0.99981');
    expect(formatScore(0.9994)).toBe('0.999');
    expect(formatScore(1 - 4.2e-9)).toBe('0.9999999958');
    expect(formatScore(0.996, 2)).toBe('0.9960');
  });

  it('keeps scores that differ apart where three decimals would tie them', () => {
    for (const close of [
      [1.8e-5, 2.3e-5, 6.9e-5],
      [0.99991, 0.99997, 0.999_999_2],
    ]) {
      expect(new Set(close.map((score) => score.toFixed(3))).size).toBe(1);
      expect(new Set(close.map((score) => formatScore(score))).size).toBe(close.length);
    }
  });

  it('reads the same as the review page', () => {
    for (const score of [0, 1, 0.5, 0.0123, 0.0005, 0.000_49, 1.8e-5, 7e-12, 0.999_9, 0.99997, 1 - 1e-13]) {
      expect(formatScore(score)).toBe(reviewPageScore(score));
    }
  });
});
