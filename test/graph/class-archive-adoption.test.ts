import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adoptClassArchive } from '../../graph/neo4j-class-archive.ts';

async function folders() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'matscout-cds-'));
  return {
    dump: path.join(root, 'home', 'neo4j-classes.jsa'),
    archive: path.join(root, 'neo4j-classes-00000000000000aa.jsa'),
    root,
  };
}

describe('adoptClassArchive', () => {
  it('moves a stopped instance’s dump to the shared archive, replacing a superseded one, and leaves no partial file', async () => {
    const dump = await folders();
    await mkdir(path.dirname(dump.dump));
    await writeFile(dump.dump, 'classes of the first instance');
    await writeFile(path.join(dump.root, 'neo4j-classes-00000000000000bb.jsa'), 'an older JDK’s classes');
    await writeFile(path.join(dump.root, 'notes.txt'), 'not an archive');
    expect(await adoptClassArchive(dump)).toBe(true);
    expect(await readFile(dump.archive, 'utf8')).toBe('classes of the first instance');
    expect(existsSync(dump.dump)).toBe(false);
    expect((await readdir(dump.root)).sort()).toEqual([
      'home',
      'neo4j-classes-00000000000000aa.jsa',
      'notes.txt',
    ]);
  });

  it('keeps an archive another instance adopted first, and removes the later dump', async () => {
    const dump = await folders();
    await mkdir(path.dirname(dump.dump));
    await writeFile(dump.archive, 'adopted first');
    await writeFile(dump.dump, 'dumped later');
    expect(await adoptClassArchive(dump)).toBe(false);
    expect(await readFile(dump.archive, 'utf8')).toBe('adopted first');
    expect(existsSync(dump.dump)).toBe(false);
  });

  it('does nothing when the instance wrote no dump (it was killed, not stopped)', async () => {
    const dump = await folders();
    expect(await adoptClassArchive(dump)).toBe(false);
    expect(await readdir(dump.root)).toEqual([]);
    expect(existsSync(dump.archive)).toBe(false);
  });
});
