import { expect } from 'vitest';
import type {
  DocumentParser,
  ParsedDocument,
  ParseOutcome,
  ParseSource,
} from '../../../ingest/parse/document-parser.ts';

/** Collects every outcome of one parse. */
export async function collect(parser: DocumentParser, source: ParseSource): Promise<ParseOutcome[]> {
  const outcomes: ParseOutcome[] = [];
  for await (const outcome of parser.parse(source)) outcomes.push(outcome);
  return outcomes;
}

/**
 * The shared contract every DocumentParser must satisfy on a real sample: it detects the sample by
 * content, yields well-formed documents whose section spans lie inside the text in order without
 * overlapping, and produces the same ids and text on a second parse (determinism → idempotent ingest).
 */
export async function expectParserContract(
  parser: DocumentParser,
  source: ParseSource,
): Promise<ParsedDocument[]> {
  expect(parser.detect(source)).toBe(true);
  const first = await collect(parser, source);
  const second = await collect(parser, source);
  expect(second.length).toBe(first.length);
  const documents: ParsedDocument[] = [];
  for (const [index, outcome] of first.entries()) {
    if (!outcome.ok) {
      expect(outcome.reason.length).toBeGreaterThan(5);
      continue;
    }
    const document = outcome.document;
    documents.push(document);
    const again = second[index];
    expect(again?.ok && again.document.id).toBe(document.id);
    expect(again?.ok && again.document.text).toBe(document.text);
    expect(document.id).toMatch(/^(patent|news|report):\S+$/);
    expect(document.title.trim().length).toBeGreaterThan(0);
    // A document states its date or has none (unknown, never guessed).
    if (document.publishedAt !== undefined) expect(document.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(document.language).toMatch(/^[a-z]{2}$/);
    expect(document.sections.length).toBeGreaterThan(0);
    let previousEnd = 0;
    for (const section of document.sections) {
      expect(section.start).toBeGreaterThanOrEqual(previousEnd);
      expect(section.end).toBeGreaterThan(section.start);
      expect(section.end).toBeLessThanOrEqual(document.text.length);
      expect(document.text.slice(section.start, section.end).trim().length).toBeGreaterThan(0);
      previousEnd = section.end;
    }
  }
  return documents;
}
