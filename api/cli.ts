import { Command, CommanderError } from 'commander';
import { GraphError } from '../graph/index.ts';
import { CliError } from './cli-output.ts';
import { registerAskCommand } from './commands/ask-command.ts';
import { registerBackupCommand } from './commands/backup-command.ts';
import { registerDemoCommand } from './commands/demo-command.ts';
import { registerDocumentsCommand } from './commands/documents-command.ts';
import { registerEvalCommand } from './commands/eval-command.ts';
import { registerIngestCommand } from './commands/ingest-command.ts';
import { registerKeysCommand } from './commands/keys-command.ts';
import { registerNeo4jCommand } from './commands/neo4j-command.ts';
import { registerProductsCommand } from './commands/products-command.ts';
import { registerReextractCommand } from './commands/reextract-command.ts';
import { registerScheduleCommand } from './commands/schedule-command.ts';
import { registerServeCommand } from './commands/serve-command.ts';
import { registerSourcesCommand } from './commands/sources-command.ts';
import { registerSuggestCommand } from './commands/suggest-command.ts';
import { registerVocabCommand } from './commands/vocab-command.ts';
import { registerWorkerCommand } from './commands/worker-command.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';

let cachedConfig: Config | undefined;
const getConfig = (): Config => {
  cachedConfig ??= loadConfig();
  return cachedConfig;
};

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('matscout')
    .description(
      'Materials application discovery: patents and news into a Neo4j graph, new applications ranked with citations.',
    )
    .showHelpAfterError()
    .exitOverride();
  registerNeo4jCommand(program, getConfig);
  registerDemoCommand(program, getConfig);
  registerIngestCommand(program, getConfig);
  registerProductsCommand(program, getConfig);
  registerSuggestCommand(program, getConfig);
  registerEvalCommand(program, getConfig);
  registerAskCommand(program, getConfig);
  registerKeysCommand(program, getConfig);
  registerServeCommand(program, getConfig);
  registerSourcesCommand(program, getConfig);
  registerDocumentsCommand(program, getConfig);
  registerBackupCommand(program, getConfig);
  registerScheduleCommand(program, getConfig);
  registerWorkerCommand(program, getConfig);
  registerVocabCommand(program, getConfig);
  registerReextractCommand(program, getConfig);
  return program;
}

function printError(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
    return error.exitCode;
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

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = printError(error);
}
