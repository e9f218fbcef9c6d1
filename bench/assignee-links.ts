/**
 * What a batch of patents costs to write as the graph's organisations grow (a backfill names tens of
 * thousands of assignees). For each size it adds that many organisations (as earlier assignees left
 * them: `org:<key>`, no term), then writes batches of 25 two-chunk patents with two assignees each, one
 * known and one new, through `store.writeDocuments` (each batch after the first of a size is timed).
 * The write path is warmed first (untimed). Prints and writes per size the median ms per batch and its ratio to the smallest size.
 *
 *   npm run bench:assignee-links --  [--sizes 0,20000,80000] [--batches 8] [--port 17931]
 *     [--out bench/results/assignee-links.json]
 */
import { writeFile } from 'node:fs/promises';
import { stopLocalNeo4j } from '../graph/index.ts';
import { argument } from './support/argument.ts';
import { assignedPatent } from './support/assigned-patent.ts';
import { median, openBenchGraph, ratio, wipe } from './support/bench-neo4j.ts';

const sizes = (argument('sizes') ?? '0,20000,80000').split(',').map(Number);
const batches = Number(argument('batches') ?? 8);
const port = Number(argument('port') ?? 17931);
const outFile = argument('out') ?? 'bench/results/assignee-links.json';
const perBatch = 25;

const graph = await openBenchGraph('assignee-links', port);
const results: Array<{ organizations: number; medianMsPerBatch: number; ratio: number | null }> = [];
try {
  // Untimed: the JVM compiles the write path first, so the smallest size is not the coldest.
  for (let batch = 0; batch < 6; batch++) {
    await graph.store.writeDocuments(
      Array.from({ length: perBatch }, (_, index) =>
        assignedPatent(`doc:warm-${batch}-${index}`, [`Warmco ${index} Ltd.`]),
      ),
    );
  }
  for (const size of sizes) {
    await wipe(graph.store);
    for (let from = 0; from < size; from += 5000) {
      const count = Math.min(5000, size - from);
      await graph.driver.executeQuery(
        `UNWIND range($from, $from + $count - 1) AS i
         CREATE (:Organization:Entity {id: 'org:assignee-' + i, name: 'Assignee ' + i, aliases: [],
           origin: 'mined', aliasText: '', assigneeNames: ['Assignee ' + i + ' Inc.']})`,
        { from, count },
      );
    }
    const times: number[] = [];
    for (let batch = 0; batch <= batches; batch++) {
      const bundles = Array.from({ length: perBatch }, (_, index) => {
        const n = batch * perBatch + index;
        const known = size > 0 ? [`ASSIGNEE ${(n * 7919) % size} INC.`] : [];
        return assignedPatent(`doc:bench-assignee-${n}`, [...known, `Newco ${n} Corp.`]);
      });
      const started = performance.now();
      await graph.store.writeDocuments(bundles);
      if (batch > 0) times.push(performance.now() - started);
    }
    const ms = Math.round(median(times) * 10) / 10;
    const base = results[0]?.medianMsPerBatch;
    results.push({
      organizations: size,
      medianMsPerBatch: ms,
      ratio: ratio(ms, base),
    });
    console.log(JSON.stringify(results.at(-1)));
  }
  await writeFile(
    outFile,
    `${JSON.stringify({ at: new Date().toISOString(), perBatch, batches, results }, null, 2)}\n`,
  );
} finally {
  await graph.close();
  await stopLocalNeo4j(graph.home);
}
