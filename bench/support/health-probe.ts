import { loadConfig } from '../../api/config.ts';
import { type RunningServer, startServer } from '../../api/server.ts';
import { createServices } from '../../api/services.ts';
import { percentile } from './latency-stats.ts';

/** Latencies of `/health` probes over a socket while something else ran in the same process. */
export interface HealthLatency {
  probes: number;
  errors: number;
  intervalMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * The real API (composition root, all routes and services) listening on a loopback port of this process,
 * on the benchmark's Neo4j, so `/health` can be probed while an ingestion runs beside it.
 */
export function startBenchApi(neo4jUri: string): Promise<RunningServer> {
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: neo4jUri,
    LLM_PROVIDER: 'none',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
  });
  return startServer(config, { port: 0, services: createServices, handleSignals: false });
}

/**
 * Probes `url` + `path` (`/health`; `/ready` asks the database) every `intervalMs` (one request at a
 * time: the next starts `intervalMs` after the previous answered) until the returned function is
 * called, which gives the latency percentiles.
 */
export function probeHealth(url: string, intervalMs = 50, path = '/health'): () => Promise<HealthLatency> {
  const latencies: number[] = [];
  let errors = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}${path}`);
        await response.arrayBuffer();
        if (!response.ok) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    const sorted = [...latencies].sort((a, b) => a - b);
    const round = (value: number) => Number(value.toFixed(1));
    return {
      probes: sorted.length,
      errors,
      intervalMs,
      p50Ms: round(percentile(sorted, 50)),
      p95Ms: round(percentile(sorted, 95)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted.at(-1) ?? Number.NaN),
    };
  };
}
