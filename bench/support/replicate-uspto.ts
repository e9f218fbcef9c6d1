import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Rewrites the publication numbers of a USPTO weekly file so its documents become new, distinct
 * publications (`base + index`), for replicated corpora in benchmarks and kill/resume tests.
 * Returns how many documents were renumbered.
 */
export function renumberUsptoWeekly(xml: string, base: number): { xml: string; documents: number } {
  let index = 0;
  const rewritten = xml.replace(
    /(<publication-reference>[\s\S]*?<doc-number>)([A-Z]*)(\d+)(<\/doc-number>)/g,
    (_match, before: string, prefix: string, _number: string, after: string) => {
      // Design (D), plant (PP) and reissue (RE) numbers keep their letters so the kind stays valid.
      const number = `${prefix}${String(base + index).padStart(8 - prefix.length, '0')}`;
      index += 1;
      return `${before}${number}${after}`;
    },
  );
  return { xml: rewritten, documents: index };
}

/** Writes a renumbered, uncompressed copy of a (possibly gzipped) weekly file. */
export async function writeRenumberedCopy(source: string, target: string, base: number): Promise<number> {
  const bytes = await readFile(source);
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  const { xml, documents } = renumberUsptoWeekly(text, base);
  await writeFile(target, xml);
  return documents;
}

/**
 * Writes `scale` renumbered copies of each weekly file of `sourceDir` into `dir`, one file at a time, each
 * copy with new publication numbers; resolves with the files written and their bytes.
 */
export async function replicateWeekly(
  sourceDir: string,
  names: readonly string[],
  dir: string,
  scale: number,
): Promise<{ files: string[]; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  for (let replica = 0; replica < scale; replica++) {
    for (const [fileIndex, name] of names.entries()) {
      const target = path.join(dir, `r${replica}-${name.replace(/\.gz$/, '')}`);
      const base = 20_000_000 + (replica * names.length + fileIndex) * 1000;
      await writeRenumberedCopy(path.join(sourceDir, name), target, base);
      files.push(target);
      bytes += (await stat(target)).size;
    }
  }
  return { files, bytes };
}
