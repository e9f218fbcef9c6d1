import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadToFile } from '../../../ingest/sources/safe-download.ts';
import { FetchError } from '../../../ingest/sources/safe-fetch.ts';
import { type LocalServer, startLocalServer } from './local-http-servers.ts';

describe('downloadToFile', () => {
  const body = randomBytes(300 * 1024);
  let server: LocalServer;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'matscout-download-test-'));
    server = await startLocalServer('127.0.0.1', (request, response) => {
      if (request.url === '/declared') {
        response.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': body.length,
        });
        response.end(body);
        return;
      }
      // Chunked, with no length announced: only counting while streaming can stop it.
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const pump = () => {
        while (sent < body.length) {
          const part = body.subarray(sent, sent + 16 * 1024);
          sent += part.length;
          if (!response.write(part)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      pump();
    });
  });

  afterAll(async () => {
    await server?.close();
    await rm(directory, { recursive: true, force: true });
  });

  const url = (name: string) => `http://127.0.0.1:${server.port}/${name}`;

  it('streams a body within the cap to a temporary file, hashes it, and removes it on dispose', async () => {
    const file = await downloadToFile(url('chunked'), {
      allowList: ['127.0.0.1'],
      directory,
      maxBytes: 1024 * 1024,
    });
    expect(file.size).toBe(body.length);
    expect(file.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(Buffer.compare(await readFile(file.path), body)).toBe(0);
    expect(path.dirname(path.dirname(file.path))).toBe(directory);
    await file.dispose();
    expect(await readdir(directory)).toEqual([]);
  });

  it.each(['chunked', 'declared'])(
    'fails a %s body over the cap permanently, naming the limit, and leaves no temporary file',
    async (name) => {
      const attempt = downloadToFile(url(name), {
        allowList: ['127.0.0.1'],
        directory,
        maxBytes: 64 * 1024,
        limitSetting: 'BULK_MAX_BYTES',
      });
      await expect(attempt).rejects.toBeInstanceOf(FetchError);
      const error = (await attempt.catch((caught: unknown) => caught)) as FetchError;
      expect(error.message).toMatch(/^too large: more than the limit of 65536 bytes/);
      expect(error.message).toMatch(/will not be retried; raise BULK_MAX_BYTES/);
      expect(error.retryable).toBe(false);
      expect(await readdir(directory)).toEqual([]);
    },
  );

  it('refuses non-public addresses like safeFetch', async () => {
    const error = (await downloadToFile(url('chunked'), { directory, maxBytes: 1024 * 1024 }).catch(
      (caught: unknown) => caught,
    )) as FetchError;
    expect(error.message).toMatch(/^refused: 127\.0\.0\.1 is a non-public address \(loopback\)/);
    expect(await readdir(directory)).toEqual([]);
  });
});
