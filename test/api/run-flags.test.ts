import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../api/cli-output.ts';
import {
  addBatchSizeFlag,
  addLookAheadFlag,
  readBatchSize,
  readLookAhead,
} from '../../api/commands/run-flags.ts';
import { defaultLookAhead } from '../../ingest/index.ts';

/** A command with both run flags, parsed as a user would type them. */
function parsed(args: string[]): { batchSize: string; lookAhead: string } {
  const command = addLookAheadFlag(addBatchSizeFlag(new Command('run').exitOverride()));
  command.parse(args, { from: 'user' });
  return command.opts<{ batchSize: string; lookAhead: string }>();
}

describe('run flags shared by ingest, worker and reextract', () => {
  it('default to 25 documents per transaction and the ingestion default look-ahead', () => {
    const flags = parsed([]);
    expect(readBatchSize(flags)).toBe(25);
    expect(readLookAhead(flags)).toBe(defaultLookAhead);
  });

  it('read what the user gives; a look-ahead of 0 writes as documents come', () => {
    const flags = parsed(['--batch-size', '100', '--look-ahead', '0']);
    expect(readBatchSize(flags)).toBe(100);
    expect(readLookAhead(flags)).toBe(0);
  });

  it('refuse a batch of no documents and a negative look-ahead, naming the flag', () => {
    expect(() => readBatchSize(parsed(['--batch-size', '0']))).toThrow(CliError);
    expect(() => readBatchSize(parsed(['--batch-size', '0']))).toThrow(
      "--batch-size must be an integer ≥ 1, got '0'",
    );
    expect(() => readLookAhead(parsed(['--look-ahead', '-1']))).toThrow(
      "--look-ahead must be an integer ≥ 0, got '-1'",
    );
  });
});
