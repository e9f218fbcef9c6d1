import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Neo4jAnalyticsReader, type Neo4jGraphStore } from '../../../graph/index.ts';
import {
  type AggregateWorld,
  makeAggregateWorld,
  seedAggregateWorld,
} from '../../support/aggregate-world.ts';
import { openTestStore } from '../../support/graph.ts';
import { useDocument } from '../../support/use-document.ts';
import { createTestAgent } from './chat-fixtures.ts';

/** The planner's answers to the aggregate questions, on the real Neo4j, numbers checked against the fixture. */
describe('the deterministic planner answers who / growing / needs / how many / compete with / compare', () => {
  let store: Neo4jGraphStore;
  let world: AggregateWorld;

  const ask = async (message: string) => {
    const agent = createTestAgent(store, { analytics: new Neo4jAnalyticsReader(store.driver) });
    const result = await agent.answer({ message });
    // Every [n] resolves to a stored span: the quote is the document's text at the citation's offsets.
    const markers = [...result.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    expect(markers.length).toBeGreaterThan(0);
    expect(result.removedMarkers).toEqual([]);
    for (const n of markers) expect(result.citations.some((citation) => citation.n === n)).toBe(true);
    for (const citation of result.citations) {
      const document = await store.getDocument(citation.documentId);
      expect(document?.text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
    return result;
  };

  beforeAll(async () => {
    store = openTestStore();
    world = makeAggregateWorld();
    await seedAggregateWorld(store, world);
  });
  afterAll(async () => {
    await store.close();
  });

  it.each([
    (w: AggregateWorld) => `Who is patenting ${w.name.coc}?`,
    (w: AggregateWorld) => `Which companies hold patents on ${w.name.coc}?`,
    (w: AggregateWorld) => `top assignees for ${w.name.coc}`,
  ])('who: names the assignees with patent counts and years (%#)', async (question) => {
    const result = await ask(question(world));
    expect(result.intent).toBe('landscape');
    expect(result.answer.toLowerCase()).toContain(
      `**${world.name.coc}** is mentioned in 2 patents and 0 news items.`,
    );
    expect(result.answer).toMatch(
      new RegExp(`1\\. \\*\\*Acme${world.suffix} Chemicals\\*\\*: 2 patents, 2091–2093 \\[\\d+\\]`),
    );
    expect(result.answer).toMatch(
      new RegExp(`2\\. \\*\\*Beta${world.suffix} Polymers\\*\\*: 1 patent, 2093 \\[\\d+\\]`),
    );
  });

  it('who, for an application: assignees and the organisations in its news', async () => {
    const result = await ask(`Who are the main players in ${world.name.syringe}?`);
    expect(result.intent).toBe('landscape');
    expect(result.answer).toContain('2 patents and 3 news items');
    expect(result.answer).toMatch(
      new RegExp(`\\*\\*${world.name.gamma}\\*\\*: 1 news item, 2095 \\[\\d+\\]`),
    );
  });

  it.each([
    ['Which applications are growing fastest?', null],
    ['What are the fastest growing applications in the news over the last 3 years?', 'news'],
  ])("growing: every ranked line's numbers match the graph (%s)", async (question, kind) => {
    const result = await ask(question);
    expect(result.intent).toBe('growing');
    const lines = [
      ...result.answer.matchAll(
        /^\d+\. \*\*(.+?)\*\*: (\d+) in (\d{4})–(\d{4}) vs (\d+) in (\d{4})–(\d{4}) \(×[\d.]+\) \[\d+\]/gm,
      ),
    ];
    expect(lines.length).toBeGreaterThan(0);
    const inYears = `
      MATCH (a:Application)<-[:MENTIONS]-(:Chunk)-[:PART_OF]->(d:Document)
      WHERE toLower(a.name) = toLower($name) AND ($kind IS NULL OR d.kind = $kind)
        AND d.publishedAt IS NOT NULL
        AND toInteger(substring(toString(d.publishedAt), 0, 4)) >= $from
        AND toInteger(substring(toString(d.publishedAt), 0, 4)) <= $to
      RETURN count(DISTINCT d) AS n`;
    const count = async (name: string, from: string, to: string) =>
      Number(
        (
          await store.driver.executeQuery(inYears, { name, kind, from: Number(from), to: Number(to) })
        ).records[0]?.get('n'),
      );
    for (const [, name, recent, from, to, previous, beforeFrom, beforeTo] of lines) {
      expect(await count(name as string, from as string, to as string)).toBe(Number(recent));
      expect(await count(name as string, beforeFrom as string, beforeTo as string)).toBe(Number(previous));
    }
    // Our syringe application ranks whenever its window is the one shown (2094–2096): 3 against 1.
    const ours = lines.find((line) => line[1]?.toLowerCase() === world.name.syringe);
    if (kind === null && lines[0]?.[3] === '2094') expect(ours?.[2]).toBe('3');
    const undated = Number(result.answer.match(/(\d+) undated documents? left out/)?.[1]);
    const [row] = (
      await store.driver.executeQuery(
        `MATCH (:Application)<-[:MENTIONS]-(:Chunk)-[:PART_OF]->(d:Document)
         WHERE d.publishedAt IS NULL AND ($kind IS NULL OR d.kind = $kind)
         RETURN count(DISTINCT d) AS n`,
        { kind },
      )
    ).records;
    expect(undated).toBe(Number(row?.get('n')));
  });

  it.each([
    (w: AggregateWorld) => `What properties does a ${w.name.tank} need?`,
    (w: AggregateWorld) => `What are the requirements for ${w.name.tank} liners?`,
    (w: AggregateWorld) => `What must a ${w.name.tank} withstand?`,
  ])(
    'needs: names the required properties, stated values and products that have them (%#)',
    async (question) => {
      const result = await ask(question(world));
      expect(result.intent).toBe('requirements');
      expect(result.answer).toMatch(
        new RegExp(
          `\\*\\*${world.name.barrier}\\*\\* \\(1 document; catalog products with it: ${world.productName}\\) \\[\\d+\\]`,
          'i',
        ),
      );
      expect(result.answer).toMatch(
        new RegExp(`\\*\\*${world.name.heat}\\*\\* \\(1 document; stated: 200 °C\\) \\[\\d+\\]`, 'i'),
      );
    },
  );

  it.each([
    [
      (w: AggregateWorld) => `How many documents mention ${w.name.pe} each year?`,
      [
        '- 2095: 1 patent, 0 news [',
        '- 2096: 0 patents, 1 news [',
        'In all: 1 patent and 2 news items, of which 1 has no date',
      ],
    ],
    [
      (w: AggregateWorld) => `How many news articles mention ${w.name.pe}?`,
      ['- 2096: 1 [', 'In all: 2 news items, of which 1 has no date'],
    ],
    [
      (w: AggregateWorld) => `How many patents mention ${w.name.syringe} per year?`,
      ['- 2091: 1 [', '- 2094: 1 [', 'In all: 2 patents.'],
    ],
  ])('how many: yearly counts by kind, undated apart (%#)', async (question, expected) => {
    const result = await ask(question(world));
    expect(result.intent).toBe('count');
    for (const line of expected) expect(result.answer).toContain(line);
  });

  it.each([
    (w: AggregateWorld) => `What competes with ${w.name.coc}?`,
    (w: AggregateWorld) => `Which materials are alternatives to ${w.name.coc}?`,
  ])('compete with: materials used in the same applications, with evidence (%#)', async (question) => {
    const result = await ask(question(world));
    expect(result.intent).toBe('competitors');
    expect(result.answer).toMatch(
      new RegExp(
        `1\\. \\*\\*${world.name.pe}\\*\\*: ${world.name.syringe} \\(2\\), ${world.name.vial} \\(1\\) \\[\\d+\\]`,
        'i',
      ),
    );
    expect(result.answer).toMatch(
      new RegExp(`2\\. \\*\\*${world.name.pp}\\*\\*: ${world.name.syringe} \\(2\\) \\[\\d+\\]`, 'i'),
    );
  });

  it('compete with, in one application: materials used there', async () => {
    const result = await ask(`Which materials compete in ${world.name.vial}?`);
    expect(result.intent).toBe('competitors');
    expect(result.answer).toContain(`Materials used in **${world.name.vial}**`);
    expect(result.answer).toMatch(new RegExp(`\\*\\*${world.name.coc}\\*\\*: 1 document \\[\\d+\\]`, 'i'));
    expect(result.answer).toMatch(new RegExp(`\\*\\*${world.name.pe}\\*\\*: 1 document \\[\\d+\\]`, 'i'));
  });

  it('compare: two materials side by side with counts, assignees and shared applications', async () => {
    const result = await ask(`Compare ${world.name.coc} and ${world.name.pp}`);
    expect(result.intent).toBe('compare');
    expect(result.answer).toMatch(
      new RegExp(
        `\\*\\*${world.name.coc}\\*\\*: mentioned in 2 patents and 0 news items; top assignees: Acme${world.suffix} Chemicals \\(2\\) \\[\\d+\\]`,
      ),
    );
    expect(result.answer).toMatch(
      new RegExp(`\\*\\*${world.name.pp}\\*\\*: mentioned in 1 patent and 1 news item`),
    );
    expect(result.answer).toMatch(
      new RegExp(`Both are linked to: ${world.name.syringe} \\[\\d+\\]\\[\\d+\\]`),
    );
  });

  it('outside its scope it says which kinds of question it answers', async () => {
    const agent = createTestAgent(store, { analytics: new Neo4jAnalyticsReader(store.driver) });
    const result = await agent.answer({ message: `Tell me a joke about zzqx${world.suffix}` });
    expect(result.answer).toContain('I can answer: who works on a material or application');
    expect(result.answer).toContain('which applications are growing');
  });
  it('needs, where no document states a requirement: the properties named with the application, said to be no requirement', async () => {
    const material = { id: `material:foamx${world.suffix}`, name: `foamx${world.suffix}` };
    const application = { id: `application:ductx${world.suffix}`, name: `ductx${world.suffix}` };
    const barrier = world.name.barrier as string;
    // Undated, so the trend and count answers above are untouched.
    const bundle = useDocument({
      id: `news:needs-${world.suffix}`,
      material,
      application,
      date: undefined,
      extra: `Each ${application.name} keeps its ${barrier} over years of service.`,
    });
    const body = bundle.chunks[1];
    if (!body) throw new Error('useDocument makes a body chunk');
    const at = bundle.document.text.indexOf(barrier);
    bundle.entities.push({ id: world.id.barrier as string, label: 'Property', name: barrier, aliases: [] });
    bundle.mentions.push({
      chunkId: body.id,
      entityId: world.id.barrier as string,
      start: at,
      end: at + barrier.length,
      surface: barrier,
    });
    await store.writeDocuments([bundle]);

    const result = await ask(`What properties does a ${application.name} need?`);
    expect(result.intent).toBe('requirements');
    expect(result.answer).toContain(`No document states a requirement of **${application.name}** as such`);
    const line = result.answer.split('\n').find((text) => text.includes(`**${barrier}**`));
    expect(line).toMatch(
      new RegExp(
        `\\*\\*${barrier}\\*\\* \\(1 document; catalog products with it: ${world.productName}\\) \\[(\\d+)\\]`,
      ),
    );
    const n = Number(line?.match(/\[(\d+)\]$/)?.[1]);
    const cited = result.citations.find((citation) => citation.n === n);
    // The passage is the sentence naming both.
    expect(cited?.quote).toContain(barrier);
    expect(cited?.quote).toContain(application.name);
  });
});
