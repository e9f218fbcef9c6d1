import { type FileHandle, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { BulkImportError } from './errors.ts';

/**
 * CSV files for `neo4j-admin database import full`: every column typed in its header, so each file holds
 * rows of one label set or relationship type whose property types agree (a row without a property leaves
 * its cell empty). Nodes are keyed in one ID space by a key that is never stored; properties are the
 * node's own.
 */

/** Elements of one array value are split on this character (a control character no text of ours holds). */
export const importArrayDelimiter = '\u001f';

/** A node property holding the names of its empty lists: the importer cannot write one (a post-step does). */
export const emptyListsProperty = '_matscoutEmptyLists';

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A value the import cannot carry (a point, a list of mixed types, a delimiter in a list). */
class ImportValueError extends BulkImportError {
  constructor(message: string) {
    super(message, 'use matscout ingest without --bulk');
  }
}

interface Cell {
  type: string;
  text: string;
}

function scalar(value: unknown): Cell | undefined {
  if (typeof value === 'string') return { type: 'string', text: value };
  // A JavaScript number is written by the driver as a float, so it is imported as one.
  if (typeof value === 'number') return { type: 'double', text: String(value) };
  if (typeof value === 'boolean') return { type: 'boolean', text: String(value) };
  if (neo4j.isInt(value)) return { type: 'long', text: value.toString() };
  if (neo4j.isDateTime(value)) return { type: 'datetime', text: value.toString() };
  if (neo4j.isDate(value)) return { type: 'date', text: value.toString() };
  if (neo4j.isLocalDateTime(value)) return { type: 'localdatetime', text: value.toString() };
  if (neo4j.isLocalTime(value)) return { type: 'localtime', text: value.toString() };
  if (neo4j.isTime(value)) return { type: 'time', text: value.toString() };
  if (neo4j.isDuration(value)) return { type: 'duration', text: value.toString() };
  return undefined;
}

/** The typed cell of a property value; `empty` for an empty list; undefined for null (no property). */
function cellOf(name: string, value: unknown): Cell | 'empty' | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'empty';
    const cells = value.map((entry) => scalar(entry));
    const type = cells[0]?.type;
    if (!type || cells.some((cell) => cell?.type !== type))
      throw new ImportValueError(`property ${name}: a list the import cannot carry`);
    const texts = cells.map((cell) => (cell as Cell).text);
    if (texts.some((text) => text.includes(importArrayDelimiter)))
      throw new ImportValueError(`property ${name}: a list element holds U+001F`);
    return { type: `${type}[]`, text: texts.join(importArrayDelimiter) };
  }
  const cell = scalar(value);
  if (!cell) throw new ImportValueError(`property ${name}: a value of a type the import cannot carry`);
  return cell;
}

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

function checkName(kind: string, name: string): void {
  if (!namePattern.test(name)) throw new ImportValueError(`${kind} ${JSON.stringify(name)}: not importable`);
}

interface OpenFile {
  handle: FileHandle;
  buffered: string[];
  size: number;
}

/** One file's columns (name → type); rows of one target whose types agree share a file. */
interface Group {
  columns: Map<string, string>;
  names?: string[];
  file?: OpenFile;
  spec?: string;
}

/**
 * Writes nodes and relationships into typed CSV files under `dir`. Two passes over the same rows: the
 * first only plans each file's columns (the union of its rows' properties), `startWriting` ends it, the
 * second writes. Few files matter: the importer samples each file before it starts, at about a tenth of a
 * second a file. `close` names the files for the importer.
 */
export class ImportCsvWriter {
  private readonly groups = new Map<string, Group[]>();
  private planning = true;
  private made = 0;
  /** Nodes and relationships given a property of empty-list names. */
  emptyLists = { nodes: 0, relationships: 0 };

  constructor(private readonly dir: string) {}

  async node(key: string, labels: readonly string[], properties: Record<string, unknown>): Promise<void> {
    for (const label of labels) checkName('label', label);
    await this.row('n', labels.join(':'), [quoted(key)], properties);
  }

