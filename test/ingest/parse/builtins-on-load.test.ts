import { expect, it } from 'vitest';
// Nothing else is imported statically: the snapshot must be taken before any application module loads.
import { restoreBuiltins, snapshotBuiltins } from '../../../ingest/parse/native-builtins.ts';

it('loading the application and its ingestion worker replaces no JavaScript built-in', async () => {
  const snapshot = snapshotBuiltins();
  await import('../../../api/cli-program.ts');
  await import('../../../api/app.ts');
  await import('../../../ingest/pipeline/ingestion-worker.ts');
  // A library that polyfills on load (pdf.js's legacy build replaced Array.prototype.push) shows here.
  expect(restoreBuiltins(snapshot)).toEqual([]);
});
