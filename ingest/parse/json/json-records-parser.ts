import { readAll } from '../../sources/file-source.ts';
import type { DocumentParser, ParseOutcome, ParseSource } from '../document-parser.ts';
import { failedOutcome, ParseInputError } from '../parse-input-error.ts';
import { readTextLines } from '../text-lines.ts';
import { recordToDocument } from './json-record-document.ts';
import { builtInRecordMappings, type RecordMapping, selectRecordMapping } from './json-record-mapping.ts';

/** A single (non-line-delimited) JSON document is parsed in memory, so it is bounded. */
export const maxJsonDocumentBytes = 256 * 1024 * 1024;

/** One JSON Lines record is one document: the same cap as a USPTO XML document. */
export const maxJsonLineCharacters = 20 * 1024 * 1024;

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLineOf(head: Buffer): string {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const newline = text.indexOf('\n');
  return (newline >= 0 ? text.slice(0, newline) : text).trim();
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON and JSONL records (patents, news, papers) mapped to documents by a declared field mapping chosen
 * from each record's keys. JSONL is streamed line by line; a bad line is reported as `<file>:<line>`
 * and the rest still parse.
 */
export class JsonRecordsParser implements DocumentParser {
  readonly format = 'json-records';

  constructor(private readonly mappings: readonly RecordMapping[] = builtInRecordMappings) {}

  detect(source: ParseSource): boolean {
    const text = source.head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (!/^[[{]/.test(text)) return false;
    // A complete first line (JSONL, or a one-line JSON file) or a pretty-printed object/array opening.
    return parsesAsJson(firstLineOf(source.head)) || /^(\{\s*"|\[\s*[{"\]\d-]|\{\s*\})/.test(text);
  }

  async *parse(source: ParseSource): AsyncIterable<ParseOutcome> {
    const firstLine = firstLineOf(source.head);
    if (firstLine && parsesAsJson(firstLine)) {
      yield* this.parseLines(source);
      return;
    }
    yield* this.parseDocument(source);
  }

  private async *parseLines(source: ParseSource): AsyncIterable<ParseOutcome> {
    // Line by line, never more than one line held: a file of one endless line fails that line alone.
    for await (const batch of readTextLines(source.open(), { maxLineCharacters: maxJsonLineCharacters })) {
      for (const line of batch) {
        const item = `${source.name}:${line.number}`;
        if (!('text' in line)) {
          yield failedOutcome(
            item,
            new ParseInputError(
              `record too large: ${line.characters} characters on one line (at most ${maxJsonLineCharacters})`,
            ),
          );
          continue;
        }
        if (!line.text.trim()) continue;
        let value: unknown;
        try {
          value = JSON.parse(line.text);
        } catch (error) {
          yield failedOutcome(item, new ParseInputError(`malformed JSON line: ${(error as Error).message}`));
          continue;
        }
        yield this.recordOutcome(value, item);
      }
    }
  }

  private async *parseDocument(source: ParseSource): AsyncIterable<ParseOutcome> {
    let value: unknown;
    try {
      const bytes = await readAll(source, maxJsonDocumentBytes).catch((error: unknown) => {
        throw error instanceof RangeError ? new ParseInputError(error.message, { cause: error }) : error;
      });
      if (!bytes.toString('utf8').trim()) throw new ParseInputError('empty JSON file');
      try {
        value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      } catch (error) {
        throw new ParseInputError(`malformed JSON: ${(error as Error).message}`, { cause: error });
      }
    } catch (error) {
      yield failedOutcome(source.name, error);
      return;
    }
    if (Array.isArray(value)) {
      for (const [index, record] of value.entries())
        yield this.recordOutcome(record, `${source.name}[${index}]`);
      return;
    }
    yield this.recordOutcome(value, source.name);
  }

  private recordOutcome(value: unknown, item: string): ParseOutcome {
    try {
      if (!isRecord(value)) throw new ParseInputError('record is not a JSON object');
      const mapping = selectRecordMapping(value, this.mappings);
      if (!mapping) {
        const keys = Object.keys(value).slice(0, 12).join(', ');
        throw new ParseInputError(`no record mapping matches a record with keys: ${keys}`);
      }
      return { ok: true, document: recordToDocument(value, mapping) };
    } catch (error) {
      return failedOutcome(item, error);
    }
  }
}

export const jsonRecordsParser: DocumentParser = new JsonRecordsParser();
