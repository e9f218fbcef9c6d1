import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { startServer } from '../../api/server.ts';
import { testNeo4jEnv } from '../support/graph.ts';
import { repoRoot } from '../support/paths.ts';

const neo4jEnv = testNeo4jEnv;

describe('startServer and matscout serve', () => {
  it('startServer listens, answers /health and /ready, and closes cleanly', async () => {
    const config = loadConfig({ ...neo4jEnv(), LOG_LEVEL: 'silent' }, repoRoot);
    const server = await startServer(config, { port: 0, handleSignals: false });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${server.url}/ready`)).json()).toEqual({ status: 'ready' });
      expect((await fetch(`${server.url}/v1/products`)).status).toBe(401);
    } finally {
      await server.close();
    }
    await server.closed;
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('matscout serve --port 0 --json prints its URL and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'bin', 'matscout.js'), 'serve', '--port', '0', '--json'],
      {
        cwd: repoRoot,
        env: { ...process.env, ...neo4jEnv(), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => {
      stdout += data;
    });
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await expect.poll(() => stdout.includes('}'), { timeout: 60_000, interval: 100 }).toBe(true);
      const { url } = JSON.parse(stdout) as { url: string };
      expect((await fetch(`${url}/health`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited, stderr).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
