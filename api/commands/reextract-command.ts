import type { Command } from 'commander';
import { createOutput } from '../cli-output.ts';
import { withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { reextractNow } from '../vocabulary-runs.ts';
import { formatRun } from './ingest-command.ts';
import { addBatchSizeFlag, readBatchSize } from './run-flags.ts';
import { stopOnSignals } from './stop-signals.ts';
import { cliActor } from './vocab-command.ts';

/** `matscout reextract [--all]`. */
export function registerReextractCommand(program: Command, getConfig: () => Config): void {
  const command = program
    .command('reextract')
    .description(
      'extract stored documents again from their stored text after vocabulary changes (finishes an interrupted run; --all: every document)',
    )
    .option('--all', 'every stored document, not only those a change affects');
  addBatchSizeFlag(command)
    .option('--json', 'print the run summary as JSON')
    .action(async (flags: { all?: boolean; batchSize: string; json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const batchSize = readBatchSize(flags);
      const stop = stopOnSignals((name) =>
        output.info(
          `reextract: stopping on ${name} after the batch being written; a second signal quits at once`,
        ),
      );
      try {
        const run = await withAppContext(getConfig(), { log: output.info }, (context) =>
          reextractNow(context, {
            all: Boolean(flags.all),
            actor: cliActor(),
            batchSize,
            signal: stop.signal,
            onProgress: (progress) =>
              output.info(
                `… ${progress.documents} of ${progress.total} documents, ${progress.updated} changed`,
              ),
          }),
        );
        output.result(run, () => formatRun(run));
        // What it did not reach stays pending: the same command carries on from there.
        if (run.status === 'cancelled') output.info('reextract: stopped; `matscout reextract` carries on');
        if (run.status === 'failed') process.exitCode = 1;
        if (stop.exitCode !== undefined) process.exitCode = stop.exitCode;
      } finally {
        stop.dispose();
      }
    });
}
