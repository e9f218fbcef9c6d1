import { describe, expect, it } from 'vitest';
import { htmlArticleParser } from '../../../../ingest/parse/news/html-article-parser.ts';
import { dateOnlyLine, leadingDatelineDate } from '../../../../ingest/parse/news/news-dates.ts';
import { pressReleaseParser } from '../../../../ingest/parse/news/press-release-parser.ts';
import { bufferSource } from '../../../../ingest/sources/file-source.ts';
import { collect } from '../parser-contract.ts';

async function parseText(name: string, text: string) {
  const [outcome] = await collect(pressReleaseParser, bufferSource(name, Buffer.from(text)));
  if (!outcome?.ok) throw new Error(`expected a document, got ${JSON.stringify(outcome)}`);
  return outcome.document;
}

const body =
  'Acme Aerogels said its silica aerogel blankets now insulate cryogenic pipelines at two LNG terminals.';

describe('datelines at the start of a text', () => {
  it.each([
    ['May 1, 2025 -- ', '2025-05-01'],
    ['HOUSTON, May 1, 2025 /PRNewswire/ -- ', '2025-05-01'],
    ['Berlin, Germany – 20 January 2026 – ', '2026-01-20'],
    ['20 January 2026 -- ', '2026-01-20'],
    ['TOKYO, Sept. 3, 2024 (BUSINESS WIRE) -- ', '2024-09-03'],
    ['2026-01-20 — ', '2026-01-20'],
  ])('reads %j', async (dateline, expected) => {
    expect(leadingDatelineDate(`${dateline}${body}`)).toBe(expected);
    const document = await parseText('note.md', `# Aerogel for LNG lines\n\n${dateline}${body}\n`);
    expect(document.publishedAt).toBe(expected);
    expect(document.text).toContain('cryogenic pipelines');
  });

  it.each([
    ['12 February 2026 – ', '2026-02-12'],
    ['HOUSTON, May 1, 2025 /PRNewswire/ -- ', '2025-05-01'],
    ['2026-01-20 — ', '2026-01-20'],
  ])(
    'reads %j opening a text that has no title line, and titles it from its first sentence',
    async (dateline, expected) => {
      const document = await parseText('note.md', `${dateline}${body}\n\nA second paragraph.\n`);
      expect(document.publishedAt).toBe(expected);
      expect(document.title).toBe(body.replace(/\.$/, ''));
      expect(document.text).toContain('cryogenic pipelines');
      expect(document.text).toContain('A second paragraph.');
    },
  );

  it('never takes a date mentioned inside the story', () => {
    expect(leadingDatelineDate('The company said on May 1, 2025 -- that it would expand.')).toBeUndefined();
    expect(leadingDatelineDate('Sales grew 20 January 2026 was the record day')).toBeUndefined();
    expect(dateOnlyLine('Published in 2026-01-20 issue')).toBeUndefined();
    expect(dateOnlyLine('2026-02-30')).toBeUndefined();
  });

  it('reads an ISO date on its own line of a plain-text note and keeps it out of title and body', async () => {
    const document = await parseText('note.txt', `Kraft lignin binder trial\n2026-01-20\n\n${body}\n`);
    expect(document.publishedAt).toBe('2026-01-20');
    expect(document.title).toBe('Kraft lignin binder trial');
    expect(document.text).not.toContain('2026-01-20');
    const dateFirst = await parseText('note2.txt', `2026-01-21\n\nKraft lignin binder trial\n\n${body}\n`);
    expect(dateFirst.publishedAt).toBe('2026-01-21');
    expect(dateFirst.title).toBe('Kraft lignin binder trial');
  });

  it('keeps a text with no stated date, with an unknown date rather than a guessed one', async () => {
    const document = await parseText(
      'undated.md',
      `# MXene shielding\n\n${body} It shipped on 3 March 2025.\n`,
    );
    expect(document.publishedAt).toBeUndefined();
    expect(document.title).toBe('MXene shielding');
  });
});

describe('HTML pages without a stated date', () => {
  const paragraphs = Array.from(
    { length: 4 },
    (_, i) =>
      `<p>Paragraph ${i + 1}: MXene coatings give lightweight electromagnetic interference shielding for drone housings and sensor enclosures in harsh service.</p>`,
  ).join('\n');

  it('accepts a page without any date, with an unknown date', async () => {
    const html = `<!doctype html><html><head><title>MXene shielding for drones</title></head><body><article><h1>MXene shielding for drones</h1>${paragraphs}</article></body></html>`;
    const [outcome] = await collect(htmlArticleParser, bufferSource('page.html', Buffer.from(html)));
    expect(outcome?.ok).toBe(true);
    if (!outcome?.ok) return;
    expect(outcome.document.publishedAt).toBeUndefined();
    expect(outcome.document.text).toContain('electromagnetic interference shielding');
  });

  it('reads a dateline opening the article body when the page has no date metadata', async () => {
    const html = `<!doctype html><html><head><title>MXene shielding</title></head><body><article><h1>MXene shielding</h1><p>HOUSTON, May 1, 2025 /PRNewswire/ -- Acme ships MXene films for shielding of avionics boxes in small aircraft and drones.</p>${paragraphs}</article></body></html>`;
    const [outcome] = await collect(htmlArticleParser, bufferSource('page.html', Buffer.from(html)));
    expect(outcome?.ok && outcome.document.publishedAt).toBe('2025-05-01');
  });
});
