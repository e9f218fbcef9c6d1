import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ParseSource } from '../../../../ingest/parse/document-parser.ts';
import { usptoXmlParser } from '../../../../ingest/parse/patent/uspto-xml-parser.ts';
import { splitXmlDocuments } from '../../../../ingest/parse/xml/xml-document-splitter.ts';
import { bufferSource } from '../../../../ingest/sources/file-source.ts';
import { fixture } from '../../../support/paths.ts';
import { collect } from '../parser-contract.ts';

/** A source whose stream delivers the bytes in tiny chunks, to exercise split points across chunks. */
function chunkedSource(name: string, bytes: Buffer, chunkSize: number): ParseSource {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    chunks.push(bytes.subarray(offset, offset + chunkSize));
  return { name, head: bytes.subarray(0, 65536), size: bytes.length, open: () => Readable.from(chunks) };
}

describe('XML safety', () => {
  it('never expands DOCTYPE entities (billion laughs, external entity), quickly', async () => {
    const started = Date.now();
    const outcomes = await collect(
      usptoXmlParser,
      bufferSource('lol.xml', await readFile(fixture('billion-laughs-grant.xml'))),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcomes).toHaveLength(1);
    const outcome = outcomes[0];
    expect(outcome?.ok).toBe(true);
    if (!outcome?.ok) return;
    expect(outcome.document.title).toBe('Laughing &lol9; polymer');
    expect(outcome.document.text.length).toBeLessThan(500);
    expect(outcome.document.text).not.toContain('root:');
    expect(outcome.document.text).toContain('A CO2 barrier film &xxe; of PA66 & EVOH.');
  });

  it('reports truncated XML and keeps going with the next document', async () => {
    const truncated = await readFile(fixture('truncated-grant.xml'));
    const good = await readFile(fixture('uspto-xml-formats', 'docling', 'ipgD0701016.xml'));
    const outcomes = await collect(
      usptoXmlParser,
      bufferSource('weekly.xml', Buffer.concat([truncated, good])),
    );
    expect(outcomes).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({ ok: false, item: 'weekly.xml#0', retryable: false });
    expect(!outcomes[0]?.ok && outcomes[0]?.reason).toMatch(/^truncated or malformed XML: /);
    expect(outcomes[1]?.ok).toBe(true);
  });

  it('yields nothing for an empty file and a failure for a document without a root', async () => {
    expect(await collect(usptoXmlParser, bufferSource('empty.xml', Buffer.alloc(0)))).toEqual([]);
    const outcomes = await collect(
      usptoXmlParser,
      bufferSource('decl.xml', Buffer.from('<?xml version="1.0"?>\n')),
    );
    expect(outcomes).toEqual([
      {
        ok: false,
        item: 'decl.xml#0',
        reason: 'truncated or malformed XML: no root element',
        retryable: false,
      },
    ]);
  });

  it('splits at <?xml declarations that straddle chunk boundaries, and not at <?xml-stylesheet', async () => {
    const one = await readFile(fixture('uspto-xml-formats', 'docling', 'ipgD0701016.xml'));
    const stylesheet = Buffer.from('<?xml version="1.0"?>\n<?xml-stylesheet href="a.xsl"?>\n<a>x</a>\n');
    const bytes = Buffer.concat([one, stylesheet, one]);
    for (const chunkSize of [1, 3, 7, 4096]) {
      const pieces = [];
      for await (const piece of splitXmlDocuments(chunkedSource('w', bytes, chunkSize).open()))
        pieces.push(piece);
      expect(pieces.map((piece) => ('bytes' in piece ? piece.bytes.length : -1))).toEqual([
        one.length,
        stylesheet.length,
        one.length,
      ]);
    }
  });
});
