/**
 * Shares one read among callers that arrive together, without ever answering a caller with a read that
 * began before its call. Ingestion asks for the vocabulary version once per document, many at a time on
 * the pool; each ask was its own read transaction queued behind the writes on a busy server.
 *
 * A caller that finds no read in flight starts one. A caller that finds one in flight cannot use it (it
 * may have begun before a change the caller must see), so it waits for it and shares the single read
 * started right after, with every other caller that came meanwhile. So each answer is at least as fresh
 * as a read of its own would have been, and one read runs at a time.
 */
export class FreshReadCoalescer<T> {
  private inFlight: Promise<T> | undefined;
  private next: Promise<T> | undefined;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.inFlight) {
      // Only this callback clears the field, and nothing sets it while a read is in flight.
      this.inFlight = this.read().finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    this.next ??= this.inFlight.then(
      () => this.startNext(),
      () => this.startNext(),
    );
    return this.next;
  }

  private startNext(): Promise<T> {
    this.next = undefined;
    return this.get();
  }
}
