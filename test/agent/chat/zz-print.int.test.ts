import { it } from 'vitest';
import { openTestStore } from '../../support/graph.ts';
import { createTestAgent, makeWorld, seedWorld } from './chat-fixtures.ts';

it('prints', async () => {
  const store = openTestStore();
  const world = makeWorld();
  await seedWorld(store, world, { injected: true });
  const agent = createTestAgent(store);
  for (const message of [
    `What new applications could ${world.productName} have?`,
    `Why is ${world.productName} suggested for ${world.appName('vials')}?`,
    `Compare ${world.materialName} and othercoc${world.suffix}`,
    `What is the trend for ${world.appName('syringes')}?`,
    `Tell me about ${world.appName('syringes')} products`,
    `What new applications could ${world.materialName} have?`,
  ]) {
    const r = await agent.answer({ message });
    console.log(
      `\n### ${message}\n${r.answer}\n-- citations: ${r.citations.map((c) => `${c.n}:${c.chunkId}@${c.start}-${c.end}`).join(', ')}`,
    );
  }
  await store.close();
});
