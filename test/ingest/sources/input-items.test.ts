import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, type InputItem } from '../../../ingest/sources/input-items.ts';

async function collect(inputs: string[], roots?: string[]): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of expandInputs(inputs, { roots })) {
    items.push(item);
    if (items.length > 10_000) throw new Error('the walk does not end');
  }
  return items;
}

const files = (items: InputItem[]) =>
  items.filter((item) => item.kind === 'file').map((item) => (item.kind === 'file' ? item.path : ''));
const errors = (items: InputItem[]) =>
  items.flatMap((item) => (item.kind === 'error' ? [{ item: item.item, reason: item.reason }] : []));

describe('expandInputs walks', () => {
  let base: string;
  let allowed: string;
  let outside: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'matscout-walk-'));
    allowed = path.join(base, 'allowed');
    outside = path.join(base, 'outside');
    await mkdir(path.join(allowed, 'news', 'deep'), { recursive: true });
    await mkdir(path.join(allowed, 'shared'), { recursive: true });
    await mkdir(outside);
    await writeFile(path.join(allowed, 'news', 'a.md'), '# A');
    await writeFile(path.join(allowed, 'news', 'deep', 'b.md'), '# B');
    await writeFile(path.join(allowed, 'shared', 'c.md'), '# C');
    await writeFile(path.join(outside, 'secret.md'), '# secret');
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('never follows a link out of the allowed folders (to a folder, a file, or /etc)', async () => {
    const folder = path.join(base, 'links-out');
    await mkdir(folder);
    await writeFile(path.join(folder, 'own.md'), '# own');
    await symlink(outside, path.join(folder, 'to-outside'));
    await symlink(path.join(outside, 'secret.md'), path.join(folder, 'secret.md'));
    await symlink('/etc', path.join(folder, 'etc'));
    await symlink('../outside/secret.md', path.join(folder, 'relative.md'));
    const items = await collect([folder]);
    expect(files(items)).toEqual([path.join(folder, 'own.md')]);
    expect(errors(items)).toEqual(
      ['etc', 'relative.md', 'secret.md', 'to-outside'].map((name) => ({
        item: path.join(folder, name),
        reason: 'symbolic link to a place outside the allowed folders; not followed',
      })),
    );
  });

  it('follows a link whose real path stays inside an allowed root, reading the real file', async () => {
    await symlink(path.join(allowed, 'shared'), path.join(allowed, 'news', 'shared-link'));
    const items = await collect([path.join(allowed, 'news')], [allowed]);
    expect(items).toEqual([
      { kind: 'file', path: path.join(allowed, 'news', 'a.md'), size: 3 },
      { kind: 'file', path: path.join(allowed, 'news', 'deep', 'b.md'), size: 3 },
      {
        kind: 'file',
        path: path.join(allowed, 'shared', 'c.md'),
        size: 3,
        walkPath: path.join(allowed, 'news', 'shared-link', 'c.md'),
      },
    ]);
    // Without that root, the same link leads outside the input and is refused.
    const narrow = await collect([path.join(allowed, 'news')]);
    expect(files(narrow)).toEqual([
      path.join(allowed, 'news', 'a.md'),
      path.join(allowed, 'news', 'deep', 'b.md'),
    ]);
    expect(errors(narrow)).toEqual([
      {
        item: path.join(allowed, 'news', 'shared-link'),
        reason: 'symbolic link to a place outside the allowed folders; not followed',
      },
    ]);
  });

  it('ends on `ln -s . loop` and reports the loop', async () => {
    const folder = path.join(base, 'self-loop');
    await mkdir(folder);
    await writeFile(path.join(folder, 'x.md'), '# X');
    await symlink('.', path.join(folder, 'loop'));
    const items = await collect([folder]);
    expect(files(items)).toEqual([path.join(folder, 'x.md')]);
    expect(errors(items)).toEqual([
      {
        item: path.join(folder, 'loop'),
        reason: 'symbolic link loop: it leads back to a folder being read; not followed',
      },
    ]);
  });

  it('ends on two folders linked to each other, and on two `ln -s .` loops', async () => {
    const folder = path.join(base, 'mutual');
    await mkdir(path.join(folder, 'one'), { recursive: true });
    await mkdir(path.join(folder, 'two'));
    await writeFile(path.join(folder, 'one', 'a.md'), '# A');
    await writeFile(path.join(folder, 'two', 'b.md'), '# B');
    await symlink('../two', path.join(folder, 'one', 'to-two'));
    await symlink('../one', path.join(folder, 'two', 'to-one'));
    await symlink('.', path.join(folder, 'one', 'again'));
    await symlink('.', path.join(folder, 'two', 'again'));
    const items = await collect([folder]);
    expect(files(items).sort()).toEqual([path.join(folder, 'one', 'a.md'), path.join(folder, 'two', 'b.md')]);
    expect(errors(items).every((error) => /^symbolic link loop/.test(error.reason))).toBe(true);
    expect(errors(items).length).toBeGreaterThanOrEqual(2);
    expect(items.length).toBeLessThan(10);
  });

  it('reports a broken link and a link to a device instead of reading them', async () => {
    const folder = path.join(base, 'odd');
    await mkdir(folder);
    await symlink(path.join(folder, 'missing.md'), path.join(folder, 'broken.md'));
    const items = await collect([folder], ['/dev']);
    await symlink('/dev/zero', path.join(folder, 'zero'));
    const withDevice = await collect([folder], ['/dev']);
    expect(errors(items)).toEqual([
      { item: path.join(folder, 'broken.md'), reason: 'no such file or directory' },
    ]);
    expect(errors(withDevice)).toContainEqual({
      item: path.join(folder, 'zero'),
      reason: 'not a regular file',
    });
    expect(files(withDevice)).toEqual([]);
  });
});