  async relationship(
    type: string,
    startKey: string,
    endKey: string,
    properties: Record<string, unknown>,
  ): Promise<void> {
    checkName('relationship type', type);
    await this.row('r', type, [quoted(startKey), quoted(endKey)], properties);
  }

  /** Ends the planning pass: the rows given from now on are written. */
  startWriting(): void {
    this.planning = false;
    this.emptyLists = { nodes: 0, relationships: 0 };
  }

  /** Flushes and closes every file; resolves with the importer's `--nodes=` and `--relationships=` specs. */
  async close(): Promise<{ nodes: string[]; relationships: string[] }> {
    const nodes: string[] = [];
    const relationships: string[] = [];
    for (const [target, groups] of this.groups) {
      for (const group of groups) {
        if (!group.file || !group.spec) continue;
        await this.flush(group.file);
        await group.file.handle.close();
        (target.startsWith('n|') ? nodes : relationships).push(group.spec);
      }
    }
    this.groups.clear();
    return { nodes, relationships };
  }

  private async row(
    kind: 'n' | 'r',
    target: string,
    keys: string[],
    properties: Record<string, unknown>,
  ): Promise<void> {
    const cells = new Map<string, Cell>();
    const empty: string[] = [];
    for (const name of Object.keys(properties)) {
      checkName('property', name);
      const cell = cellOf(name, properties[name]);
      if (cell === undefined) continue;
      if (cell === 'empty') empty.push(name);
      else cells.set(name, cell);
    }
    if (empty.length > 0) {
      cells.set(emptyListsProperty, { type: 'string[]', text: empty.join(importArrayDelimiter) });
      if (!this.planning) this.emptyLists[kind === 'n' ? 'nodes' : 'relationships'] += 1;
    }
    const shape = `${kind}|${target}`;
    const groups = this.groups.get(shape) ?? [];
    this.groups.set(shape, groups);
    if (this.planning) {
      const agrees = (group: Group) =>
        [...cells].every(([name, cell]) => (group.columns.get(name) ?? cell.type) === cell.type);
      let group = groups.find(agrees);
      if (!group) {
        group = { columns: new Map() };
        groups.push(group);
      }
      for (const [name, cell] of cells) group.columns.set(name, cell.type);
      return;
    }
    const group = groups.find((candidate) =>
      [...cells].every(([name, cell]) => candidate.columns.get(name) === cell.type),
    );
    if (!group)
      throw new BulkImportError(`a ${kind === 'n' ? 'node' : 'relationship'} of ${target} was not planned`);
    const file = group.file ?? (await this.create(kind, target, group));
    const names = group.names as string[];
    const line = `${[
      ...keys,
      ...names.map((name) => {
        const cell = cells.get(name);
        return cell ? quoted(cell.text) : '';
      }),
    ].join(',')}\n`;
    file.buffered.push(line);
    file.size += line.length;
    if (file.size > 1 << 20) await this.flush(file);
  }

  private async create(kind: 'n' | 'r', target: string, group: Group): Promise<OpenFile> {
    if (this.made === 0) await mkdir(this.dir, { recursive: true });
    this.made += 1;
    const name = path.join(this.dir, `${kind === 'n' ? 'nodes' : 'relationships'}-${this.made}.csv`);
    group.names = [...group.columns.keys()].sort();
    const typed = group.names.map((column) => `${column}:${group.columns.get(column)}`);
    const header = kind === 'n' ? [':ID(node)', ...typed] : [':START_ID(node)', ':END_ID(node)', ...typed];
    group.file = { handle: await open(name, 'w'), buffered: [`${header.join(',')}\n`], size: 0 };
    group.spec = target ? `${target}=${name}` : name;
    return group.file;
  }

  private async flush(file: OpenFile): Promise<void> {
    if (file.buffered.length === 0) return;
    await file.handle.write(file.buffered.join(''));
    file.buffered = [];
    file.size = 0;
  }
}
