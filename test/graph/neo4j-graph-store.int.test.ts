import type { GraphStore, Neo4jGraphStore } from '../../graph/index.ts';
import { openTestStore, uniqueId } from '../support/graph.ts';
import { describeGraphStoreContract } from './graph-store.contract.ts';

describeGraphStoreContract('Neo4jGraphStore on a real Neo4j 5.26', {
  open: (options) => openTestStore(options),
  uniqueId,
  async schemaNames(store: GraphStore) {
    const { driver } = store as Neo4jGraphStore;
    const constraints = await driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN name');
    const indexes = await driver.executeQuery('SHOW INDEXES YIELD name RETURN name');
    return [...constraints.records, ...indexes.records].map((r) => String(r.get('name'))).sort();
  },
  async usedIn(store: GraphStore, materialId: string, applicationId: string) {
    const { driver } = store as Neo4jGraphStore;
    const result = await driver.executeQuery(
      `OPTIONAL MATCH (f:Fact {type: 'USED_IN'})-[:SUBJECT]->(:Material {id: $materialId})
       WHERE (f)-[:OBJECT]->(:Application {id: $applicationId})
       WITH count(f) AS facts
       OPTIONAL MATCH (:Material {id: $materialId})-[u:USED_IN]->(:Application {id: $applicationId})
       RETURN facts, u.docCount AS docCount`,
      { materialId, applicationId },
    );
    const record = result.records[0];
    return { facts: Number(record?.get('facts')), docCount: record?.get('docCount') ?? null };
  },
});
