/** The exit code of a command stopped by a signal (128 + the signal's number), as shells report it. */
const exitCodes = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof exitCodes;

/** A long command's way to stop cleanly on Ctrl-C (SIGINT) or SIGTERM. */
export interface StopSignals {
  /** Aborted by the first signal. */
  readonly signal: AbortSignal;
  /** The exit code for the signal received (130 for SIGINT, 143 for SIGTERM), undefined before one. */
  readonly exitCode: number | undefined;
  /** Gives the signals back to Node's default (the process dies on the next). */
  dispose(): void;
}

/**
 * The first SIGINT or SIGTERM aborts `signal`, so a run can stop at its next safe point and still record
 * and print what it did; `onStop` tells the user what happens now. A second one exits at once with the
 * signal's code: the run's record then reads as interrupted once its heartbeat is old.
 */
export function stopOnSignals(onStop: (name: StopSignal) => void): StopSignals {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const handle = (name: StopSignal) => {
    if (received) process.exit(exitCodes[name]);
    received = name;
    controller.abort(new Error(`stopped by ${name}`));
    onStop(name);
  };
  const onInt = () => handle('SIGINT');
  const onTerm = () => handle('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    get exitCode() {
      return received ? exitCodes[received] : undefined;
    },
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
