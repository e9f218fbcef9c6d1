import { existsSync, readFileSync } from 'node:fs';
import { Command, CommanderError, Help } from 'commander';
import { CliError } from './cli-output.ts';
import type { Config } from './config.ts';

type Register = (program: Command, getConfig: () => Config) => void;

/**
 * Every command, in help order, each loaded only when asked for: the command modules pull in the
 * driver, the HTTP stack and the model clients, which a single command or `--help` should not pay for.
 */
export const commandLoaders: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['neo4j', async () => (await import('./commands/neo4j-command.ts')).registerNeo4jCommand],
  ['demo', async () => (await import('./commands/demo-command.ts')).registerDemoCommand],
  ['ingest', async () => (await import('./commands/ingest-command.ts')).registerIngestCommand],
  ['products', async () => (await import('./commands/products-command.ts')).registerProductsCommand],
  ['suggest', async () => (await import('./commands/suggest-command.ts')).registerSuggestCommand],
  ['eval', async () => (await import('./commands/eval-command.ts')).registerEvalCommand],
  ['ask', async () => (await import('./commands/ask-command.ts')).registerAskCommand],
  ['keys', async () => (await import('./commands/keys-command.ts')).registerKeysCommand],
  ['serve', async () => (await import('./commands/serve-command.ts')).registerServeCommand],
  ['sources', async () => (await import('./commands/sources-command.ts')).registerSourcesCommand],
  ['documents', async () => (await import('./commands/documents-command.ts')).registerDocumentsCommand],
  ['backup', async () => (await import('./commands/backup-command.ts')).registerBackupCommand],
  ['schedule', async () => (await import('./commands/schedule-command.ts')).registerScheduleCommand],
  ['worker', async () => (await import('./commands/worker-command.ts')).registerWorkerCommand],
  ['vocab', async () => (await import('./commands/vocab-command.ts')).registerVocabCommand],
  ['reextract', async () => (await import('./commands/reextract-command.ts')).registerReextractCommand],
];

/** One line of the top-level help, as commander prints it with every command registered. */
export interface CommandSummary {
  name: string;
  term: string;
  description: string;
}

let cachedConfig: Config | undefined;
let loadConfigOnce: (() => Config) | undefined;
const getConfig = (): Config => {
  if (!loadConfigOnce) throw new Error('configuration loader not ready');
  cachedConfig ??= loadConfigOnce();
  return cachedConfig;
};

function emptyProgram(): Command {
  return new Command()
    .name('matscout')
    .description(
      'Materials application discovery: patents and news into a Neo4j graph, new applications ranked with citations.',
    )
    .showHelpAfterError()
    .exitOverride();
}

/** The program with the named command only, or with every command when `only` is not one of them. */
export async function buildProgram(only?: string): Promise<Command> {
  const program = emptyProgram();
  loadConfigOnce ??= (await import('./config.ts')).loadConfig;
  const chosen = commandLoaders.filter(([name]) => name === only);
  for (const [, load] of chosen.length > 0 ? chosen : commandLoaders) (await load())(program, getConfig);
  return program;
}

/** The top-level help's command lines, for a build step to store beside the compiled CLI. */
export function summarizeCommands(program: Command): CommandSummary[] {
  const help: Help = program.createHelp();
  return program.commands.map((command) => ({
    name: command.name(),
    term: help.subcommandTerm(command),
    description: help.subcommandDescription(command),
  }));
}

/** A program that only prints the top-level help, from stored command summaries. */
export function helpProgramFrom(summaries: CommandSummary[]): Command {
  const program = emptyProgram();
  const terms = new Map(summaries.map((summary) => [summary.name, summary.term]));
  for (const summary of summaries) program.command(summary.name).description(summary.description);
  const standard = new Help();
  program.configureHelp({
    subcommandTerm: (command) => terms.get(command.name()) ?? standard.subcommandTerm(command),
  });
  return program;
}

/**
 * `matscout --help` from the summaries stored at build time beside the compiled CLI (no command module
 * loaded), or undefined when there are none (running from TypeScript): the caller builds the full program.
 */
function storedHelpProgram(): Command | undefined {
  const stored = new URL('./cli-commands.json', import.meta.url);
  if (!existsSync(stored)) return undefined;
  return helpProgramFrom(JSON.parse(readFileSync(stored, 'utf8')) as CommandSummary[]);
}

async function printError(error: unknown): Promise<number> {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
    return error.exitCode;
  }
  const [{ GraphError, isGraphUnavailable }, { ConfigError }] = await Promise.all([
    import('../graph/index.ts'),
    import('./config.ts'),
  ]);
  if (isGraphUnavailable(error) && !(error instanceof GraphError)) {
    process.stderr.write(
      `error: the graph became unreachable: ${(error as Error).message.split('\n')[0]}\nhint: start it again (npx matscout neo4j start, or check NEO4J_URI) and run the command again: what was written stays, and re-running is safe\n`,
    );
    return 1;
  }
  if (error instanceof GraphError || error instanceof ConfigError) {
    const hint = error instanceof GraphError && error.hint ? `\nhint: ${error.hint}` : '';
    process.stderr.write(`error: ${error.message.split('\n')[0]}${hint}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(`error: ${message}\n`);
  return 1;
}

/** Runs the CLI on `argv` (node, script, args...). */
export async function runCli(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  try {
    const topLevelHelp = args.length === 1 && (args[0] === '--help' || args[0] === '-h');
    const program = (topLevelHelp ? storedHelpProgram() : undefined) ?? (await buildProgram(args[0]));
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = await printError(error);
  }
}
