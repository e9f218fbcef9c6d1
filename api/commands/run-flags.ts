import { type Command, Option } from 'commander';
import { defaultLookAhead } from '../../ingest/index.ts';
import { integerFlag } from '../cli-output.ts';

/**
 * The flags that shape how a run writes, shared by `ingest`, `worker` and `reextract`, so each reads
 * the same way and names the same range in its error.
 */
export function addBatchSizeFlag(command: Command): Command {
  return command.addOption(new Option('--batch-size <n>', 'documents per graph transaction').default('25'));
}

export function addLookAheadFlag(command: Command): Command {
  return command.addOption(
    new Option(
      '--look-ahead <n>',
      'documents held to promote the mined terms they share before writing them; 0 writes each as it comes and promotes at the end',
    ).default(String(defaultLookAhead)),
  );
}

/** `--batch-size`: at least one document per transaction. */
export function readBatchSize(flags: { batchSize: string }): number {
  return integerFlag(flags.batchSize, '--batch-size');
}

/** `--look-ahead`: 0 (write as documents come) or more. */
export function readLookAhead(flags: { lookAhead: string }): number {
  return integerFlag(flags.lookAhead, '--look-ahead', 0);
}
