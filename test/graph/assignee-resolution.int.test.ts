import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Neo4jGraphStore, Neo4jVocabularyStore } from '../../graph/index.ts';
import { openTestStore, uniqueSuffix } from '../support/graph.ts';
import { namedAfterId, useDocument } from '../support/use-document.ts';

/**
 * Assignees resolve to the vocabulary's organisations through a resolver the store keeps between
 * batches: these cases check it follows vocabulary changes made after it was built.
 */
describe('assignee resolution across batches on the real Neo4j', () => {
  let store: Neo4jGraphStore;
  let vocabulary: Neo4jVocabularyStore;
  const suffix = uniqueSuffix('asg');
  const actor = { actor: 'test' };
  const termId = `org:widgetco${suffix}`;

  const patent = (n: number, assignees: string[]) =>
    useDocument({
      id: `doc:asg-${suffix}-${n}`,
      material: namedAfterId(`material:asg-resin-${suffix}`),
      application: namedAfterId(`application:asg-panel-${suffix}`),
      date: '2024-01-01',
      kind: 'patent',
      document: { assignees },
    });
  const assigneesOf = async (n: number) =>
    (
      await store.driver.executeQuery(
        'MATCH (:Document {id: $id})-[:ASSIGNED_TO]->(o:Organization) RETURN o.id AS id ORDER BY id',
        { id: `doc:asg-${suffix}-${n}` },
      )
    ).records.map((record) => String(record.get('id')));

  beforeAll(async () => {
    store = openTestStore();
    vocabulary = new Neo4jVocabularyStore(store.driver);
    await vocabulary.add(
      {
        id: termId,
        label: 'Organization',
        name: `Widgetco${suffix}`,
        aliases: [`Northfield${suffix} Widget Works`],
        origin: 'user',
      },
      actor,
    );
  });
  afterAll(async () => {
    await store.driver.executeQuery('MATCH (d:Document) WHERE d.id STARTS WITH $prefix DETACH DELETE d', {
      prefix: `doc:asg-${suffix}-`,
    });
    await store.close();
  });

  it('links an assignee named by a vocabulary alias to that organisation, others to their own key', async () => {
    await store.writeDocuments([
      patent(1, [`NORTHFIELD${suffix.toUpperCase()} WIDGET WORKS, INC.`, `Plainco${suffix} GmbH`]),
    ]);
    expect(await assigneesOf(1)).toEqual([`org:plainco${suffix}`, termId].sort());
  });

  it('follows an alias added after its first batch: the vocabulary alias wins over an organisation of the same key', async () => {
    await store.writeDocuments([patent(2, [`Southgate${suffix} Moulding Ltd.`])]);
    expect(await assigneesOf(2)).toEqual([`org:southgate${suffix}-moulding`]);
    // The user says that name belongs to Widgetco: later assignees of that name go there.
    await vocabulary.addAliases(termId, { aliases: [`Southgate${suffix} Moulding`] }, actor);
    await store.writeDocuments([patent(3, [`SOUTHGATE${suffix.toUpperCase()} MOULDING LIMITED`])]);
    expect(await assigneesOf(3)).toEqual([termId]);
  });

  it('keeps sending the names of a retired organisation to it, not to a new organisation of their key', async () => {
    const retiredId = `org:eastmere${suffix}`;
    await vocabulary.add(
      {
        id: retiredId,
        label: 'Organization',
        name: `Eastmere${suffix}`,
        aliases: [`Eastmere${suffix} Polymer Works`],
        origin: 'user',
      },
      actor,
    );
    await vocabulary.retire(retiredId, actor);
    await store.writeDocuments([patent(4, [`EASTMERE${suffix.toUpperCase()} POLYMER WORKS CORP.`])]);
    expect(await assigneesOf(4)).toEqual([retiredId]);
  });

  it('sends the names of a merged organisation to the organisation it was merged into', async () => {
    // The survivor's id sorts before the merged one's, and the merged one is written last.
    const survivorId = `org:alderbank${suffix}`;
    const mergedId = `org:zennor${suffix}`;
    for (const [id, name] of [
      [survivorId, `Alderbank${suffix}`],
      [mergedId, `Zennor${suffix} Plastics`],
    ] as const) {
      await vocabulary.add({ id, label: 'Organization', name, aliases: [], origin: 'user' }, actor);
    }
    await vocabulary.merge(mergedId, survivorId, actor);
    await store.writeDocuments([patent(5, [`ZENNOR${suffix.toUpperCase()} PLASTICS INC.`])]);
    expect(await assigneesOf(5)).toEqual([survivorId]);
  });
});
