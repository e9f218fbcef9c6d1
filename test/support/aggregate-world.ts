import {
  type DocumentBundle,
  type Neo4jGraphStore,
  Neo4jProductStore,
  type Product,
} from '../../graph/index.ts';
import { uniqueSuffix } from './graph.ts';
import { useDocument } from './use-document.ts';

/**
 * A small world for the aggregate questions (landscape, trends, requirements, counts, competitors),
 * dated 2091–2096 so that no other test's documents fall in its trend windows. What it holds, by hand:
 *
 * | doc | kind   | date       | statement            | assignees                                   |
 * |-----|--------|------------|----------------------|---------------------------------------------|
 * | 1   | patent | 2091-03-01 | coc in syringe       | ACME CHEMICALS, INC.                         |
 * | 2   | patent | 2093-06-01 | coc in vial          | Acme Chemicals Inc; Beta Polymers GmbH       |
 * | 3   | patent | 2094-02-01 | pp in syringe        | BETA POLYMERS GMBH                           |
 * | 4   | news   | 2095-01-01 | pp in syringe; Gammacorp will expand production of pp (PRODUCES) |  |
 * | 5   | news   | 2096-01-01 | pe in syringe        |                                              |
 * | 6   | news   | undated    | pe in syringe        |                                              |
 * | 7   | patent | 2095-05-05 | pe in vial           | (none; inventor Dana Roe)                    |
 * | 8   | news   | 2096-02-02 | tank liner must withstand 200 °C and requires high barrier |        |
 */
export interface AggregateWorld {
  suffix: string;
  /** Entity ids and names by short key (coc, pp, pe, syringe, vial, tank, barrier, heat, gamma). */
  id: Record<string, string>;
  name: Record<string, string>;
  /** Assignee spellings as the patents state them. */
  acme: string[];
  beta: string[];
  documentIds: string[];
  productName: string;
}

export function makeAggregateWorld(): AggregateWorld {
  const suffix = uniqueSuffix('g');
  const keys = {
    coc: ['material', `cocx${suffix}`],
    pp: ['material', `ppx${suffix}`],
    pe: ['material', `pex${suffix}`],
    syringe: ['application', `syringex${suffix}`],
    vial: ['application', `vialx${suffix}`],
    tank: ['application', `tankx${suffix}`],
    barrier: ['property', `barrierx${suffix}`],
    heat: ['property', `heatresx${suffix}`],
    gamma: ['org', `gammacorp${suffix}`],
  } as const;
  const id: Record<string, string> = {};
  const name: Record<string, string> = {};
  for (const [key, [prefix, entityName]] of Object.entries(keys)) {
    id[key] = `${prefix}:${entityName}`;
    name[key] = entityName;
  }
  const upper = suffix.toUpperCase();
  return {
    suffix,
    id,
    name,
    acme: [`ACME${upper} CHEMICALS, INC.`, `Acme${suffix} Chemicals Inc`],
    beta: [`Beta${suffix} Polymers GmbH`, `BETA${upper} POLYMERS GMBH`],
    documentIds: Array.from({ length: 8 }, (_, index) => `doc:agg-${suffix}-${index + 1}`),
    productName: `Zorbex${suffix}`,
  };
}

