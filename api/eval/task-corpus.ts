import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import type { ParsedDocument, ParsedSection } from '../../ingest/index.ts';

const taskSchema = z.object({
  cutoff: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  horizonEnd: z.string().optional(),
  sharedRoot: z.string().default('.'),
  corpus: z.array(z.string()).min(1),
  queries: z.array(z.string()).min(1),
  vocabulary: z.string(),
  documentIndex: z.string(),
  documentsBeforeCutoff: z.number().optional(),
});
export type DiscoveryTask = z.infer<typeof taskSchema>;

export const indexEntrySchema = z.object({
  id: z.string(),
  kind: z.string(),
  date: z.string(),
  source: z
    .object({
      path: z.string(),
      line: z.number().optional(),
      docIndex: z.number().optional(),
      number: z.string().optional(),
      patentId: z.string().optional(),
      newid: z.number().optional(),
    })
    .passthrough(),
});
export type TaskIndexEntry = z.infer<typeof indexEntrySchema>;

export interface LoadedTask {
  dir: string;
  task: DiscoveryTask;
  root: string;
  corpusFiles: string[];
  vocabularyPath: string;
  entries: TaskIndexEntry[];
}

/** Reads task.json and its document index; paths resolve against `sharedRoot` relative to the task folder. */
export async function loadDiscoveryTask(taskDir: string): Promise<LoadedTask> {
  const dir = path.resolve(taskDir);
  const raw = JSON.parse(await readFile(path.join(dir, 'task.json'), 'utf8'));
  const parsed = taskSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid task.json in ${dir}: ${parsed.error.issues[0]?.message}`);
  const task = parsed.data;
  const root = path.resolve(dir, task.sharedRoot);
  const entries = (await readFile(path.join(root, task.documentIndex), 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => indexEntrySchema.parse(JSON.parse(line)));
  return {
    dir,
    task,
    root,
    corpusFiles: [...new Set(task.corpus)].map((file) => path.join(root, file)),
    vocabularyPath: path.join(root, task.vocabulary),
    entries,
  };
}

/** `patent:US20130210636A1` / `US06836899` → `US|20130210636` (country + number without zeros or kind). */
export function patentKey(value: string): string | undefined {
  const match = /^(?:patent:)?([A-Z]{2})([A-Z]{0,2}?)0*(\d{5,})(?:[A-Z]\d?)?$/.exec(
    value.replace(/[^A-Za-z0-9:]/g, ''),
  );
  return match ? `${match[1]}|${match[2]}${match[3]}` : undefined;
}

const normaliseTitle = (title: string) => title.replace(/\s+/g, ' ').trim().toLowerCase();

async function readJsonLines(file: string): Promise<Map<number, Record<string, unknown>>> {
  const stream = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const lines = new Map<number, Record<string, unknown>>();
  let number = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    number += 1;
    if (line.trim()) lines.set(number, JSON.parse(line));
  }
  return lines;
}

/** Keeps the sections the task's ground truth reads: title + abstract + claims (patents), title + body (news). */
export function restrictToTaskSections(document: ParsedDocument): ParsedDocument {
  const keep = new Set(
    document.kind === 'patent' ? ['title', 'abstract', 'claims'] : ['title', 'body', 'abstract'],
  );
  const sections: ParsedSection[] = [];
  let text = '';
  for (const section of document.sections) {
    if (!keep.has(section.name)) continue;
    if (text.length > 0) text += '\n\n';
    const start = text.length;
    text += document.text.slice(section.start, section.end);
    sections.push({ ...section, start, end: text.length });
  }
  return sections.length > 0 ? { ...document, text, sections } : document;
}

/**
 * Finds the document-index entry of a parsed document (by patent number, by the title of an indexed
 * JSON line, or as the single document of its file); undefined when it is not indexed.
 */
export async function createIndexEntryLookup(
  loaded: Pick<LoadedTask, 'root' | 'entries'>,
): Promise<(document: ParsedDocument, origin: string) => TaskIndexEntry | undefined> {
  const byPath = new Map<string, TaskIndexEntry[]>();
  for (const entry of loaded.entries) {
    const list = byPath.get(entry.source.path) ?? [];
    list.push(entry);
    byPath.set(entry.source.path, list);
  }
  // JSON-lines corpora without patent numbers (news) are matched on the title of the indexed line.
  const titleKeys = new Map<string, Map<string, TaskIndexEntry>>();
  for (const [relative, list] of byPath) {
    if (!list.some((entry) => entry.source.line !== undefined && entry.source.patentId === undefined))
      continue;
    const lines = await readJsonLines(path.join(loaded.root, relative));
    const keys = new Map<string, TaskIndexEntry>();
    for (const entry of list) {
      const record = lines.get(entry.source.line ?? -1);
      const title = record?.title ?? record?.headline;
      if (typeof title === 'string') keys.set(normaliseTitle(title), entry);
    }
    titleKeys.set(relative, keys);
  }
  const patentKeys = new Map<string, Map<string, TaskIndexEntry>>();
  for (const [relative, list] of byPath) {
    const keys = new Map<string, TaskIndexEntry>();
    for (const entry of list) {
      const key = patentKey(entry.source.patentId ?? (entry.source.number ? `US${entry.source.number}` : ''));
      if (key) keys.set(key, entry);
    }
    if (keys.size > 0) patentKeys.set(relative, keys);
  }
  return (document, origin) => {
    const relative = path.relative(loaded.root, origin);
    const list = byPath.get(relative);
    if (!list) return undefined;
    let entry: TaskIndexEntry | undefined;
    const key = patentKey(document.id);
    if (key) entry = patentKeys.get(relative)?.get(key);
    entry ??= titleKeys.get(relative)?.get(normaliseTitle(document.title));
    if (!entry && list.length === 1 && list[0]?.source.line === undefined) entry = list[0];
    return entry;
  };
}

/**
 * Builds the `select` hook for the ingestion pipeline: a parsed document is kept only when it is in the
 * task's document index and dated on or before the cutoff; its date becomes the index's (authoritative).
 */
export async function createTaskSelector(loaded: LoadedTask): Promise<{
  select: (document: ParsedDocument, origin: string) => ParsedDocument | undefined;
  expected: number;
}> {
  const cutoff = loaded.task.cutoff;
  const lookup = await createIndexEntryLookup(loaded);
  const expected = loaded.entries.filter((entry) => entry.date <= cutoff).length;
  const select = (document: ParsedDocument, origin: string): ParsedDocument | undefined => {
    const entry = lookup(document, origin);
    if (!entry || entry.date > cutoff) return undefined;
    return { ...restrictToTaskSections(document), publishedAt: entry.date };
  };
  return { select, expected };
}
