import neo4j from 'neo4j-driver';

const d = neo4j.driver('bolt://127.0.0.1:17710', neo4j.auth.basic('neo4j', 'neo4j'));
const s = d.session();
try {
  await s.run("CREATE (a:TmpX {id:'a'}), (b:TmpX {id:'b'}), (c:TmpX {id:'c'}), (a)-[:FOO {x:1}]->(b)");
  const r = await s.run(
    "MATCH (a:TmpX {id:'a'})-[r]->(b:TmpX {id:'b'}), (c:TmpX {id:'c'}) MERGE (a)-[n:$(type(r))]->(c) SET n = properties(r) DELETE r RETURN type(n) AS t, n.x AS x",
  );
  console.log(r.records.map((x) => x.toObject()));
  await s
    .run(
      "CALL db.index.fulltext.queryNodes('chunk_text', '\"silica aerogel\"') YIELD node RETURN count(node)",
    )
    .then((r) => console.log(r.records[0].toObject()))
    .catch((e) => console.log('ft', e.message));
} finally {
  await s.run('MATCH (n:TmpX) DETACH DELETE n');
  await s.close();
  await d.close();
}
