/**
 * Node exits once nothing holds its event loop. A command that has finished, but whose libraries left a
 * handle open, lives on: `matscout serve` stopped while its Neo4j was down logged "stopped" and then
 * waited up to half a minute on the driver's timer before retrying a background read's transaction
 * (closing the driver does not cancel it), so a process manager's SIGTERM seemed to hang. So once a
 * command is done it gets `graceMs` to drain by itself; after that the process exits with the command's
 * code, naming on stderr what was still open, so a leak is seen rather than hidden.
 *
 * Only for the CLI's own process (bin/matscout.js): tests run commands in-process and must not exit.
 */
export function exitAfterCommand(options: { graceMs?: number } = {}): void {
  const graceMs = options.graceMs ?? 5_000;
  // Unreferenced: a process that drains by itself exits at once, as before.
  const timer = setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap');
    process.stderr.write(
      `matscout: the command finished, but ${open.length ? open.join(', ') : 'something'} still held the ` +
        `process ${graceMs / 1000} s later; exiting\n`,
    );
    process.exit();
  }, graceMs);
  timer.unref();
}
