import type { DocumentParser, ParseOutcome, ParseSource } from '../document-parser.ts';
import { splitApsRecords } from './aps-record-splitter.ts';
import { buildPatentDocument, type PatentBlock } from './patent-document-builder.ts';
import { formatFixedWidthIpc, toIsoDate, uniqueValues } from './patent-fields.ts';

/** One `CODE  value` field of a green-book record, with its continuation lines joined. */
interface ApsField {
  group: string;
  code: string;
  value: string;
}

// Group headers stand alone on a line; fields inside them are `CODE  value` with 5-column indent.
const groupCodes = new Set([
  'PATN',
  'INVT',
  'ASSG',
  'PRIR',
  'REIS',
  'RLAP',
  'CLAS',
  'UREF',
  'FREF',
  'OREF',
  'LREP',
  'PCTA',
  'ABST',
  'GOVT',
  'PARN',
  'BSUM',
  'DRWD',
  'DETD',
  'CLMS',
  'DCLM',
]);
const descriptionGroups = new Set(['GOVT', 'PARN', 'BSUM', 'DRWD', 'DETD']);
const paragraphCodes = /^(PAR|PAL|PAC|PA\d|PD\d|TBL\d?|EQU)$/;
const kindByApplicationType: Record<string, string> = { '1': 'A', '2': 'E', '4': 'S', '5': 'S', '6': 'P' };

/**
 * USPTO APS "green book" full text (grants 1976-2001, `pftaps*.txt`): fixed fields such as `WKU`
 * (number + check digit), `ISD` (issue date), `TTL`, and text groups `ABST`, `BSUM`, `DETD`, `CLMS`.
 * A weekly file holds many records, each starting with `PATN`.
 */
export class UsptoApsParser implements DocumentParser {
  readonly format = 'uspto-aps';

  /** `maxRecordCharacters`: the largest record read (default 20 Mi characters, as an XML document). */
  constructor(private readonly options: { maxRecordCharacters?: number } = {}) {}

  detect(source: ParseSource): boolean {
    const head = source.head.toString('latin1', 0, Math.min(source.head.length, 4096));
    // Read as Latin-1, a UTF-8 byte-order mark is the three characters `ï»¿`.
    return /^(\u00EF\u00BB\u00BF)?PATN\s*\r?\n(WKU|SRC) /.test(head);
  }

  async *parse(source: ParseSource): AsyncGenerator<ParseOutcome> {
    // Record by record: a weekly file is read in the memory of its largest record, and its first
    // grants reach extraction while the rest is still being read.
    let nextIndex = 0;
    try {
      for await (const record of splitApsRecords(source.open(), this.options)) {
        nextIndex = record.index + 1;
        const item = `${source.name}#${record.index}`;
        if ('tooLarge' in record) {
          yield failure(item, `document too large: ${record.characters} characters`);
          continue;
        }
        try {
          yield { ok: true, document: buildPatentDocument(readRecord(parseFields(record.lines))) };
        } catch (error) {
          yield failure(item, errorMessage(error));
        }
      }
    } catch (error) {
      yield failure(`${source.name}#${nextIndex}`, `stream failed: ${errorMessage(error)}`);
    }
  }
}

/** The default APS green-book parser. */
export const usptoApsParser: DocumentParser = new UsptoApsParser();

function parseFields(lines: string[]): ApsField[] {
  const fields: ApsField[] = [];
  let group = 'PATN';
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (!trimmed) continue;
    if (groupCodes.has(trimmed)) {
      group = trimmed;
      continue;
    }
    const last = fields.at(-1);
    if (/^\s/.test(line) && last) {
      last.value += ` ${trimmed.trim()}`;
      continue;
    }
    const code = trimmed.slice(0, 4).trim();
    fields.push({ group, code, value: line.slice(5).trim() });
  }
  return fields;
}

function readRecord(fields: ApsField[]) {
  const first = (group: string, code: string) =>
    fields.find((f) => f.group === group && f.code === code)?.value;
  const all = (group: string, code: string) => fields.filter((f) => f.group === group && f.code === code);
  const wku = first('PATN', 'WKU') ?? '';
  // WKU is the 8-character number followed by a check digit (057006474 = 5,700,647).
  const number = wku.slice(0, 8);
  return {
    country: 'US',
    number,
    kindCode: kindByApplicationType[first('PATN', 'APT') ?? '1'],
    title: first('PATN', 'TTL') ?? '',
    publishedAt: toIsoDate(first('PATN', 'ISD')) ?? '',
    filedAt: toIsoDate(first('PATN', 'APD')),
    language: 'en',
    source: 'uspto-aps',
    ipc: uniqueValues(all('CLAS', 'ICL').map((field) => formatFixedWidthIpc(field.value))),
    assignees: uniqueValues(all('ASSG', 'NAM').map((field) => field.value)),
    inventors: uniqueValues(all('INVT', 'NAM').map((field) => invertName(field.value))),
    blocks: readBlocks(fields),
  };
}

/** `Miyazaki; Takeshi` → `Takeshi Miyazaki`. */
function invertName(value: string): string {
  const [last, first] = value.split(';').map((part) => part.trim());
  return first ? `${first} ${last}` : (last ?? value);
}

function readBlocks(fields: ApsField[]): PatentBlock[] {
  const abstract: PatentBlock[] = [];
  const description: PatentBlock[] = [];
  const claims: PatentBlock[] = [];
  for (const field of fields) {
    if (field.group === 'ABST' && paragraphCodes.test(field.code)) {
      abstract.push({ name: 'abstract', text: field.value });
    } else if (descriptionGroups.has(field.group) && paragraphCodes.test(field.code)) {
      description.push({ name: 'description', text: field.value });
    } else if (field.group === 'CLMS' || field.group === 'DCLM') {
      if (field.code === 'NUM') {
        claims.push({ name: 'claims', text: '', paragraph: field.value.replace(/\.$/, '') });
      } else if (paragraphCodes.test(field.code)) {
        const current = claims.at(-1);
        if (current) current.text = current.text ? `${current.text}\n${field.value}` : field.value;
        else claims.push({ name: 'claims', text: field.value, paragraph: '1' });
      }
    }
  }
  return [...abstract, ...description, ...claims];
}

function failure(item: string, reason: string): ParseOutcome {
  return { ok: false, item, reason, retryable: false };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
