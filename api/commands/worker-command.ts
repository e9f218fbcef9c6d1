import type { Command } from 'commander';
import { startRunWorker } from '../../ingest/index.ts';
import { CliError, createOutput, integerFlag } from '../cli-output.ts';
import { openAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createRunExecutor } from '../scheduling-services.ts';
import { reextractionDue, reextractNow } from '../vocabulary-runs.ts';
import { addBatchSizeFlag, addLookAheadFlag, readBatchSize, readLookAhead } from './run-flags.ts';

/** `matscout worker`: executes queued runs from Redis (QUEUE_URL) until SIGTERM/SIGINT. */
export function registerWorkerCommand(program: Command, getConfig: () => Config): void {
  const command = program
    .command('worker')
    .description('execute ingestion runs queued on Redis (needs QUEUE_URL); run as many as you like')
    .option('--concurrency <n>', 'runs at once in this worker', '2')
    .option('--lease-ms <ms>', 'source lease lifetime (renewed while a run works)', '30000')
    .option('--stalled-ms <ms>', "how soon a dead worker's job is handed out again", '30000');
  addBatchSizeFlag(command).option('--host-delay-ms <ms>', 'minimum spacing of requests to one host', '1000');
  addLookAheadFlag(command)
    .option('--json', 'log JSON lines')
    .action(
      async (flags: {
        concurrency: string;
        leaseMs: string;
        stalledMs: string;
        batchSize: string;
        hostDelayMs: string;
        lookAhead: string;
        json?: boolean;
      }) => {
        const config = getConfig();
        if (!config.queueUrl) {
          throw new CliError('matscout worker needs a queue', { hint: 'set QUEUE_URL=redis://host:6379' });
        }
        const output = createOutput(Boolean(flags.json));
        const logger = createLogger(config.logLevel);
        const log = (message: string, details: Record<string, unknown> = {}) => logger.info(details, message);
        const context = await openAppContext(config, { log: output.info });
        const leaseMs = integerFlag(flags.leaseMs, '--lease-ms');
        const executor = createRunExecutor(context, {
          leaseMs,
          batchSize: readBatchSize(flags),
          perHostDelayMs: integerFlag(flags.hostDelayMs, '--host-delay-ms', 0),
          lookAhead: readLookAhead(flags),
          log,
          // Terms promoted by a run this worker executed, and changes it left pending, reach the stored
          // chunks (see reextractionDue).
          afterRun: async (run) => {
            if (!(await reextractionDue(run, context.vocabulary))) return;
            const actor = run.counts.promoted ? 'system:mining' : 'system';
            const reextraction = await reextractNow(context, { actor });
            log('re-extraction after a run', { runId: reextraction.id, status: reextraction.status });
          },
        });
        const worker = startRunWorker({
          url: config.queueUrl,
          executor,
          jobs: context.runJobs,
          concurrency: integerFlag(flags.concurrency, '--concurrency'),
          lockDurationMs: integerFlag(flags.stalledMs, '--stalled-ms'),
          stalledIntervalMs: integerFlag(flags.stalledMs, '--stalled-ms'),
          log,
        });
        log('worker started', { pid: process.pid, queue: config.queueUrl.replace(/\/\/[^@]*@/, '//***@') });
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
        log('worker stopping');
        await worker.close();
        await executor.dispose();
        await context.close();
      },
    );
}
