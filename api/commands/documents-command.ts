import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { CliError, createOutput } from '../cli-output.ts';
import { createRetraction, withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { formatRetractionReport } from './retraction-output.ts';

interface RemoveFlags {
  reason?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** Who a CLI retraction is audited as. */
export function cliActor(): string {
  return `cli:${userInfo().username}`;
}

/** `matscout documents rm <id>… [--reason R] [--dry-run]`. */
export function registerDocumentsCommand(program: Command, getConfig: () => Config): void {
  const documents = program.command('documents').description('stored documents (rm: retract)');

  documents
    .command('rm')
    .description(
      'retract documents with everything derived from them (chunks, mentions, facts, orphaned entities, ' +
        'fast paths, citations); audited, one transaction per document',
    )
    .argument('<ids...>', 'document ids')
    .option('--reason <text>', 'why (kept in the audit event)')
    .option('--dry-run', 'report what would be removed and change nothing')
    .option('--json', 'print JSON')
    .action(async (ids: string[], flags: RemoveFlags) => {
      const output = createOutput(Boolean(flags.json));
      const report = await withAppContext(getConfig(), { log: output.info }, (context) =>
        createRetraction(context).retractDocuments(ids, {
          actor: cliActor(),
          dryRun: Boolean(flags.dryRun),
          ...(flags.reason ? { reason: flags.reason } : {}),
          onProgress: ({ done, total, documentId }) =>
            output.info(`retracted ${documentId} (${done}/${total})`),
        }),
      );
      if (report.documentIds.length === 0) {
        throw new CliError(
          `no document ${ids.map((id) => `'${id}'`).join(', ')} (already retracted, or never ingested)`,
          { hint: 'nothing was changed' },
        );
      }
      output.result(report, () => formatRetractionReport(report));
    });
}
