import { load } from 'cheerio';
import { readAll } from '../../sources/file-source.ts';
import type { DocumentParser, ParseOutcome, ParseSource } from '../document-parser.ts';
import { failedOutcome, ParseInputError } from '../parse-input-error.ts';
import { extractArticleParagraphs } from './html-article-body.ts';
import { readHtmlMetadata } from './html-metadata.ts';
import { leadingDatelineDate } from './news-dates.ts';
import { buildNewsDocument } from './news-document-builder.ts';
import { decodeWithCharset } from './text-decoding.ts';

/** Pages above this are not articles (or are hostile); the limit also bounds memory per page. */
export const maxHtmlBytes = 20 * 1024 * 1024;

/** Fewer words than this after extraction means the page has no article. */
const minArticleWords = 15;

function headText(source: ParseSource): string {
  return source.head
    .subarray(0, 8192)
    .toString('latin1')
    .replace(/^\uFEFF/, '')
    .toLowerCase();
}

/** Charset from a BOM or a `<meta charset>` / `http-equiv` declaration in the first bytes. */
function declaredCharset(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  const head = bytes.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
}

function isUrl(name: string): boolean {
  return /^https?:\/\//i.test(name);
}

/** News and blog pages in HTML: metadata from the markup, the article body without boilerplate. */
export class HtmlArticleParser implements DocumentParser {
  readonly format = 'html';

  detect(source: ParseSource): boolean {
    const head = headText(source).trimStart();
    if (
      /^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:rdf)\b/.test(head) ||
      /^<(rss|feed|rdf:rdf)\b/.test(head)
    ) {
      return false;
    }
    // Markup starts with a tag (or a comment); JSON or text that merely mentions `<html` is not a page.
    return head.startsWith('<') && /<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]/.test(head);
  }

  async *parse(source: ParseSource): AsyncIterable<ParseOutcome> {
    try {
      yield { ok: true, document: await this.parseOne(source) };
    } catch (error) {
      yield failedOutcome(source.name, error);
    }
  }

  private async parseOne(source: ParseSource) {
    if (source.size !== undefined && source.size > maxHtmlBytes) {
      throw new ParseInputError(`page is ${source.size} bytes, above the ${maxHtmlBytes}-byte limit`);
    }
    let bytes: Buffer;
    try {
      bytes = await readAll(source, maxHtmlBytes);
    } catch (error) {
      if (error instanceof RangeError) throw new ParseInputError(error.message, { cause: error });
      throw error;
    }
    if (bytes.toString('utf8').trim().length === 0) throw new ParseInputError('empty page');
    const html = decodeWithCharset(bytes, declaredCharset(bytes)).text;
    const pageUrl = isUrl(source.name) ? source.name : undefined;
    const metadata = readHtmlMetadata(load(html), pageUrl);
    const paragraphs = extractArticleParagraphs(html, metadata);
    // A login form or a gallery leaves a few menu words; that is not an article.
    const words = paragraphs.join(' ').split(/\s+/).filter(Boolean).length;
    if (words < minArticleWords)
      throw new ParseInputError(`no article text found on the page (${words} words)`);
    // A page without any stated date is kept with an unknown date rather than rejected or guessed.
    const publishedAt =
      metadata.publishedAt ??
      paragraphs.slice(0, 3).map(leadingDatelineDate).find(Boolean) ??
      source.fallbackDate;
    return buildNewsDocument({
      title: metadata.title ?? '',
      paragraphs,
      ...(publishedAt ? { publishedAt } : {}),
      source: this.format,
      language: metadata.language,
      url: metadata.canonicalUrl ?? pageUrl,
      byline: metadata.byline,
    });
  }
}

export const htmlArticleParser: DocumentParser = new HtmlArticleParser();
