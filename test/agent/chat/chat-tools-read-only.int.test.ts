import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChatToolbox,
  type ChatToolDependencies,
  CitationRegistry,
  createChatTools,
} from '../../../agent/chat/index.ts';
import { MaterialSuggestions, SuggestionEngine } from '../../../agent/index.ts';
import {
  Neo4jAnalyticsReader,
  Neo4jChatGraphReader,
  Neo4jEvidenceReader,
  Neo4jGraphStore,
  Neo4jProductStore,
  Neo4jSuggestionFreshnessReader,
  Neo4jSuggestionStore,
} from '../../../graph/index.ts';
import { openTestStore, uniqueId } from '../../support/graph.ts';
import { useDocument } from '../../support/use-document.ts';
import {
  type ChatWorld,
  computeWorldSuggestions,
  createTestAgent,
  makeWorld,
  seedWorld,
} from './chat-fixtures.ts';

/** The driver, with every session it opens recorded by access mode (what a tool may open is READ only). */
function recordingDriver(driver: Driver): { driver: Driver; modes: string[] } {
  const modes: string[] = [];
  const proxy = new Proxy(driver, {
    get(target, property, receiver) {
      if (property === 'session') {
        return (config: Parameters<Driver['session']>[0] = {}) => {
          modes.push(config.defaultAccessMode ?? neo4j.session.WRITE);
          return target.session(config);
        };
      }
      if (property === 'executeQuery') {
        return () => {
          throw new Error('a chat tool ran executeQuery (no access mode of its own)');
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { driver: proxy, modes };
}

interface ToolAnswer {
  result: Record<string, unknown> & {
    freshness?: { stale: boolean; note?: string; newerDocuments?: number; computedAt?: string };
    suggestions?: unknown[];
  };
}

describe('the chat tools only read', () => {
  let store: Neo4jGraphStore;
  let world: ChatWorld;
  let recorded: { driver: Driver; modes: string[] };
  let deps: ChatToolDependencies;

  const graphSize = async () => {
    const { records } = await store.driver.executeQuery(
      'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships',
    );
    return {
      nodes: Number(records[0]?.get('nodes')),
      relationships: Number(records[0]?.get('relationships')),
    };
  };
  const tools = () => createChatTools(new ChatToolbox(deps, new CitationRegistry()));
  const callTool = async (name: string, input: Record<string, unknown>): Promise<ToolAnswer> => {
    const tool = tools().find((candidate) => candidate.name === name);
    if (!tool) throw new Error(`no tool ${name}`);
    return JSON.parse(String(await (tool as { invoke(input: unknown): Promise<unknown> }).invoke(input)));
  };

  beforeAll(async () => {
    store = openTestStore();
    world = makeWorld();
    // Suggestions are not computed: list_suggestions must say so rather than compute them.
    await seedWorld(store, world, { computeSuggestions: false });
    recorded = recordingDriver(store.driver);
    deps = {
      store: new Neo4jGraphStore(recorded.driver),
      reader: new Neo4jChatGraphReader(recorded.driver),
      products: new Neo4jProductStore(recorded.driver),
      suggestions: new Neo4jSuggestionStore(recorded.driver),
      freshness: new Neo4jSuggestionFreshnessReader(recorded.driver),
      analytics: new Neo4jAnalyticsReader(recorded.driver),
      // Ranks in memory on the recording driver: it must never open a write session either.
      materialSuggestions: new MaterialSuggestions({
        engine: new SuggestionEngine({
          evidence: new Neo4jEvidenceReader(recorded.driver),
          suggestions: new Neo4jSuggestionStore(recorded.driver),
        }),
        graph: new Neo4jGraphStore(recorded.driver),
      }),
    };
  });
  afterAll(async () => {
    await store.close();
  });

  it('every tool opens READ sessions only and the graph is unchanged afterwards', async () => {
    const before = await graphSize();
    const calls: Array<[string, Record<string, unknown>]> = [
      ['search_passages', { query: `${world.materialName} syringes` }],
      ['get_product', { product: world.productName }],
      ['list_suggestions', { product: world.productName }],
      ['explain_suggestion', { product: world.productName, application: world.appName('syringes') }],
      ['get_evidence', { material: world.materialName, application: world.appName('syringes') }],
      ['entity_neighbourhood', { entity: world.materialName }],
      ['application_trend', { application: world.appName('syringes') }],
      ['material_uses', { material: world.materialName }],
      ['landscape', { entity: world.materialName }],
      ['trends', { kind: 'application', window: 2 }],
      ['application_requirements', { application: world.appName('syringes') }],
      ['yearly_counts', { entity: world.materialName }],
      ['competitors', { material: world.materialName }],
      ['compare_entities', { left: world.materialName, right: `othercoc${world.suffix}` }],
    ];
    expect(calls.map(([name]) => name).sort()).toEqual(
      tools()
        .map((tool) => tool.name)
        .sort(),
    );
    for (const [name, input] of calls) await callTool(name, input);
    expect(recorded.modes.length).toBeGreaterThan(calls.length);
    expect(new Set(recorded.modes)).toEqual(new Set([neo4j.session.READ]));
    expect(await graphSize()).toEqual(before);
    const { records } = await store.driver.executeQuery(
      'MATCH (:Product {id: $id})-[:HAS_SUGGESTION]->(s) RETURN count(s) AS n',
      { id: world.productId },
    );
    expect(Number(records[0]?.get('n'))).toBe(0);
  });

  it('list_suggestions says when nothing was computed, and when newer documents make them stale', async () => {
    const missing = await callTool('list_suggestions', { product: world.productName });
    expect(missing.result.suggestions).toEqual([]);
    expect(missing.result.freshness).toMatchObject({ stale: true });
    expect(missing.result.freshness?.note).toBe(
      `No suggestions have been computed for ${world.productName} yet; compute them with \`matscout suggest ${world.productName}\`.`,
    );

    await computeWorldSuggestions(store, world);
    const current = await callTool('list_suggestions', { product: world.productName });
    expect(current.result.suggestions?.length).toBeGreaterThan(0);
    expect(current.result.freshness).toMatchObject({ stale: false, newerDocuments: 0 });
    const computedAt = current.result.freshness?.computedAt as string;

    // A run that finished after the computation brought one document.
    const runId = `run-${uniqueId('newer')}`;
    const finishedAt = new Date(Date.parse(computedAt) + 1000).toISOString();
    await store.saveIngestRun({
      id: runId,
      source: 'newer documents',
      status: 'succeeded',
      startedAt: finishedAt,
      finishedAt,
      counts: {
        items: 1,
        documents: 1,
        added: 1,
        updated: 0,
        unchanged: 0,
        duplicates: 0,
        skipped: 0,
        failed: 0,
        chunks: 2,
        mentions: 2,
        facts: 1,
        droppedFacts: 0,
      },
      errors: [],
    });
    const newer = useDocument({
      id: `news:chat-${world.suffix}-newer`,
      material: { id: world.material, name: world.materialName },
      application: { id: world.app('vials'), name: world.appName('vials') },
      date: '2023-01-01',
      document: { ingestRunId: runId },
    });
    await store.writeDocuments([newer]);

    const stale = await callTool('list_suggestions', { product: world.productName });
    expect(stale.result.freshness).toMatchObject({ stale: true, newerDocuments: 1 });
    expect(stale.result.freshness?.note).toBe(
      `Suggestions were computed at ${computedAt}, before 1 newer document was ingested; recompute with \`matscout suggest ${world.productName}\`.`,
    );
    const answer = await createTestAgent(store).answer({
      message: `What new applications could ${world.productName} have?`,
    });
    expect(answer.answer).toContain(`before 1 newer document was ingested; recompute with`);
  });
});
