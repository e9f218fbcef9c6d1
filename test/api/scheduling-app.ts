import { createAppContext } from '../../api/composition-root.ts';
import { createSchedulingServices, type SchedulingOptions } from '../../api/scheduling-services.ts';
import { testConfig, testGraph } from '../ingest/schedule/scheduling-fixtures.ts';
import { startTestApp } from './api-test-app.ts';

/** The API with real scheduling services (runs, sources, schedules) on the suite's Neo4j. */
export type SchedulingApp = Awaited<ReturnType<typeof startSchedulingApp>>;

/**
 * Starts it with `env`; `key` is an engineer's API key and `call` a JSON request made with it (status and
 * parsed body).
 */
export async function startSchedulingApp(env: Record<string, string>, options: SchedulingOptions = {}) {
  const graph = await testGraph();
  const scheduling = await createSchedulingServices(createAppContext(testConfig(env), graph), options);
  const app = await startTestApp({
    env,
    deps: { startIngestion: scheduling.startIngestion, routes: scheduling.routes },
  });
  const key = await app.keyFor('engineer');
  return {
    app,
    scheduling,
    graph,
    key,
    call: async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${app.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    close: async () => {
      await scheduling.stop();
      await app.close();
      await graph.close();
    },
  };
}
