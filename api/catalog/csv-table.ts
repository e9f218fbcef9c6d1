import { CatalogFormatError } from './catalog-format-error.ts';

/**
 * Parses RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF; a BOM is
 * dropped. Returns the rows as written, including the header; blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      endRow();
      line++;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CatalogFormatError(`CSV: a quoted field is not closed (line ${line})`);
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
