import { describe, expect, it } from 'vitest';
import { findDateInPath, findDateInText, normalizeDate } from '../../../../ingest/parse/news/news-dates.ts';

describe('news dates', () => {
  it('normalises ISO dates, keeping the time only when it has a zone', () => {
    expect(normalizeDate('2019-11-19T13:03:00.000Z')).toBe('2019-11-19T13:03:00.000Z');
    expect(normalizeDate('2024-03-07T06:00:00+0100')).toBe('2024-03-07T05:00:00.000Z');
    expect(normalizeDate('2012-02-14 00:00:00')).toBe('2012-02-14');
    expect(normalizeDate('2024-02-30')).toBeUndefined();
    expect(normalizeDate('')).toBeUndefined();
  });

  it('reads written-out dates (Reuters, datelines, RSS)', () => {
    expect(normalizeDate('26-FEB-1987 15:46:36.16')).toBe('1987-02-26');
    expect(findDateInText('PETALUMA, CA, September 23, 2024 /24-7PressRelease/ --')).toBe('2024-09-23');
    expect(findDateInText('Tue, 14 May 2024 09:30:00 GMT')).toBe('2024-05-14');
    expect(findDateInText('no date here')).toBeUndefined();
  });

  it('finds dates in URLs and archive paths', () => {
    expect(findDateInPath('/entertainment/2019/11/doobie.html')).toBeUndefined();
    expect(findDateInPath('https://www.cnbc.com/2019/11/20/emirates.html')).toBe('2019-11-20');
    expect(findDateInPath('articles/ibn/2025/0909/slug.md')).toBe('2025-09-09');
  });
});
