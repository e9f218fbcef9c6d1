import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Citation, Neo4jGraphStore } from '../../../graph/index.ts';
import { openTestStore } from '../../support/graph.ts';
import { useDocument } from '../../support/use-document.ts';
import {
  type ChatWorld,
  computeWorldSuggestions,
  createTestAgent,
  makeWorld,
  seedWorld,
} from './chat-fixtures.ts';

/**
 * A suggestion with two reasons (two analogues used in vials): the chat's claim about one analogue
 * must cite only passages that name that analogue, not the other's.
 */
describe('chat answers cite each claim with its own passages', () => {
  let store: Neo4jGraphStore;
  let world: ChatWorld;
  const analogues = () => [`othercoc${world.suffix}`, `thirdcoc${world.suffix}`];

  beforeAll(async () => {
    store = openTestStore();
    world = makeWorld();
    await seedWorld(store, world, { computeSuggestions: false });
    const third = {
      id: `material:thirdcoc${world.suffix}`,
      name: `thirdcoc${world.suffix}`,
      class: 'fixture resin',
    };
    const vials = { id: world.app('vials'), name: world.appName('vials') };
    await store.writeDocuments(
      ['2021-07-01', '2022-07-01'].map((date, index) =>
        useDocument({
          id: `news:chat-${world.suffix}-third-${index}`,
          material: third,
          application: vials,
          date,
          document: { ingestRunId: 'run-chat-test' },
        }),
      ),
    );
    await computeWorldSuggestions(store, world);
  });
  afterAll(async () => {
    await store.close();
  });

  /** The passages a line's markers cite. */
  const cited = (line: string, citations: Citation[]) =>
    [...line.matchAll(/\[(\d+)\]/g)].map((marker) => {
      const citation = citations.find((entry) => entry.n === Number(marker[1]));
      expect(citation, `marker [${marker[1]}] resolves`).toBeDefined();
      return citation as Citation;
    });

  it('the ranked line for vials cites only passages naming the analogue its reason names', async () => {
    const result = await createTestAgent(store).answer({
      message: `What new applications could ${world.productName} have?`,
    });
    const line = result.answer
      .split('\n')
      .find((text) => text.toLowerCase().includes(`**${world.appName('vials')}**`));
    expect(line).toBeDefined();
    const named = analogues().filter((name) => (line as string).toLowerCase().includes(name));
    expect(named).toHaveLength(1);
    const passages = cited(line as string, result.citations);
    expect(passages.length).toBeGreaterThan(0);
    for (const passage of passages) expect(passage.quote.toLowerCase()).toContain(named[0]);
  });

  it('the explanation keeps one marker group per reason, each naming its own analogue', async () => {
    const result = await createTestAgent(store).answer({
      message: `Why is ${world.productName} suggested for ${world.appName('vials')}?`,
    });
    const reason = result.answer.split('\n').find((text) => text.startsWith('Reason: '));
    expect(reason).toBeDefined();
    const sentences = (reason as string).replace(/^Reason: /, '').split(/(?<=\.)\s+/);
    const checked = new Set<string>();
    for (const sentence of sentences) {
      const named = analogues().filter((name) => sentence.toLowerCase().includes(name));
      if (named.length !== 1) continue;
      const passages = cited(sentence, result.citations);
      expect(passages.length).toBeGreaterThan(0);
      for (const passage of passages) expect(passage.quote.toLowerCase()).toContain(named[0]);
      checked.add(named[0] as string);
    }
    expect([...checked].sort()).toEqual(analogues().sort());
  });
});
