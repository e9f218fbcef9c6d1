import { chunkDocument } from '../ingest/chunk/section-chunker.ts';
import { sha256 } from '../ingest/parse/document-ids.ts';
import type { ParsedDocument } from '../ingest/parse/document-parser.ts';
import type { Config } from './config.ts';
import { openGraph } from './graph-connection.ts';

export interface DemoReport {
  uri: string;
  startedLocal: boolean;
  schema: { created: number; existing: number };
  document: { id: string; title: string; chunks: number; roundTrip: boolean };
  lines: string[];
}

const sampleText = [
  'Cyclic olefin copolymer film for pharmaceutical blister packaging',
  'A cyclic olefin copolymer (COC) film with low moisture absorption and high transparency is disclosed for use in pharmaceutical blister packaging.',
  '1. A blister package comprising a cyclic olefin copolymer layer having a water vapour transmission rate below 0.1 g/m2/day.',
].join('\n\n');

function sampleDocument(): ParsedDocument {
  const [title, abstract, claim] = sampleText.split('\n\n') as [string, string, string];
  const abstractStart = title.length + 2;
  const claimStart = abstractStart + abstract.length + 2;
  return {
    id: 'report:matscout-demo-sample',
    kind: 'report',
    title,
    text: sampleText,
    sections: [
      { name: 'title', start: 0, end: title.length },
      { name: 'abstract', start: abstractStart, end: abstractStart + abstract.length },
      { name: 'claims', start: claimStart, end: claimStart + claim.length, paragraph: '1' },
    ],
    publishedAt: '2024-01-15',
    language: 'en',
    source: 'demo',
  };
}

/** Starts (or reuses) Neo4j, applies the schema, writes a sample document and reads it back. */
export async function runDemo(config: Config, log: (line: string) => void): Promise<DemoReport> {
  const graph = await openGraph(config, { log, migrate: false });
  try {
    const migration = await graph.store.migrate();
    const parsed = sampleDocument();
    const chunks = chunkDocument(parsed);
    const { sections: _sections, ...rest } = parsed;
    await graph.store.writeDocuments([
      {
        document: {
          ...rest,
          contentHash: sha256(parsed.text),
          ingestRunId: 'demo',
          cpc: [],
          ipc: [],
          assignees: [],
          inventors: [],
        },
        chunks,
        entities: [],
        mentions: [],
        facts: [],
      },
    ]);
    const stored = await graph.store.getDocument(parsed.id);
    const storedChunks = await graph.store.listChunks(parsed.id);
    const roundTrip =
      stored?.text === parsed.text &&
      storedChunks.every((chunk) => stored.text.slice(chunk.start, chunk.end) === chunk.text);
    const lines = [
      `Neo4j: ${graph.uri}${graph.startedLocal ? ' (started)' : ' (reused)'}`,
      `schema: ${migration.created.length} created, ${migration.existing.length} already present`,
      `wrote and read back '${parsed.title}' with ${storedChunks.length} chunks; offsets ${roundTrip ? 'reproduce' : 'DO NOT reproduce'} the text`,
      ...storedChunks.map(
        (chunk) => `  [${chunk.section}] ${chunk.start}-${chunk.end}: ${chunk.text.slice(0, 90)}`,
      ),
      'stop Neo4j with: npx matscout neo4j stop',
    ];
    return {
      uri: graph.uri,
      startedLocal: graph.startedLocal,
      schema: { created: migration.created.length, existing: migration.existing.length },
      document: { id: parsed.id, title: parsed.title, chunks: storedChunks.length, roundTrip },
      lines,
    };
  } finally {
    await graph.close();
  }
}
