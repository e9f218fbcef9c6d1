import { describe, expect, it } from 'vitest';
import { selectSpecificSpans, type TermSpan } from '../../../ingest/extract/term-spans.ts';

const span = (
  label: TermSpan['label'],
  start: number,
  end: number,
  source: TermSpan['source'],
): TermSpan => ({
  label,
  start,
  end,
  surface: `${start}-${end}`,
  source,
});

describe('selectSpecificSpans', () => {
  it('keeps the longest of overlapping spans, then vocabulary before patterns before mined', () => {
    const chosen = selectSpecificSpans([
      span('Material', 0, 6, 'vocabulary'), // silica
      span('Material', 0, 14, 'mined'), // silica aerogel
      span('Application', 20, 29, 'mined'),
      span('Application', 20, 29, 'vocabulary'),
      span('Material', 30, 35, 'pattern'),
    ]);
    expect(chosen.map((item) => `${item.surface}:${item.source}`)).toEqual([
      '0-14:mined',
      '20-29:vocabulary',
      '30-35:pattern',
    ]);
  });
});
