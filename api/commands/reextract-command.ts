import type { Command } from 'commander';
import { createOutput } from '../cli-output.ts';
import { withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { reextractNow } from '../vocabulary-runs.ts';
import { formatRun } from './ingest-command.ts';
import { addBatchSizeFlag, readBatchSize } from './run-flags.ts';
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
      const run = await withAppContext(getConfig(), { log: output.info }, (context) =>
        reextractNow(context, {
          all: Boolean(flags.all),
          actor: cliActor(),
          batchSize,
          onProgress: (progress) =>
            output.info(
              `… ${progress.documents} of ${progress.total} documents, ${progress.updated} changed`,
            ),
        }),
      );
      output.result(run, () => formatRun(run));
      if (run.status === 'failed') process.exitCode = 1;
    });
}
