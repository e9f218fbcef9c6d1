import { load } from 'cheerio';
import Parser from 'rss-parser';
import { readAll } from '../../sources/file-source.ts';
import type { DocumentParser, ParseOutcome, ParseSource } from '../document-parser.ts';
import { failedOutcome, ParseInputError } from '../parse-input-error.ts';
import { htmlParagraphs } from './html-article-body.ts';
import { normalizeDate } from './news-dates.ts';
import { buildNewsDocument } from './news-document-builder.ts';
import { decodeUtf8OrWindows1252 } from './text-decoding.ts';

/** Feeds are small; a bigger "feed" is a dump that needs another tool. */
export const maxFeedBytes = 20 * 1024 * 1024;

type FeedItem = Parser.Item & { 'content:encoded'?: string; summary?: string; author?: string };

/** Skips a BOM, the XML declaration, comments and processing instructions to the root element. */
function rootElementOf(head: Buffer): string {
  return head
    .subarray(0, 8192)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, '')
    .trimStart()
    .slice(0, 2048);
}

/** Plain paragraphs of an item's HTML (or plain) content. */
function bodyParagraphs(html: string): string[] {
  const $ = load(`<div>${html}</div>`);
  return htmlParagraphs($, $.root());
}

/** RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item becomes a news document with its link as `url`. */
export class RssFeedParser implements DocumentParser {
  readonly format = 'rss';
  private readonly feedParser = new Parser<Record<string, unknown>, FeedItem>({
    customFields: { item: ['summary', 'author'] },
  });

  detect(source: ParseSource): boolean {
    const root = rootElementOf(source.head);
    return (
      /^<rss[\s>]/i.test(root) ||
      /^<rdf:RDF[\s>]/.test(root) ||
      /^<feed[^>]*xmlns\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom["']/.test(root)
    );
  }

  async *parse(source: ParseSource): AsyncIterable<ParseOutcome> {
    let items: FeedItem[];
    try {
      let bytes: Buffer;
      try {
        bytes = await readAll(source, maxFeedBytes);
      } catch (error) {
        if (error instanceof RangeError) throw new ParseInputError(error.message, { cause: error });
        throw error;
      }
      if (!bytes.toString('utf8').trim()) throw new ParseInputError('empty feed');
      const feed = await this.feedParser.parseString(decodeUtf8OrWindows1252(bytes).text);
      items = feed.items;
    } catch (error) {
      yield failedOutcome(
        source.name,
        error instanceof ParseInputError
          ? error
          : new ParseInputError(`not a readable feed: ${(error as Error).message}`, { cause: error }),
      );
      return;
    }
    for (const [index, item] of items.entries()) {
      const itemName = item.link ?? `${source.name}#${index + 1}`;
      try {
        const publishedAt = normalizeDate(item.isoDate ?? item.pubDate) ?? source.fallbackDate;
        const html = item['content:encoded'] ?? item.content ?? item.summary ?? item.contentSnippet ?? '';
        yield {
          ok: true,
          document: buildNewsDocument({
            title: item.title ?? '',
            paragraphs: bodyParagraphs(html),
            publishedAt,
            source: this.format,
            url: item.link,
            byline: item.creator ?? item.author,
          }),
        };
      } catch (error) {
        yield failedOutcome(itemName, error);
      }
    }
  }
}

export const rssFeedParser: DocumentParser = new RssFeedParser();
