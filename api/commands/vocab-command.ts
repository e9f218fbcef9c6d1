import { userInfo } from 'node:os';
import type { Command } from 'commander';
import {
  type TermOrigin,
  termOrigins,
  type VocabularyEntry,
  type VocabularyPage,
} from '../../graph/index.ts';
import { CliError, createOutput, integerFlag } from '../cli-output.ts';
import { type AppContext, withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { reextractNow } from '../vocabulary-runs.ts';
import {
  createVocabularyService,
  type TermLabelName,
  termLabelNames,
  type VocabularyChangeOutcome,
  type VocabularyService,
} from '../vocabulary-service.ts';
import { formatRun } from './ingest-command.ts';

/** Who changes the vocabulary from a terminal, in the audit trail. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

const labelOptions: Record<string, VocabularyEntry['label']> = {
  material: 'Material',
  application: 'Application',
  property: 'Property',
  organization: 'Organization',
  product: 'Product',
};

function formatEntry(entry: VocabularyEntry): string {
  const names = [...entry.aliases, ...entry.acronyms];
  const flags = [
    entry.origin ?? 'unknown origin',
    entry.matched ? 'matched' : 'not matched',
    ...(entry.retired ? [entry.mergedInto ? `merged into ${entry.mergedInto}` : 'retired'] : []),
    ...(entry.support !== undefined ? [`support ${entry.support}`] : []),
    ...(entry.materialId ? [`material ${entry.materialId}`] : []),
    ...(entry.broader.length ? [`broader ${entry.broader.join(', ')}`] : []),
  ];
  return `${entry.id}  ${entry.name}${names.length ? `  (${names.join('; ')})` : ''}  [${flags.join(', ')}]`;
}

function formatPage(page: VocabularyPage, offset: number): string {
  if (page.entries.length === 0) return `no terms (vocabulary version ${page.version})`;
  return [
    ...page.entries.map(formatEntry),
    `${offset + 1}–${offset + page.entries.length} of ${page.total} (vocabulary version ${page.version})`,
  ].join('\n');
}

function formatOutcome(action: string, outcome: VocabularyChangeOutcome): string {
  const lines = [`${action}: ${formatEntry(outcome.term)}`, `vocabulary version ${outcome.version}`];
  if (outcome.reextraction?.run) lines.push(formatRun(outcome.reextraction.run));
  else lines.push('nothing changed; no re-extraction');
  return lines.join('\n');
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The service with re-extraction run right after each change (the CLI waits and prints its counts). */
function service(context: AppContext): VocabularyService {
  return createVocabularyService(context.vocabulary, async ({ actor }) => {
    const run = await reextractNow(context, { actor });
    return { runId: run.id, run };
  });
}

/** `matscout vocab list|add|alias|merge|retire`. */
export function registerVocabCommand(program: Command, getConfig: () => Config): void {
  const vocab = program
    .command('vocab')
    .description(
      'the vocabulary extraction matches: list, add, alias, merge and retire terms (re-extracts after each change)',
    );

  vocab
    .command('list')
    .description('list terms (entities and product names) with their origin')
    .option('--label <label>', `one of ${Object.keys(labelOptions).join(', ')}`)
    .option('--origin <origin>', `one of ${termOrigins.join(', ')}`)
    .option('--q <text>', 'names or aliases containing this text')
    .option('--include-retired', 'also retired and merged terms')
    .option('--limit <n>', 'at most this many', '100')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print JSON')
    .action(
      async (flags: {
        label?: string;
        origin?: string;
        q?: string;
        includeRetired?: boolean;
        limit: string;
        offset: string;
        json?: boolean;
      }) => {
        const output = createOutput(Boolean(flags.json));
        const label = flags.label ? labelOptions[flags.label.toLowerCase()] : undefined;
        if (flags.label && !label) {
          throw new CliError(`unknown label '${flags.label}'`, {
            hint: `use one of ${Object.keys(labelOptions).join(', ')}`,
          });
        }
        if (flags.origin && !termOrigins.includes(flags.origin as TermOrigin)) {
          throw new CliError(`unknown origin '${flags.origin}'`, {
            hint: `use one of ${termOrigins.join(', ')}`,
          });
        }
        const limit = integerFlag(flags.limit, '--limit');
        const offset = integerFlag(flags.offset, '--offset', 0);
        const page = await withAppContext(getConfig(), { log: output.info }, (context) =>
          context.vocabulary.list({
            ...(label ? { label } : {}),
            ...(flags.origin ? { origin: flags.origin as TermOrigin } : {}),
            ...(flags.q ? { q: flags.q } : {}),
            includeRetired: Boolean(flags.includeRetired),
            limit,
            offset,
          }),
        );
        output.result({ version: page.version, total: page.total, terms: page.entries }, () =>
          formatPage(page, offset),
        );
      },
    );

  vocab
    .command('add')
    .description('add a term (origin user); the stored chunks that name it are re-extracted')
    .argument('<name>', 'the term, e.g. "silica aerogel"')
    .requiredOption('--label <label>', termLabelNames.join(', '))
    .option('--alias <name>', 'another name (repeatable)', collect, [])
    .option(
      '--acronym <name>',
      'an ambiguous abbreviation, counted only where the text names the term otherwise (repeatable)',
      collect,
      [],
    )
    .option('--formula <formula>', 'chemical formula (materials)')
    .option('--class <class>', 'material class')
    .option('--domain <domain>', 'application domain')
    .option('--unit <unit>', 'unit (properties)')
    .option('--broader <id>', 'a broader term of the same label, id or name (repeatable)', collect, [])
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        flags: {
          label: string;
          alias: string[];
          acronym: string[];
          formula?: string;
          class?: string;
          domain?: string;
          unit?: string;
          broader: string[];
          json?: boolean;
        },
      ) => {
        const output = createOutput(Boolean(flags.json));
        const label = flags.label.toLowerCase() as TermLabelName;
        if (!termLabelNames.includes(label)) {
          throw new CliError(`unknown label '${flags.label}'`, {
            hint: `use one of ${termLabelNames.join(', ')}`,
          });
        }
        if (!/[\p{L}\p{N}]/u.test(name)) throw new CliError('the name needs a letter or digit');
        const outcome = await withAppContext(getConfig(), { log: output.info }, (context) =>
          service(context).add(
            {
              label,
              name,
              aliases: flags.alias,
              acronyms: flags.acronym,
              ...(flags.formula ? { formula: flags.formula } : {}),
              ...(flags.class ? { class: flags.class } : {}),
              ...(flags.domain ? { domain: flags.domain } : {}),
              ...(flags.unit ? { unit: flags.unit } : {}),
              broader: flags.broader,
            },
            cliActor(),
          ),
        );
        output.result(outcome, () => formatOutcome('added', outcome));
      },
    );

  vocab
    .command('alias')
    .description('give a term (or a product) more names; the chunks that use them are re-extracted')
    .argument('<id>', 'term id, e.g. material:silica-aerogel')
    .argument('[aliases...]', 'the new names')
    .option('--acronym <name>', 'an ambiguous abbreviation (repeatable)', collect, [])
    .option('--json', 'print JSON')
    .action(async (id: string, aliases: string[], flags: { acronym: string[]; json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      if (aliases.length === 0 && flags.acronym.length === 0) {
        throw new CliError('give at least one alias or --acronym');
      }
      const outcome = await withAppContext(getConfig(), { log: output.info }, (context) =>
        service(context).alias(id, { aliases, acronyms: flags.acronym }, cliActor()),
      );
      output.result(outcome, () => formatOutcome('aliased', outcome));
    });

  vocab
    .command('merge')
    .description('merge a term into another: mentions, facts and links move, its names become aliases')
    .argument('<id>', 'the term that goes')
    .argument('<into>', 'the term that stays')
    .option('--json', 'print JSON')
    .action(async (id: string, into: string, flags: { json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const outcome = await withAppContext(getConfig(), { log: output.info }, (context) =>
        service(context).merge(id, into, cliActor()),
      );
      output.result(outcome, () => formatOutcome('merged', outcome));
    });

  vocab
    .command('retire')
    .description('retire a term: no longer matched (kept for history); its mentions leave the chunks')
    .argument('<id>', 'term id')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const outcome = await withAppContext(getConfig(), { log: output.info }, (context) =>
        service(context).retire(id, cliActor()),
      );
      output.result(outcome, () => formatOutcome('retired', outcome));
    });
}
