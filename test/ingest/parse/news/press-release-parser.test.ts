import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pressReleaseParser } from '../../../../ingest/parse/news/press-release-parser.ts';
import { bufferSource, openFileSource } from '../../../../ingest/sources/file-source.ts';
import { fixture } from '../../../support/paths.ts';
import { collect, expectParserContract } from '../parser-contract.ts';

/** 13 CC0 releases, one or more per wire, with their rows of the archive index. */
const root = fixture('news-press-releases-materials');
const labcon = path.join(
  root,
  'articles/247PressRelease/2024/0923/labcon-and-polycarbin-partner-to-advance-a-circular-supply-chain-for-laboratory-plastics.md',
);

async function indexDates(): Promise<Map<string, string>> {
  const rows = (await readFile(path.join(root, 'index.csv'), 'utf8')).trim().split('\n').slice(1);
  // path,source,date,… — the first three columns never contain commas.
  return new Map(rows.map((row) => row.split(',')).map((cells) => [cells[0] ?? '', cells[2] ?? '']));
}

describe('PressReleaseParser', () => {
  it('satisfies the parser contract and reads title, dateline date and wire of a real release', async () => {
    const [document] = await expectParserContract(pressReleaseParser, await openFileSource(labcon));
    // The heading wraps onto a second line in the file.
    expect(document?.title).toBe(
      'Labcon and Polycarbin Partner to Advance a Circular Supply Chain for Laboratory Plastics',
    );
    expect(document?.publishedAt).toBe('2024-09-23');
    expect(document?.byline).toBe('24-7PressRelease');
    expect(document?.text).toContain('Labcon North America');
    expect(document?.text).not.toMatch(/Pickup|Blockchain|Reddit|https?:|Original\/Source|\]\(/);
  });

  it('parses releases of every wire, with dates agreeing with the archive index', async () => {
    const dates = await indexDates();
    const disagreeing = new Map<string, string>();
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
      if (document.publishedAt !== dates.get(relative))
        disagreeing.set(relative, document.publishedAt ?? 'undated');
    }
    expect(dates.size).toBe(13);
    // The one pressservices release whose dateline ("November 15, 2024") precedes its archive folder date.
    expect(Object.fromEntries(disagreeing)).toEqual({
      'pressservices/2024/1119/discover-the-power-of-thermal-transfer-labels-versatility-meets-customization.md':
        '2024-11-15',
    });
  });

  it('falls back to the date in the path, then to the source fallback date', async () => {
    const text = Buffer.from(
      '# Nylon recycling plant opens\n\nThe plant turns carpet waste into nylon 6 pellets.\n',
    );
    const fromPath = await collect(pressReleaseParser, bufferSource('articles/ibn/2025/0909/nylon.md', text));
    expect(fromPath[0]?.ok && fromPath[0].document.publishedAt).toBe('2025-09-09');
    const fromFallback = await collect(
      pressReleaseParser,
      bufferSource('upload.md', text, { fallbackDate: '2024-01-02' }),
    );
    expect(fromFallback[0]?.ok && fromFallback[0].document.publishedAt).toBe('2024-01-02');
    // No stated date anywhere: the release is kept with an unknown date, never a guessed one.
    const none = await collect(pressReleaseParser, bufferSource('upload.md', text));
    expect(none[0]?.ok).toBe(true);
    expect(none[0]?.ok && 'publishedAt' in none[0].document).toBe(false);
  });

  it('reads non-UTF-8 (latin-1) text as windows-1252 instead of rejecting it', async () => {
    const latin1 = Buffer.from(
      '# Café coatings\n\nPARIS, May 2, 2024 /PRNewswire/ -- Société X launches a crème coating.\n',
      'latin1',
    );
    const source = bufferSource('release.txt', latin1);
    expect(pressReleaseParser.detect(source)).toBe(true);
    const [outcome] = await collect(pressReleaseParser, source);
    if (!outcome?.ok) throw new Error('expected a document');
    expect(outcome.document.title).toBe('Café coatings');
    expect(outcome.document.text).toContain('Société X launches a crème coating.');
    expect(outcome.document.publishedAt).toBe('2024-05-02');
    expect(outcome.document.byline).toBe('PRNewswire');
  });

  it('rejects binary, markup and JSON in detection and reports an empty file', async () => {
    expect(pressReleaseParser.detect(bufferSource('x.md', Buffer.from([0x41, 0x00, 0x42])))).toBe(false);
    expect(pressReleaseParser.detect(bufferSource('x.md', Buffer.from('<html><body></body></html>')))).toBe(
      false,
    );
    expect(pressReleaseParser.detect(bufferSource('x.md', Buffer.from('{"title": "x"}')))).toBe(false);
    const empty = await collect(pressReleaseParser, bufferSource('empty.md', Buffer.from('\n \n')));
    expect(empty[0]).toMatchObject({ ok: false, item: 'empty.md', retryable: false });
  });
});
