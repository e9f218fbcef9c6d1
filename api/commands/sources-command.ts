import path from 'node:path';
import type { Command } from 'commander';
import type { DeclaredSource, SourceSpec } from '../../graph/index.ts';
import { describeSource, globProblem } from '../../ingest/index.ts';
import { CliError, createOutput } from '../cli-output.ts';
import { createRetraction, withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { createScheduleAdmin } from '../scheduling-services.ts';
import { cliActor } from './documents-command.ts';
import { formatRetractionReport } from './retraction-output.ts';

interface AddFlags {
  id?: string;
  name?: string;
  folder?: string;
  glob?: string;
  url?: string[];
  feed?: string;
  uspto?: string;
  json?: boolean;
}

function specFrom(flags: AddFlags): SourceSpec {
  const given = [flags.folder, flags.url, flags.feed, flags.uspto].filter((value) => value !== undefined);
  if (given.length !== 1) throw new CliError('give exactly one of --folder, --url, --feed, --uspto');
  const httpOnly = (url: string) => {
    if (!/^https?:\/\//i.test(url)) throw new CliError(`'${url}' is not an http(s) URL`);
    return url;
  };
  if (flags.glob !== undefined) {
    if (!flags.folder) throw new CliError('--glob applies to --folder sources only');
    const problem = globProblem(flags.glob);
    if (problem) throw new CliError(`invalid --glob '${flags.glob.slice(0, 80)}': ${problem}`);
  }
  if (flags.folder) return { type: 'folder', path: path.resolve(flags.folder), glob: flags.glob };
  if (flags.url) return { type: 'urls', urls: flags.url.map(httpOnly) };
  if (flags.feed) return { type: 'feed', url: httpOnly(flags.feed) };
  const location = flags.uspto as string;
  return { type: 'uspto-bulk', location: /^https?:\/\//i.test(location) ? location : path.resolve(location) };
}

interface RemoveFlags {
  documents?: boolean;
  reason?: string;
  dryRun?: boolean;
  json?: boolean;
}

const formatSource = (source: DeclaredSource) => `${source.id}  ${describeSource(source)}`;

/** `matscout sources add|list|rm`. */
export function registerSourcesCommand(program: Command, getConfig: () => Config): void {
  const sources = program.command('sources').description('declared ingestion sources (add, list, rm)');

  sources
    .command('add')
    .description('declare a source: a folder (with --glob), URLs, an RSS/Atom feed, or a USPTO bulk file')
    .option('--id <id>', 'source id (default: generated)')
    .option('--name <name>', 'a label')
    .option('--folder <path>', 'a folder on this machine')
    .option('--glob <pattern>', 'only files matching (e.g. "*.xml", "2024/**/*.md")')
    .option('--url <url...>', 'one or more http(s) URLs')
    .option('--feed <url>', 'an RSS or Atom feed URL')
    .option('--uspto <location>', 'a USPTO weekly bulk file (path or URL)')
    .option('--json', 'print JSON')
    .action(async (flags: AddFlags) => {
      const output = createOutput(Boolean(flags.json));
      const spec = specFrom(flags);
      const source = await withAppContext(getConfig(), { log: output.info }, (context) =>
        createScheduleAdmin(context).declareSource(spec, {
          id: flags.id,
          name: flags.name,
          actor: `cli:${process.env.USER ?? 'unknown'}`,
        }),
      );
      output.result(source, () => `declared ${formatSource(source)}`);
    });

  sources
    .command('list')
    .description('list declared sources')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const list = await withAppContext(getConfig(), { log: output.info }, (context) =>
        context.sources.listSources(),
      );
      output.result(list, () =>
        list.length === 0
          ? 'no sources (declare one with `matscout sources add`)'
          : list.map(formatSource).join('\n'),
      );
    });

  sources
    .command('rm')
    .description('remove a declared source (its documents stay, unless --documents retracts them too)')
    .argument('<id>', 'source id')
    .option('--documents', 'also retract every document the source ingested (audited, as `documents rm`)')
    .option('--reason <text>', 'with --documents: why (kept in the audit events)')
    .option('--dry-run', 'with --documents: report what would be removed and change nothing')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: RemoveFlags) => {
      const output = createOutput(Boolean(flags.json));
      if (!flags.documents && (flags.dryRun || flags.reason)) {
        throw new CliError('--dry-run and --reason go with --documents', {
          hint: `matscout sources rm ${id} --documents --dry-run`,
        });
      }
      if (flags.documents) {
        const report = await withAppContext(getConfig(), { log: output.info }, (context) =>
          createRetraction(context).retractSource(id, {
            actor: cliActor(),
            dryRun: Boolean(flags.dryRun),
            removeSource: true,
            ...(flags.reason ? { reason: flags.reason } : {}),
            onProgress: ({ done, total, documentId }) =>
              output.info(`retracted ${documentId} (${done}/${total})`),
          }),
        );
        if (!report) throw new CliError(`no source '${id}'`, { hint: 'see `matscout sources list`' });
        output.result(report, () => formatRetractionReport(report));
        return;
      }
      const removed = await withAppContext(getConfig(), { log: output.info }, (context) =>
        createScheduleAdmin(context).removeSource(id, 'cli'),
      );
      if (!removed) throw new CliError(`no source '${id}'`, { hint: 'see `matscout sources list`' });
      output.result({ id, removed }, () => `removed ${id}`);
    });
}