function requirementDocument(world: AggregateWorld, documentId: string): DocumentBundle {
  const tank = world.name.tank as string;
  const barrier = world.name.barrier as string;
  const title = `Liners for ${tank}`;
  const sentence = `A ${tank} liner must withstand 200 °C and requires high ${barrier}.`;
  const text = `${title}\n\n${sentence}`;
  const start = title.length + 2;
  const chunkId = `${documentId}#c1`;
  const at = (surface: string) => text.indexOf(surface, start);
  const evidence = [{ chunkId, start, end: start + sentence.length }];
  return {
    document: {
      id: documentId,
      kind: 'news',
      title,
      text,
      publishedAt: '2096-02-02',
      language: 'en',
      source: 'test',
      contentHash: `h-${documentId}`,
      ingestRunId: 'run-test',
      cpc: [],
      ipc: [],
      assignees: [],
      inventors: [],
    },
    chunks: [
      {
        id: `${documentId}#c0`,
        documentId,
        text: title,
        start: 0,
        end: title.length,
        section: 'title',
        index: 0,
      },
      { id: chunkId, documentId, text: sentence, start, end: text.length, section: 'body', index: 1 },
    ],
    entities: [
      { id: world.id.tank as string, label: 'Application', name: tank, aliases: [] },
      { id: world.id.barrier as string, label: 'Property', name: barrier, aliases: [] },
      { id: world.id.heat as string, label: 'Property', name: world.name.heat as string, aliases: [] },
    ],
    mentions: [
      {
        chunkId,
        entityId: world.id.tank as string,
        start: at(tank),
        end: at(tank) + tank.length,
        surface: tank,
      },
      {
        chunkId,
        entityId: world.id.barrier as string,
        start: at(barrier),
        end: at(barrier) + barrier.length,
        surface: barrier,
      },
    ],
    facts: [
      {
        id: `fact:${documentId}:heat`,
        type: 'REQUIRES',
        subjectId: world.id.tank as string,
        objectId: world.id.heat as string,
        polarity: 'positive',
        confidence: 0.7,
        extractor: 'test',
        value: 200,
        unit: '°C',
        evidence,
      },
      {
        id: `fact:${documentId}:barrier`,
        type: 'REQUIRES',
        subjectId: world.id.tank as string,
        objectId: world.id.barrier as string,
        polarity: 'positive',
        confidence: 0.7,
        extractor: 'test',
        evidence,
      },
    ],
  };
}

/** Writes the world's eight documents and a catalog product (material coc) that has the barrier property. */
export async function seedAggregateWorld(store: Neo4jGraphStore, world: AggregateWorld): Promise<void> {
  await store.migrate();
  const entity = (key: string) => ({ id: world.id[key] as string, name: world.name[key] as string });
  const [d1, d2, d3, d4, d5, d6, d7, d8] = world.documentIds as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const patent = (assignees: string[]) => ({ kind: 'patent' as const, document: { assignees } });
  const gamma = world.name.gamma as string;
  const news4 = useDocument({
    id: d4,
    material: entity('pp'),
    application: entity('syringe'),
    date: '2095-01-01',
    extra: `${gamma} will expand production of ${world.name.pp as string}.`,
  });
  const body4 = news4.chunks[1];
  if (!body4) throw new Error('useDocument makes a body chunk');
  const gammaAt = news4.document.text.indexOf(gamma);
  news4.entities.push({ id: world.id.gamma as string, label: 'Organization', name: gamma, aliases: [] });
  news4.mentions.push({
    chunkId: body4.id,
    entityId: world.id.gamma as string,
    start: gammaAt,
    end: gammaAt + gamma.length,
    surface: gamma,
  });
  const statement = news4.document.text.indexOf(gamma);
  news4.facts.push({
    id: `fact:${d4}:produces`,
    type: 'PRODUCES',
    subjectId: world.id.gamma as string,
    objectId: world.id.pp as string,
    polarity: 'positive',
    confidence: 0.7,
    extractor: 'test',
    evidence: [{ chunkId: body4.id, start: statement, end: news4.document.text.length }],
  });
  await store.writeDocuments([
    useDocument({
      id: d1,
      material: entity('coc'),
      application: entity('syringe'),
      date: '2091-03-01',
      ...patent([world.acme[0] as string]),
    }),
    useDocument({
      id: d2,
      material: entity('coc'),
      application: entity('vial'),
      date: '2093-06-01',
      ...patent([world.acme[1] as string, world.beta[0] as string]),
    }),
    useDocument({
      id: d3,
      material: entity('pp'),
      application: entity('syringe'),
      date: '2094-02-01',
      ...patent([world.beta[1] as string]),
    }),
    news4,
    useDocument({ id: d5, material: entity('pe'), application: entity('syringe'), date: '2096-01-01' }),
    useDocument({ id: d6, material: entity('pe'), application: entity('syringe'), date: undefined }),
    useDocument({
      id: d7,
      material: entity('pe'),
      application: entity('vial'),
      date: '2095-05-05',
      kind: 'patent',
      document: { inventors: [`Dana Roe${world.suffix}`] },
    }),
    requirementDocument(world, d8),
  ]);
  const product: Product = {
    id: `product:${world.productName.toLowerCase()}`,
    name: world.productName,
    aliases: [],
    owner: 'Example Chemicals',
    materialId: world.id.coc as string,
    materialIds: [],
    properties: [world.id.barrier as string],
    knownApplications: [],
  };
  await new Neo4jProductStore(store.driver).upsertProducts([product]);
}
