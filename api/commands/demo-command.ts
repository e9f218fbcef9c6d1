import type { Command } from 'commander';
import { createOutput } from '../cli-output.ts';
import type { Config } from '../config.ts';
import { runDemo } from '../demo.ts';

/** `matscout demo`: the end-to-end tour on the bundled sample corpus. */
export function registerDemoCommand(program: Command, getConfig: () => Config): void {
  program
    .command('demo')
    .description('start Neo4j, apply the schema, ingest the sample corpus and show what matscout does')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const report = await runDemo(getConfig(), output.info);
      output.result(report, () => report.lines.join('\n'));
    });
}
