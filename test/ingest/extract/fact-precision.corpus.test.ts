import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fact } from '../../../graph/index.ts';
import {
  chunkDocument,
  createOfflineExtractor,
  detectParser,
  openFileSource,
} from '../../../ingest/index.ts';
import { sharedData } from '../../support/paths.ts';

function walk(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const file = path.join(directory, name);
      return statSync(file).isDirectory() ? walk(file) : [file];
    });
}

/** Parse → chunk → extract (the ingestion path without the graph) over every shared USPTO excerpt and press release. */
async function usesByDocument(): Promise<Map<string, Fact[]>> {
  const files = [
    ...walk(sharedData('uspto-ipg-weekly-excerpts')).filter((file) => file.endsWith('.xml.gz')),
    ...walk(sharedData('news-press-releases-materials', 'articles')),
  ];
  const extractor = createOfflineExtractor();
  const uses = new Map<string, Fact[]>();
  for (const file of files) {
    const source = await openFileSource(file, { fallbackDate: '2020-01-01' });
    const parser = detectParser(source);
    if (!parser) continue;
    for await (const outcome of parser.parse(source)) {
      if (!outcome.ok) continue;
      const document = outcome.document;
      const result = await extractor.extract({
        documentId: document.id,
        kind: document.kind,
        title: document.title,
        text: document.text,
        publishedAt: document.publishedAt,
        assignees: document.assignees ?? [],
        chunks: chunkDocument(document),
      });
      uses.set(
        document.id,
        result.facts.filter((fact) => fact.type === 'USED_IN' && fact.polarity !== 'negative'),
      );
    }
  }
  return uses;
}

describe('USED_IN on the shared USPTO excerpts and CC0 press releases (issue 16 error classes)', () => {
  let uses: Map<string, Fact[]>;
  const pairsOf = (documentId: string) =>
    (uses.get(documentId) ?? []).map((fact) => `${fact.subjectId} > ${fact.objectId}`);

  beforeAll(async () => {
    uses = await usesByDocument();
  }, 600_000);

  it('reads every document of both corpora', () => {
    expect(uses.size).toBeGreaterThan(500);
  });

  it('gives no lubricant use to the members of an excipient list, and keeps the coating formulation', () => {
    const pairs = pairsOf('patent:US7157421B2');
    expect(pairs.filter((pair) => pair.endsWith('application:lubricant'))).toEqual([]);
    expect(pairs).toContain('material:peg > application:coating');
  });

  it('reads catalyst supports as the catalyst, never as building material', () => {
    const pairs = pairsOf('patent:US7314891B2');
    expect(pairs).toContain('material:alumina > application:catalyst');
    expect(pairs).toContain('material:nickel > application:catalyst');
    expect(pairs.filter((pair) => pair.endsWith('application:building-material'))).toEqual([]);
  });

  it('reads the cathode of an organic electroluminescence element as an electrode', () => {
    const pairs = pairsOf('patent:US7158161B2');
    expect(pairs.filter((pair) => /battery-(?:cathode|anode)/.test(pair))).toEqual([]);
    expect(pairs).toContain('material:aluminum > application:electrode');
    expect(pairs).toContain('material:magnesium > application:electrode');
  });

  it('never makes a material of a reference numeral or part label', () => {
    const labels = [...uses.values()]
      .flat()
      .map((fact) => fact.subjectId)
      .filter((id) => /^material:(?:c-p-u11|s-w\d+|s-v\d+|s1\d|s2\d|s-w)$/.test(id));
    expect(labels).toEqual([]);
  });

  it('keeps titanium alloys apart from titanium dioxide', () => {
    const pairs = pairsOf('news:d9c9ebe8a0167e6efb02e3fd');
    expect(pairs).toContain('material:titanium-alloy > application:aerospace');
    expect(pairs).toContain('material:titanium > application:medical-implant');
    expect(
      pairs.filter((pair) => pair.startsWith('material:titanium-dioxide > application:aerospace')),
    ).toEqual([]);
    expect(pairs.filter((pair) => pair.endsWith('application:eyeglass-lens'))).toEqual([]);
  });

  it('reads no use into plants, construction or company markets, and keeps the stated uses', () => {
    expect(
      pairsOf('news:556cc139d5c6184d33fe857f').filter((pair) => pair.startsWith('material:steel')),
    ).toEqual([]);
    const neo = pairsOf('news:2de337f34a6b6cfe63bf547e');
    expect(neo).toContain('material:silicon > application:battery-anode');
    expect(neo.filter((pair) => pair.endsWith('application:electronic-components'))).toEqual([]);
  });
});
