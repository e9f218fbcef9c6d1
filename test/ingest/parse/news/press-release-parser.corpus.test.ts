import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pressReleaseParser } from '../../../../ingest/parse/news/press-release-parser.ts';
import { openFileSource } from '../../../../ingest/sources/file-source.ts';
import { sharedData } from '../../../support/paths.ts';
import { collect } from '../parser-contract.ts';

const root = sharedData('news-press-releases-materials');

async function indexDates(): Promise<Map<string, string>> {
  const rows = (await readFile(path.join(root, 'index.csv'), 'utf8')).trim().split('\n').slice(1);
  // path,source,date,… — the first three columns never contain commas.
  return new Map(rows.map((row) => row.split(',')).map((cells) => [cells[0] ?? '', cells[2] ?? '']));
}

describe('PressReleaseParser on the whole shared archive', () => {
  it('parses every release of the archive, with dates agreeing with the archive index', async () => {
    const dates = await indexDates();
    let agreeing = 0;
    for (const relative of dates.keys()) {
      const source = await openFileSource(path.join(root, 'articles', relative));
      expect(pressReleaseParser.detect(source), relative).toBe(true);
      const outcomes = await collect(pressReleaseParser, source);
      expect(outcomes).toHaveLength(1);
      const [outcome] = outcomes;
      if (!outcome?.ok) throw new Error(`${relative}: ${outcome?.reason}`);
      const document = outcome.document;
      expect(document.title.length, relative).toBeGreaterThan(5);
      expect(document.text, relative).not.toMatch(/https?:\/\/|Blockchain Registration|Pickup - /);
      expect(document.text, relative).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
      if (document.publishedAt === dates.get(relative)) agreeing += 1;
    }
    expect(dates.size).toBe(156);
    // Three pressservices datelines are a day or four before the archive date; the rest agree.
    expect(agreeing).toBeGreaterThanOrEqual(153);
  });
});
