import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseWellFormedXmlTree } from '../../../../ingest/parse/xml/xml-fast-tree.ts';
import { readXmlProlog } from '../../../../ingest/parse/xml/xml-prolog.ts';
import { parseXmlTreeWith } from '../../../../ingest/parse/xml/xml-tree.ts';
import { sharedData } from '../../../support/paths.ts';

async function xmlFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await xmlFiles(full)));
    else if (/\.xml(\.gz)?$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}

/** Each `<?xml`-led document of a (possibly concatenated, possibly gzipped) file. */
async function documentsOf(file: string): Promise<string[]> {
  const bytes = await readFile(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return text.split(/(?=<\?xml )/).filter((part) => part.trim() !== '');
}

describe('the direct XML pass on every shared XML document', () => {
  it('builds exactly the tree of the validating parser wherever it answers, and answers for most', async () => {
    const files = [
      ...(await xmlFiles(sharedData('uspto-ipg-weekly-excerpts'))),
      ...(await xmlFiles(sharedData('uspto-xml-formats'))),
      ...(await xmlFiles(sharedData('epo-xml-formats'))),
    ];
    let documents = 0;
    let direct = 0;
    for (const file of files) {
      for (const [index, xml] of (await documentsOf(file)).entries()) {
        let reference: unknown;
        try {
          reference = parseXmlTreeWith(xml, false);
        } catch {
          reference = 'rejected';
        }
        const body = xml.slice(readXmlProlog(xml).rootStart);
        const tree = parseWellFormedXmlTree(body);
        documents += 1;
        if (tree === undefined) continue;
        direct += 1;
        expect(tree, `${file}#${index}`).toEqual(reference);
      }
    }
    console.log(`direct pass: ${direct} of ${documents} documents`);
    expect(documents).toBeGreaterThan(450);
    // The weekly files are clean: nearly every document takes the direct pass.
    expect(direct / documents).toBeGreaterThan(0.9);
  });
});
