import { StringDecoder } from 'node:string_decoder';
import { readAll } from '../../sources/file-source.ts';
import type { DocumentParser, ParseOutcome, ParseSource } from '../document-parser.ts';
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
const maxBytes = 512 * 1024 * 1024;

/**
 * USPTO APS "green book" full text (grants 1976-2001, `pftaps*.txt`): fixed fields such as `WKU`
 * (number + check digit), `ISD` (issue date), `TTL`, and text groups `ABST`, `BSUM`, `DETD`, `CLMS`.
 * A weekly file holds many records, each starting with `PATN`.
 */
export class UsptoApsParser implements DocumentParser {
  readonly format = 'uspto-aps';

  detect(source: ParseSource): boolean {
    const head = source.head.toString('latin1', 0, Math.min(source.head.length, 4096));
    return /^(\uFEFF)?PATN\s*\r?\n(WKU|SRC) /.test(head);
  }

  async *parse(source: ParseSource): AsyncGenerator<ParseOutcome> {
    let text: string;
    try {
      text = new StringDecoder('utf8').end(await readAll(source, maxBytes));
    } catch (error) {
      yield { ok: false, item: source.name, reason: errorMessage(error), retryable: false };
      return;
    }
    const records = splitRecords(text);
    for (const [index, lines] of records.entries()) {
      try {
        yield { ok: true, document: buildPatentDocument(readRecord(parseFields(lines))) };
      } catch (error) {
        yield { ok: false, item: `${source.name}#${index}`, reason: errorMessage(error), retryable: false };
      }
    }
  }
}

/** The default APS green-book parser. */
export const usptoApsParser: DocumentParser = new UsptoApsParser();

function splitRecords(text: string): string[][] {
  const records: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trimEnd() === 'PATN') records.push([]);
    records.at(-1)?.push(line);
  }
  return records;
}

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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
