/**
 * An ingestion thread whose heap grows to its limit is terminated by Node (the process lives on; one
 * allocation far beyond the limit can instead end the process, which no code here can catch) and the
 * pool starts another. What was too large decides what a run should do:
 * - one document too large for it: that document fails with the reason, the run goes on;
 * - the vocabulary too large for it: every thread must compile the vocabulary before its first
 *   document, so every document would fail alike, each after a compile of seconds. The run stops with
 *   one reason instead of failing a backfill's documents one by one.
 */

/** Whether an error is Node's termination of a worker thread that reached its heap limit. */
export function isThreadOutOfMemory(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && /^Worker terminated due to reaching memory limit/.test(message);
}

/** How a pool's threads are limited, as the messages name it. */
export function heapLimitText(heapMb: number | undefined): string {
  return heapMb
    ? `a heap limit of ${heapMb} MiB (INGEST_THREAD_HEAP_MB)`
    : `Node's default heap limit (INGEST_THREAD_HEAP_MB raises it)`;
}

/** One task's thread ran out of memory; the item fails, the run goes on. Retrying with the same limit fails alike. */
export class ThreadOutOfMemoryError extends Error {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ThreadOutOfMemoryError';
  }
}

/** The threads cannot hold the vocabulary: no document can be analysed, so the run stops with this. */
export class VocabularyOutOfMemoryError extends ThreadOutOfMemoryError {
  readonly stopsRun = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VocabularyOutOfMemoryError';
  }
}

/** Whether an item's error means every later item would fail alike, so the run should stop with it. */
export function stopsRun(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { stopsRun?: unknown }).stopsRun === true;
}

/**
 * Counts threads lost while compiling a vocabulary, in a row: a task that carried a vocabulary (whole or
 * as a delta) may also have failed on its own document, so one loss proves nothing; a second one in a
 * row, on another document, with no task done in between, is the vocabulary.
 */
export class CompileLosses {
  private static readonly threshold = 2;
  private inARow = 0;

  succeeded(): void {
    this.inARow = 0;
  }

  /** Records a lost thread; true when the vocabulary is to blame. */
  lost(whileCompiling: boolean): boolean {
    // A thread that held the vocabulary and lost it to a document shows the vocabulary fits.
    if (!whileCompiling) {
      this.inARow = 0;
      return false;
    }
    this.inARow += 1;
    return this.inARow >= CompileLosses.threshold;
  }
}
