import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { IngestRun } from '../../graph/index.ts';
import { createIngestionPool, type IngestionPool, runIngestion, safeFetch } from '../../ingest/index.ts';
import { bulkIngest } from '../bulk-ingest.ts';
import { CliError, createOutput } from '../cli-output.ts';
import { withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { createRunAnalysis } from '../run-analysis.ts';
import { minedTermPromotion, reextractionDue, reextractNow } from '../vocabulary-runs.ts';
import { poolFromBytes, resolveIngestThreads } from './ingest-threads.ts';
import { addBatchSizeFlag, addLookAheadFlag, readBatchSize, readLookAhead } from './run-flags.ts';
import { type StopSignals, stopOnSignals } from './stop-signals.ts';

/** Human summary of a run: counts, then each failed item with its reason. */
export function formatRun(run: IngestRun): string {
  const c = run.counts;
  const lines = [
    `${run.kind === 're-extract' ? 're-extraction ' : ''}run ${run.id}: ${run.status} in ${((run.durationMs ?? 0) / 1000).toFixed(1)} s`,
    `  items ${c.items}, documents ${c.documents}: added ${c.added}, updated ${c.updated}, unchanged ${c.unchanged}, duplicates ${c.duplicates}, skipped ${c.skipped}, failed ${c.failed}`,
    `  chunks ${c.chunks}, mentions ${c.mentions}, facts ${c.facts}${c.droppedFacts ? ` (dropped ${c.droppedFacts} unlocatable)` : ''}`,
  ];
  if (c.candidates || c.promoted) {
    lines.push(
      `  mined candidate occurrences ${c.candidates ?? 0}, terms promoted ${c.promoted ?? 0}${c.reanalysed ? `, documents analysed again with them ${c.reanalysed}` : ''}`,
    );
  }
  if (run.vocabularyVersion !== undefined) lines.push(`  vocabulary version ${run.vocabularyVersion}`);
  const shown = run.errors.slice(0, 50);
  if (shown.length > 0) lines.push('  failures:');
  for (const error of shown)
    lines.push(`    ${error.item}: ${error.reason}${error.retryable ? ' (retryable)' : ''}`);
  if (run.errors.length > shown.length)
    lines.push(`    … and ${run.errors.length - shown.length} more (see --json)`);
  return lines.join('\n');
}

/** `matscout ingest <path|url>…`. */
export function registerIngestCommand(program: Command, getConfig: () => Config): void {
  const command = program
    .command('ingest')
    .description('ingest files, folders (recursively) or URLs into the graph; re-running is safe')
    .argument('<inputs...>', 'files, folders or http(s) URLs');
  addLookAheadFlag(addBatchSizeFlag(command))
    .option('--json', 'print the run summary as JSON')
    .option(
      '--bulk',
      'first backfill into the local Neo4j: load the documents with neo4j-admin import (server stopped meanwhile; only into a graph with no documents; on 2 cores no faster than without it, see the README)',
    )
    .option(
      '--threads <n>',
      `parse and extract on n worker threads while the main thread writes; 0: inline; auto: the pool (cores - 1 threads; with --bulk, one per core) from ${poolFromBytes / 1048576} MiB of input (gzip counted 6×), else inline`,
      'auto',
    )
    .action(
      async (
        inputs: string[],
        flags: { json?: boolean; bulk?: boolean; batchSize: string; lookAhead: string; threads: string },
      ) => {
        const output = createOutput(Boolean(flags.json));
        const batchSize = readBatchSize(flags);
        const lookAhead = readLookAhead(flags);
        if (flags.threads !== 'auto' && !/^\d+$/.test(flags.threads))
          throw new CliError('--threads must be auto or an integer from 0 to 64');
        const threads = await resolveIngestThreads(flags.threads, inputs, undefined, {
          bulk: Boolean(flags.bulk),
        });
        if (threads > 64) throw new CliError('--threads must be auto or an integer from 0 to 64');
        const config = { ...getConfig(), ingestThreads: threads };
        // The threads start now and load the extractors while Neo4j starts and the schema is migrated.
        const pool =
          threads > 0 ? createIngestionPool({ threads, heapMb: config.ingestThreadHeapMb }) : undefined;
        if (pool) output.info(`ingest: parsing and extracting on worker threads (${threads} extracting)`);
        // A backfill runs for hours: Ctrl-C stops it cleanly, with its record and summary.
        const stop = stopOnSignals((name) =>
          output.info(
            `ingest: stopping on ${name}: the batch being written commits, nothing more is read; ${name === 'SIGINT' ? 'Ctrl-C' : 'a second signal'} again quits at once`,
          ),
        );
        try {
          if (flags.bulk) {
            await ingestBulk(inputs, { batchSize, lookAhead }, config, output, pool, stop);
            return;
          }
          await ingest(
            inputs,
            { batchSize, lookAhead, json: Boolean(flags.json) },
            config,
            output,
            pool,
            stop,
          );
        } finally {
          stop.dispose();
          await pool?.close();
        }
      },
    );
}

async function ingestBulk(
  inputs: string[],
  flags: { batchSize: number; lookAhead: number },
  config: Config,
  output: ReturnType<typeof createOutput>,
  pool: IngestionPool | undefined,
  stop: StopSignals,
): Promise<void> {
  const result = await bulkIngest(config, inputs, {
    ...flags,
    signal: stop.signal,
    log: output.info,
    ...(pool ? { pool } : {}),
  });
  const { run, load, reextraction } = result;
  output.result(result, () =>
    [
      formatRun(run),
      ...(load
        ? [
            `  bulk load of ${load.documents} documents: CSV ${(load.csvMs / 1000).toFixed(1)} s, import ${(load.importMs / 1000).toFixed(1)} s, restart, schema and indexes ${(load.reopenMs / 1000).toFixed(1)} s, support and re-extraction ${(load.afterMs / 1000).toFixed(1)} s`,
          ]
        : run.status === 'succeeded' || run.status === 'partial'
          ? ['  nothing new to load']
          : []),
      ...(reextraction ? [formatRun(reextraction)] : []),
    ].join('\n'),
  );
  if (run.status === 'cancelled')
    output.info(
      'ingest --bulk: stopped before the load; nothing was loaded, and the same command starts again',
    );
  if (run.status === 'failed') process.exitCode = 1;
  if (stop.exitCode !== undefined) process.exitCode = stop.exitCode;
}

/**
 * Documents a second since the run started, as its progress shows it: what an operator of a backfill of
 * hours reads to know when it ends. Nothing in the first second, where start-up dominates.
 */
export function documentRate(documents: number, elapsedMs: number): string {
  if (elapsedMs < 1000) return '… /s';
  const rate = documents / (elapsedMs / 1000);
  return `${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`;
}

async function ingest(
  inputs: string[],
  flags: { batchSize: number; lookAhead: number; json: boolean },
  config: Config,
  output: ReturnType<typeof createOutput>,
  pool: IngestionPool | undefined,
  stop: StopSignals,
): Promise<void> {
  const { batchSize, lookAhead } = flags;
  await withAppContext(config, { log: output.info }, async (context) => {
    const interactive = !flags.json && process.stderr.isTTY;
    const bar = interactive
      ? new SingleBar({
          format: 'ingest |{bar}| {value} items, {documents} docs ({rate}), {failed} failed  {item}',
          hideCursor: true,
        })
      : undefined;
    bar?.start(inputs.length, 0, { documents: 0, rate: documentRate(0, 0), failed: 0, item: '' });
    let lastLog = 0;
    const started = Date.now();
    // On the pool, parsing, chunking and extraction run on the API's worker threads while the main
    // thread keeps the graph writes going; small inputs stay inline (see ingest-threads.ts).
    const analysis = createRunAnalysis(config, context, pool ? { pool } : {});
    try {
      const { analyzer, reader, extractor, reextractor } = await analysis.get();
      const run = await runIngestion(
        {
          store: context.graph,
          analyzer,
          ...(reader ? { reader } : {}),
          fetchUrl: (url, signal) => safeFetch(url, { allowList: config.urlAllowList, signal }),
          promoteCandidates: minedTermPromotion(context, extractor),
        },
        {
          inputs,
          batchSize,
          lookAhead,
          signal: stop.signal,
          onProgress: (progress) => {
            if (bar) {
              bar.setTotal(Math.max(inputs.length, progress.items));
              bar.update(progress.items, {
                documents: progress.documents,
                rate: documentRate(progress.documents, Date.now() - started),
                failed: progress.failed,
                item: progress.currentItem.slice(-50),
              });
            } else if (!flags.json && Date.now() - lastLog > 5000) {
              lastLog = Date.now();
              output.info(
                `… ${progress.items} items, ${progress.documents} documents (${documentRate(progress.documents, Date.now() - started)}), ${progress.failed} failed`,
              );
            }
          },
        },
      );
      bar?.stop();
      // A failed run (e.g. one that lost the graph) leaves it to the next run or `matscout reextract`.
      const reextraction =
        run.status !== 'failed' && (await reextractionDue(run, context.vocabulary))
          ? await reextractNow(context, { signal: stop.signal }, extractor, reextractor)
          : undefined;
      if (run.counts.promoted && (!reextraction || reextraction.status === 'cancelled'))
        output.info(
          'ingest: terms were promoted; `matscout reextract` gives them their mentions in the stored documents',
        );
      output.result(reextraction ? { ...run, reextraction } : run, () =>
        [formatRun(run), ...(reextraction ? [formatRun(reextraction)] : [])].join('\n'),
      );
      if (run.status === 'cancelled')
        output.info(
          'ingest: stopped before the end; the same command resumes (documents already written are skipped as unchanged)',
        );
      if (run.status === 'failed') process.exitCode = 1;
      if (stop.exitCode !== undefined) process.exitCode = stop.exitCode;
    } finally {
      bar?.stop();
      await analysis.close();
    }
  });
}
