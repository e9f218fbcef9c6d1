import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLines, runCli } from '../support/cli.ts';

function listenOnFreePort(): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function expectOneLineError(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.code).not.toBe(0);
  const lines = errorLines(result.stderr);
  expect(lines.filter((line) => line.startsWith('error:'))).toHaveLength(1);
  expect(lines.some((line) => /^\s+at /.test(line))).toBe(false);
  expect(lines.join('\n')).toMatch(pattern);
}

describe('matscout neo4j', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('--help lists every command of the CLI contract', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of [
      'neo4j',
      'ingest',
      'products',
      'suggest',
      'ask',
      'eval',
      'keys',
      'serve',
      'worker',
      'demo',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });

  it('refuses a port that another process holds, with a one-line error', async () => {
    const server = await listenOnFreePort();
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const port = (server.address() as net.AddressInfo).port;
    const home = await mkdtemp(path.join(os.tmpdir(), 'matscout-port-'));
    const result = await runCli(['neo4j', 'start', '--home', home, '--port', String(port)]);
    expectOneLineError(result, new RegExp(`port ${port} .*in use[\\s\\S]*hint: choose another port`));
  });

  it('says Java is missing when JAVA_HOME points nowhere', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'matscout-java-'));
    const result = await runCli(['neo4j', 'start', '--home', home, '--port', '17998'], {
      JAVA_HOME: '/nonexistent/jdk',
    });
    expectOneLineError(result, /Java 17\+ is required[\s\S]*hint: install a JDK 17\+/);
  });

  it('reports a corrupt data home in one line', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'matscout-corrupt-'));
    const store = path.join(home, 'data', 'databases', 'neo4j');
    await mkdir(store, { recursive: true });
    await mkdir(path.join(home, 'data', 'transactions', 'neo4j'), { recursive: true });
    for (const file of ['neostore', 'neostore.nodestore.db', 'neostore.propertystore.db']) {
      await writeFile(path.join(store, file), Buffer.alloc(20_000, 0x5a));
    }
    const result = await runCli(['neo4j', 'start', '--home', home, '--port', '17997']);
    cleanups.push(() => runCli(['neo4j', 'stop', '--home', home]));
    expectOneLineError(result, /could not open the data in .*[\s\S]*hint: the data home looks corrupt/);
  });

  it('reports a data home that is a file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-file-'));
    const home = path.join(dir, 'not-a-dir');
    await writeFile(home, 'x');
    const result = await runCli(['neo4j', 'start', '--home', home, '--port', '17996']);
    expectOneLineError(result, /is not a directory/);
  });

  it('reports an unreachable NEO4J_URI in one line and starts nothing', async () => {
    const result = await runCli(['neo4j', 'status'], { NEO4J_URI: 'bolt://127.0.0.1:9' });
    expectOneLineError(result, /cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:9[\s\S]*hint: check NEO4J_URI/);
  });

  it('rejects a malformed NEO4J_URI naming the variable', async () => {
    const result = await runCli(['neo4j', 'status'], { NEO4J_URI: 'http://example' });
    expectOneLineError(result, /NEO4J_URI: must look like neo4j:\/\//);
  });

  it('runs a second instance beside the suite one: start, no-op start, status, stop', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'matscout-second-'));
    const port = '17995';
    cleanups.push(() => runCli(['neo4j', 'stop', '--home', home]));
    const started = await runCli(['neo4j', 'start', '--home', home, '--port', port, '--json']);
    expect(started.code).toBe(0);
    const startInfo = JSON.parse(started.stdout);
    expect(startInfo).toMatchObject({
      running: true,
      alreadyRunning: false,
      version: expect.stringMatching(/^5\.26\./),
    });
    const again = JSON.parse(
      (await runCli(['neo4j', 'start', '--home', home, '--port', port, '--json'])).stdout,
    );
    expect(again).toMatchObject({ alreadyRunning: true, pid: startInfo.pid });
    const status = JSON.parse((await runCli(['neo4j', 'status', '--home', home, '--json'])).stdout);
    expect(status).toMatchObject({ running: true, uri: `bolt://127.0.0.1:${port}`, home });
    const stopped = JSON.parse((await runCli(['neo4j', 'stop', '--home', home, '--json'])).stdout);
    expect(stopped).toMatchObject({ stopped: true, pid: startInfo.pid });
    const after = await runCli(['neo4j', 'status', '--home', home, '--json']);
    expect(JSON.parse(after.stdout)).toMatchObject({ running: false });
    expect(after.code).toBe(3);
  });
});
