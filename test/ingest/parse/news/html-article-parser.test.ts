import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HtmlArticleParser, htmlArticleParser } from '../../../../ingest/parse/news/html-article-parser.ts';
import { cleanTitle } from '../../../../ingest/parse/news/html-metadata.ts';
import { bufferSource, openFileSource } from '../../../../ingest/sources/file-source.ts';
import { repoRoot, sharedData } from '../../../support/paths.ts';
import { collect, expectParserContract } from '../parser-contract.ts';

const wsjPage = '042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856';
const page = (key: string) => sharedData('news-html-article-benchmark', 'html', `${key}.html.gz`);
const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'news', name);

describe('HtmlArticleParser', () => {
  it('satisfies the parser contract on a real gzipped news page', async () => {
    const [document] = await expectParserContract(htmlArticleParser, await openFileSource(page(wsjPage)));
    expect(document?.sections[0]).toMatchObject({ name: 'title', start: 0 });
    expect(document?.sections.slice(1).every((section) => section.name === 'body')).toBe(true);
    expect(document?.sections[1]?.paragraph).toBe('p1');
  });

  it('reads the title, date, byline and canonical URL the WSJ page states', async () => {
    const [outcome] = await collect(htmlArticleParser, await openFileSource(page(wsjPage)));
    if (!outcome?.ok) throw new Error('expected a document');
    const document = outcome.document;
    expect(document.title).toBe(
      'Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play…and Pay',
    );
    expect(document.url).toBe(
      'https://www.wsj.com/articles/google-stadia-microsoft-xcloud-apple-arcade-so-many-ways-to-playand-pay-11574168580',
    );
    expect(document.publishedAt).toBe('2019-11-19T13:03:00.000Z');
    expect(document.byline).toBe('Sarah E. Needleman');
    // The benchmark names each page by the SHA-256 of its URL, and our id hashes the canonical URL.
    expect(document.id).toBe(`news:${wsjPage.slice(0, 24)}`);
    expect(document.text).toContain('Gaming used to be so simple.');
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
