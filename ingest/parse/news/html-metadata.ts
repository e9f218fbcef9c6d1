import type { CheerioAPI } from 'cheerio';
import { findDateInPath, normalizeDate } from './news-dates.ts';

/** Bibliographic data a news page states about itself. */
export interface HtmlMetadata {
  title?: string;
  publishedAt?: string;
  byline?: string;
  canonicalUrl?: string;
  language?: string;
  /** `articleBody` of the page's JSON-LD article object, when the publisher embeds it. */
  jsonLdBody?: string;
}

type JsonObject = Record<string, unknown>;

const articleTypes =
  /^(NewsArticle|Article|BlogPosting|ReportageNews|AnalysisNewsArticle|TechArticle|WebPage|Report)$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return stringOf(value[0]);
  if (isObject(value)) return stringOf(value.name ?? value['@value']);
  return undefined;
}

/** Every object of every JSON-LD block, with `@graph` members and arrays flattened. */
function jsonLdObjects($: CheerioAPI): JsonObject[] {
  const objects: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (isObject(value)) {
      objects.push(value);
      if (value['@graph']) visit(value['@graph']);
    }
  };
  $('script[type="application/ld+json"]').each((_, element) => {
    const raw = $(element)
      .text()
      .replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')
      .trim();
    try {
      visit(JSON.parse(raw));
    } catch {
      // Publishers ship broken JSON-LD (trailing commas, raw newlines); the other sources still apply.
    }
  });
  return objects;
}

function typeNames(object: JsonObject): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((name): name is string => typeof name === 'string');
}

function metaContent($: CheerioAPI, selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = $(selector).first().attr('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href?.trim()) return undefined;
  try {
    return new URL(href.trim(), base).toString();
  } catch {
    return undefined;
  }
}

/** Drops a " | Site Name" or " - Site" suffix when it names the site or is clearly shorter than the headline. */
export function cleanTitle(title: string, siteName?: string): string {
  const text = title.replace(/\s+/g, ' ').trim();
  const parts = text.split(/\s+[|–—-]\s+|\s+::\s+/);
  if (parts.length < 2) return text;
  const site = siteName?.trim().toLowerCase();
  const last = parts[parts.length - 1] ?? '';
  const first = parts[0] ?? '';
  if (site && last.toLowerCase() === site)
    return text.slice(0, text.length - last.length).replace(/\s*\S+\s*$/, '');
  if (site && first.toLowerCase() === site) return text.slice(first.length).replace(/^\s*\S+\s*/, '');
  const head = parts.slice(0, -1).join(' - ');
  if (last.split(' ').length <= 4 && head.split(' ').length >= 3) {
    return text.slice(0, text.lastIndexOf(last)).replace(/\s*\S+\s*$/, '');
  }
  return text;
}

function findTitle($: CheerioAPI, articles: JsonObject[]): string | undefined {
  const siteName = metaContent($, ['meta[property="og:site_name"]']);
  const candidates = [
    metaContent($, ['meta[property="og:title"]', 'meta[name="twitter:title"]']),
    stringOf(articles[0]?.headline),
    $('h1').first().text(),
    $('title').first().text(),
  ];
  for (const candidate of candidates) {
    const cleaned = candidate ? cleanTitle(candidate, siteName) : '';
    if (cleaned) return cleaned;
  }
  return undefined;
}

function findPublishedAt(
  $: CheerioAPI,
  articles: JsonObject[],
  pageUrl: string | undefined,
): string | undefined {
  const metaDate = metaContent($, [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="publish-date"]',
    'meta[name="date"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dc.date"]',
    'meta[name="DC.date"]',
    'meta[name="dcterms.created"]',
    'meta[name="sailthru.date"]',
    'meta[name="parsely-pub-date"]',
    'meta[itemprop="datePublished"]',
    'meta[name="cXenseParse:recs:publishtime"]',
  ]);
  const itemprop = $('[itemprop="datePublished"]').first();
  const candidates = [
    metaDate,
    ...articles.map((article) => stringOf(article.datePublished)),
    itemprop.attr('datetime') ?? itemprop.attr('content') ?? itemprop.text(),
    $('time[datetime]').first().attr('datetime'),
    ...articles.map((article) => stringOf(article.dateCreated ?? article.dateModified)),
    metaContent($, ['meta[property="article:modified_time"]', 'meta[property="og:updated_time"]']),
  ];
  for (const candidate of candidates) {
    const date = normalizeDate(candidate);
    if (date) return date;
  }
  if (!pageUrl) return undefined;
  try {
    return findDateInPath(new URL(pageUrl).pathname);
  } catch {
    return findDateInPath(pageUrl);
  }
}

function findByline($: CheerioAPI, articles: JsonObject[]): string | undefined {
  const fromJson = articles
    .map((article) => {
      const author = article.author ?? article.creator;
      const names = (Array.isArray(author) ? author : [author]).map(stringOf).filter(Boolean);
      return names.join(', ');
    })
    .find((names) => names.length > 0);
  const candidates = [
    metaContent($, ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="byl"]']),
    fromJson,
    $('[rel="author"]').first().text(),
    $('[itemprop="author"] [itemprop="name"]').first().text() || $('[itemprop="author"]').first().text(),
    $('.byline, .author-name').first().text(),
  ];
  for (const candidate of candidates) {
    const text = candidate?.replace(/\s+/g, ' ').trim();
    // Facebook profile URLs in article:author are not a name.
    if (text && !/^https?:/i.test(text) && text.length <= 200) return text.replace(/^by\s+/i, '');
  }
  return undefined;
}

/** Reads title, date, byline, canonical URL, language and JSON-LD body from a page's markup. */
export function readHtmlMetadata($: CheerioAPI, pageUrl?: string): HtmlMetadata {
  const objects = jsonLdObjects($);
  const articles = objects.filter((object) => typeNames(object).some((name) => articleTypes.test(name)));
  const canonicalUrl =
    resolveUrl($('link[rel="canonical"]').first().attr('href'), pageUrl) ??
    resolveUrl(metaContent($, ['meta[property="og:url"]']), pageUrl);
  const language = /^[a-z]{2}/i.exec($('html').attr('lang') ?? '')?.[0]?.toLowerCase();
  const jsonLdBody = articles
    .map((article) => stringOf(article.articleBody))
    .find((body) => body && body.length > 0);
  const metadata: HtmlMetadata = {
    title: findTitle($, articles),
    publishedAt: findPublishedAt($, articles, canonicalUrl ?? pageUrl),
    byline: findByline($, articles),
    canonicalUrl,
    language,
    jsonLdBody,
  };
  return metadata;
}
