import { readFileSync } from 'node:fs';

const mebibytes = (bytes: number): number => Number((bytes / 1048576).toFixed(1));

/** Resident memory of another process (Linux /proc), in bytes; undefined when it cannot be read. */
function residentBytesOf(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Start, end and highest value of one process's resident memory, and evenly spaced samples (MiB). */
export interface ResidentMemory {
  startMiB: number;
  endMiB: number;
  peakMiB: number;
  /** Up to `points` values spread over the run, so a long run shows whether memory stays flat. */
  seriesMiB: number[];
}

export interface ResourceSample {
  node: ResidentMemory;
  /** The benchmark's Neo4j server (JVM), when its pid is known and readable. */
  neo4j?: ResidentMemory;
  /** Another process the benchmark runs (a CLI command), when given. */
  child?: ResidentMemory;
  intervalMs: number;
}

class Series {
  readonly values: number[] = [];
  add(value: number | undefined): void {
    if (value !== undefined) this.values.push(value);
  }
  summary(points: number): ResidentMemory | undefined {
    const { values } = this;
    if (values.length === 0) return undefined;
    const step = Math.max(1, Math.ceil(values.length / points));
    const series = values.filter((_, index) => index % step === 0);
    return {
      startMiB: mebibytes(values[0] as number),
      endMiB: mebibytes(values.at(-1) as number),
      peakMiB: mebibytes(Math.max(...values)),
      seriesMiB: series.map(mebibytes),
    };
  }
}

/**
 * Samples resident memory of this process and, given its pid, of the Neo4j server every `intervalMs`
 * until the returned function is called, which gives the summary.
 */
export function sampleResources(
  options: {
    /** A pid, or a function giving the current one (a server that is restarted changes it). */
    neo4jPid?: number | (() => number | undefined);
    childPid?: () => number | undefined;
    intervalMs?: number;
    points?: number;
  } = {},
): () => ResourceSample {
  const intervalMs = options.intervalMs ?? 250;
  const node = new Series();
  const neo4j = new Series();
  const child = new Series();
  const pidOf = (pid: number | (() => number | undefined) | undefined) =>
    typeof pid === 'function' ? pid() : pid;
  const sample = () => {
    node.add(process.memoryUsage.rss());
    const neo4jPid = pidOf(options.neo4jPid);
    if (neo4jPid !== undefined) neo4j.add(residentBytesOf(neo4jPid));
    const childPid = pidOf(options.childPid);
    if (childPid !== undefined) child.add(residentBytesOf(childPid));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return () => {
    clearInterval(timer);
    sample();
    const points = options.points ?? 12;
    const neo4jSummary = neo4j.summary(points);
    const childSummary = child.summary(points);
    return {
      node: node.summary(points) as ResidentMemory,
      ...(neo4jSummary ? { neo4j: neo4jSummary } : {}),
      ...(childSummary ? { child: childSummary } : {}),
      intervalMs,
    };
  };
}
