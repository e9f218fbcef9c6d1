import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { HtmlArticleParser, htmlArticleParser } from '../../../../ingest/parse/news/html-article-parser.ts';
import { cleanTitle } from '../../../../ingest/parse/news/html-metadata.ts';
import { bufferSource, openFileSource } from '../../../../ingest/sources/file-source.ts';
import { fixture as fixturePath } from '../../../support/paths.ts';
import { collect, expectParserContract } from '../parser-contract.ts';

const fixture = (name: string) => fixturePath('news', name);
/** A full news page we wrote ourselves (cookie banner, navigation, ads, JSON-LD, share and related blocks), gzipped. */
const newsPage = fixture('coc-syringes-article.html.gz');
const newsPageUrl = 'https://news.example.com/materials/2025/06/12/cyclic-olefin-copolymer-syringes';

describe('HtmlArticleParser', () => {
  it('satisfies the parser contract on a gzipped news page', async () => {
    const [document] = await expectParserContract(htmlArticleParser, await openFileSource(newsPage));
    expect(document?.sections[0]).toMatchObject({ name: 'title', start: 0 });
    expect(document?.sections.slice(1).every((section) => section.name === 'body')).toBe(true);
    expect(document?.sections[1]?.paragraph).toBe('p1');
  });

  it('reads the title, date, byline and canonical URL the page states, and only the article body', async () => {
    const [outcome] = await collect(htmlArticleParser, await openFileSource(newsPage));
    if (!outcome?.ok) throw new Error('expected a document');
    const document = outcome.document;
    expect(document.title).toBe(
      'Drugmakers turn to cyclic olefin copolymer syringes as glass shortages bite',
    );
    expect(document.url).toBe(newsPageUrl);
    // 08:30 at UTC+2 in the page's JSON-LD and <time>.
    expect(document.publishedAt).toBe('2025-06-12T06:30:00.000Z');
    expect(document.byline).toBe('Mira Okafor');
    // The id hashes the canonical URL (the og:url's utm_ parameters do not count).
    expect(document.id).toBe(`news:${createHash('sha256').update(newsPageUrl).digest('hex').slice(0, 24)}`);
    expect(document.sections.filter((section) => section.name === 'body')).toHaveLength(5);
    expect(document.text).toContain('Makers of prefilled syringes are adding production lines');
    expect(document.text).toContain('moving existing ones only when supply forces them.');
    expect(document.text).not.toMatch(
      /cookies|Advertisement|Read more|Sign up|You may also like|comments|Photo:|All rights reserved|Subscribe/,
    );
  });

  it('keeps the article and drops navigation, share and related blocks of a hand-written page', async () => {
    const source = bufferSource('https://example.org/news/x', await readFile(fixture('small-article.html')));
    const [outcome] = await collect(htmlArticleParser, source);
    if (!outcome?.ok) throw new Error(`expected a document: ${JSON.stringify(outcome)}`);
    const { document } = outcome;
    expect(document.title).toBe('Ceramic coatings cut turbine wear');
    expect(document.url).toBe('https://example.org/2024/03/07/ceramic-coatings');
    expect(document.publishedAt).toBe('2024-03-07T05:00:00.000Z');
    expect(document.byline).toBe('Ana Lopez');
    expect(document.sections.filter((section) => section.name === 'body')).toHaveLength(3);
    expect(document.text).not.toMatch(/Share on|Other story|Copyright|Home/);
  });

  it('detects HTML by content, not feeds or JSON', () => {
    const parser = new HtmlArticleParser();
    expect(
      parser.detect(bufferSource('page.bin', Buffer.from('<!DOCTYPE html><html><body>x</body></html>'))),
    ).toBe(true);
    expect(
      parser.detect(bufferSource('feed.html', Buffer.from('<?xml version="1.0"?><rss version="2.0"></rss>'))),
    ).toBe(false);
    expect(parser.detect(bufferSource('a.html', Buffer.from('{"html": "<html>"}')))).toBe(false);
  });

  it('reports a page without an article, an empty page and a too-large page as failures', async () => {
    const noArticle = await collect(
      htmlArticleParser,
      bufferSource('login.html', await readFile(fixture('no-article.html'))),
    );
    expect(noArticle).toMatchObject([{ ok: false, item: 'login.html', retryable: false }]);
    expect(noArticle[0]?.ok === false && noArticle[0].reason).toMatch(/no article text/);
    const empty = await collect(htmlArticleParser, bufferSource('empty.html', Buffer.from('  \n')));
    expect(empty[0]?.ok === false && empty[0].reason).toMatch(/empty page/);
    const huge = { ...bufferSource('huge.html', Buffer.from('<html></html>')), size: 21 * 1024 * 1024 };
    const tooLarge = await collect(htmlArticleParser, huge);
    expect(tooLarge[0]?.ok === false && tooLarge[0].reason).toMatch(/limit/);
  });

  it('cleans site-name suffixes from titles only when sensible', () => {
    expect(cleanTitle('Ceramic coatings cut turbine wear | Example Times', 'Example Times')).toBe(
      'Ceramic coatings cut turbine wear',
    );
    expect(cleanTitle('Dow and BASF expand resin output - Reuters')).toBe('Dow and BASF expand resin output');
    expect(cleanTitle('Salt - a history')).toBe('Salt - a history');
  });
});
