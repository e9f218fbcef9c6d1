import type { Command } from 'commander';
import { createOutput, integerFlag } from '../cli-output.ts';
import type { Config } from '../config.ts';
import { startServer } from '../server.ts';
import { createServices } from '../services.ts';

/** `matscout serve [--port N]`: the HTTP API until SIGTERM/SIGINT. */
export function registerServeCommand(program: Command, getConfig: () => Config): void {
  program
    .command('serve')
    .description('run the HTTP API (stops cleanly on SIGTERM/SIGINT)')
    .option('--port <n>', 'port to listen on (default: $PORT or 8080; 0 picks a free one)')
    .option('--json', 'print {url} as JSON once listening')
    .action(async (flags: { port?: string; json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const port = flags.port === undefined ? undefined : integerFlag(flags.port, '--port', 0, 65535);
      const config = getConfig();
      const server = await startServer(config, { port, services: createServices });
      output.result(
        { url: server.url, port: server.port },
        () => `matscout API on ${server.url} (Ctrl-C stops it)`,
      );
      await server.closed;
    });
}
