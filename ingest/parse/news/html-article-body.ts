import { Readability } from '@mozilla/readability';
import { type CheerioAPI, load } from 'cheerio';
import { parseHTML } from 'linkedom';
import { isBoilerplateParagraph, removeBoilerplate } from './html-boilerplate.ts';
import type { HtmlMetadata } from './html-metadata.ts';
import { cleanParagraph } from './news-document-builder.ts';

const blockTags = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'pre',
  'figcaption',
  'td',
  'th',
  'dt',
  'dd',
]);

/** Splits an HTML fragment into paragraph texts: one per block element, loose text runs in between. */
export function htmlParagraphs($: CheerioAPI, root: ReturnType<CheerioAPI>): string[] {
  const paragraphs: string[] = [];
  let pending = '';
  const flush = (): void => {
    const text = cleanParagraph(pending);
    if (text) paragraphs.push(text);
    pending = '';
  };
  const walk = (nodes: ReturnType<CheerioAPI>): void => {
    nodes.contents().each((_, node) => {
      if (node.type === 'text') {
        pending += node.data;
        return;
      }
      if (node.type !== 'tag') return;
      const tag = node.tagName.toLowerCase();
      if (tag === 'br') {
        pending += '\n';
        return;
      }
      if (tag === 'script' || tag === 'style' || tag === 'noscript') return;
      const element = $(node);
      const isBlock = blockTags.has(tag);
      const hasBlockChildren = isBlock && element.find([...blockTags].join(',')).length > 0;
      if (isBlock && !hasBlockChildren) {
        flush();
        pending = element.text();
        flush();
        return;
      }
      if (/^(div|section|article|main|ul|ol|table|tbody|tr|figure|header|footer|aside)$/.test(tag)) {
        flush();
        walk(element);
        flush();
        return;
      }
      walk(element);
    });
  };
  walk(root);
  flush();
  return paragraphs;
}

/** Runs Mozilla Readability over a linkedom DOM and returns the article's HTML, or undefined. */
function readabilityContent(html: string, cleanFirst: boolean): string | undefined {
  const { document } = parseHTML(html);
  if (cleanFirst) removeBoilerplate(document);
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    charThreshold: 300,
  }).parse();
  return article?.content ?? undefined;
}

function paragraphsOf(content: string | undefined): string[] {
  if (!content) return [];
  const $ = load(content);
  return htmlParagraphs($, $.root()).filter((paragraph) => !isBoilerplateParagraph(paragraph));
}

function lengthOf(paragraphs: string[]): number {
  return paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/**
 * When the publisher's JSON-LD `articleBody` is complete (not the usual 500-character teaser), it is
 * the publisher's own statement of what the article is: paragraphs sharing no word trigram with it are
 * captions, promos or bios. It is not used as the text itself because it often lacks paragraph breaks
 * or carries markup.
 */
function keepParagraphsInJsonLd(paragraphs: string[], jsonLdBody: string | undefined): string[] {
  if (!jsonLdBody || /(\.\.\.|…)\s*$/.test(jsonLdBody)) return paragraphs;
  if (jsonLdBody.length < lengthOf(paragraphs) * 0.8) return paragraphs;
  const words = wordsOf(jsonLdBody);
  const trigrams = new Set(words.map((_, index) => words.slice(index, index + 3).join(' ')));
  const kept = paragraphs.filter((paragraph) => {
    const own = wordsOf(paragraph);
    if (own.length < 6) return true;
    let shared = 0;
    for (let index = 0; index + 3 <= own.length; index += 1) {
      if (trigrams.has(own.slice(index, index + 3).join(' '))) shared += 1;
    }
    return shared / (own.length - 2) >= 0.2;
  });
  return lengthOf(kept) >= lengthOf(paragraphs) * 0.5 ? kept : paragraphs;
}

/** Article body paragraphs of a news page, without navigation, ads and sharing blocks. */
export function extractArticleParagraphs(html: string, metadata: HtmlMetadata = {}): string[] {
  const cleaned = paragraphsOf(readabilityContent(html, true));
  const plain = paragraphsOf(readabilityContent(html, false));
  // Boilerplate removal sometimes takes the article container with it (a class like `story-share`
  // on the wrapper); then the plain Readability reading is the better guess.
  const best = lengthOf(cleaned) >= lengthOf(plain) * 0.6 ? cleaned : plain;
  return keepParagraphsInJsonLd(best, metadata.jsonLdBody);
}
