import { describe, expect, it } from 'vitest';
import { htmlArticleParser } from '../../../../ingest/parse/news/html-article-parser.ts';
import { openFileSource } from '../../../../ingest/sources/file-source.ts';
import { sharedData } from '../../../support/paths.ts';
import { collect, expectParserContract } from '../parser-contract.ts';

const wsjPage = '042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856';
const page = (key: string) => sharedData('news-html-article-benchmark', 'html', `${key}.html.gz`);

describe('HtmlArticleParser on a page of the article-extraction benchmark', () => {
  it('satisfies the parser contract on a real gzipped news page', async () => {
    const [document] = await expectParserContract(htmlArticleParser, await openFileSource(page(wsjPage)));
    expect(document?.sections[0]).toMatchObject({ name: 'title', start: 0 });
    expect(document?.sections.slice(1).every((section) => section.name === 'body')).toBe(true);
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
});
