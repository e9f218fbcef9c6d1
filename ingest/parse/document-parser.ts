import type { Readable } from 'node:stream';
import type { DocumentKind, SectionName } from '../../graph/index.ts';

/**
 * A span of the parsed plain text that belongs to one section. A document usually has many spans
 * per section name (one per abstract paragraph, claim, description paragraph or page).
 */
export interface ParsedSection {
  name: SectionName;
  start: number;
  end: number;
  /** Paragraph label as printed in the source ("[0012]", claim "3", "p4"). */
  paragraph?: string;
  /** 1-based page number (PDF sources). */
  page?: number;
  /** ISO 639-1 code of this span when it differs by section (EPO documents). */
  language?: string;
}

/** A parsed document: plain text plus the section spans and bibliographic data. */
export interface ParsedDocument {
  /** Deterministic id: `patent:<CC><number><kind>` for patents, `news:<sha256(url|title+date)>` for news. */
  id: string;
  kind: DocumentKind;
  title: string;
  /** The stored plain text every offset points into. */
  text: string;
  sections: ParsedSection[];
  /** Absent when the document states no date: it is never guessed. */
  publishedAt?: string;
  filedAt?: string;
  language: string;
  /** Which parser/format produced it, e.g. `uspto-xml`, `epo-xml`, `html`, `rss`, `press-release`. */
  source: string;
  url?: string;
  number?: string;
  kindCode?: string;
  cpc?: string[];
  ipc?: string[];
  assignees?: string[];
  inventors?: string[];
  byline?: string;
}

/** One input item: a file, a URL body, or a member of a bigger container. Bytes are already decompressed. */
export interface ParseSource {
  /** Path or URL, used in error reports. */
  name: string;
  /** Total decompressed size when known. */
  size?: number;
  /** The first bytes (up to 64 KiB), for content sniffing. */
  head: Buffer;
  /** A fresh stream over the whole (decompressed) content. */
  open(): Readable;
  /** Date to use when the content has none (e.g. from a feed item or an index file). */
  fallbackDate?: string;
}

export type ParseOutcome =
  | { ok: true; document: ParsedDocument }
  | { ok: false; item: string; reason: string; retryable: boolean };

/** The contract every format parser implements. */
export interface DocumentParser {
  /** Short format name, e.g. `uspto-xml`. */
  readonly format: string;
  /** True when the content (not just the file name) looks like this parser's format. */
  detect(source: ParseSource): boolean;
  /** Streams documents out of the source; failures of single items are yielded, not thrown. */
  parse(source: ParseSource): AsyncIterable<ParseOutcome>;
}
