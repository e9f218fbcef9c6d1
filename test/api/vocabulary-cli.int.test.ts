import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Neo4jAuditLog,
  type Neo4jGraphStore,
  Neo4jVocabularyStore,
  VocabularySnapshotFile,
} from '../../graph/index.ts';
import { errorLines, runCli } from '../support/cli.ts';
import { openTestStore, testNeo4jEnv } from '../support/graph.ts';
import { pressRelease, writeFiles } from './vocabulary-support.ts';

/** Letters only, so the name is one word for the matcher and the full-text index. */
const tag = () =>
  Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

describe('matscout vocab and reextract (CLI against the test Neo4j)', () => {
  const env = testNeo4jEnv;
  const name = `Fibrex${tag()}`;
  const other = `Glassweb${tag()}`;
  const id = `material:${name.toLowerCase()}`;
  const otherId = `material:${other.toLowerCase()}`;
  let graph: Neo4jGraphStore;

  const json = async (args: string[]) => {
    const result = await runCli([...args, '--json'], env());
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    graph = openTestStore();
    const files = writeFiles('vocab-cli', {
      'a.md': pressRelease(
        `${name} boards for roofs`,
        '2025-08-01',
        `${name} is used in building materials.`,
      ),
      'b.md': pressRelease(`${other} mats for tanks`, '2025-08-02', `${other} is used in fuel tanks.`),
    });
    const ingested = await json(['ingest', ...files]);
    expect(ingested.counts.added).toBe(2);
    expect(ingested.kind).toBe('ingest');
    expect(typeof ingested.vocabularyVersion).toBe('number');
  });
  afterAll(() => graph?.close());

  it('vocab add: a user term, a new version, and the stored chunks that name it re-extracted', async () => {
    const added = await json(['vocab', 'add', name, '--label', 'material', '--alias', `${name} board`]);
    expect(added.term).toMatchObject({ id, origin: 'user', matched: true, aliases: [`${name} board`] });
    expect(added.reextraction.run).toMatchObject({ kind: 're-extract', status: 'succeeded' });
    expect(added.reextraction.run.counts.updated).toBeGreaterThanOrEqual(1);
    // At least the added term's version: the re-extraction may also promote mined terms other runs left due.
    expect(added.reextraction.run.vocabularyVersion).toBeGreaterThanOrEqual(added.version);

    const listed = await json(['vocab', 'list', '--origin', 'user', '--q', name]);
    expect(listed.total).toBe(1);
    expect(listed.terms[0]).toMatchObject({ id, label: 'Material' });

    const again = await runCli(['vocab', 'add', name, '--label', 'material'], env());
    expect(again.code).toBe(1);
    expect(errorLines(again.stderr)).toEqual([
      `error: vocabulary term '${id}' exists already`,
      `hint: add names with \`matscout vocab alias ${id} <alias>\``,
    ]);
    const badLabel = await runCli(['vocab', 'add', name, '--label', 'metal'], env());
    expect(badLabel.code).toBe(1);
    expect(badLabel.stderr).toContain("unknown label 'metal'");
  });

  it('vocab alias, merge and retire: versions go up, each change is audited, unknown ids fail', async () => {
    const aliased = await json(['vocab', 'alias', id, `${name} sheet`]);
    expect(aliased.term.aliases).toEqual([`${name} board`, `${name} sheet`]);

    const second = await json(['vocab', 'add', other, '--label', 'material']);
    expect(second.version).toBeGreaterThan(aliased.version);
    const merged = await json(['vocab', 'merge', otherId, id]);
    expect(merged.version).toBe(second.version + 1);
    expect(merged.term.aliases).toContain(other);
    expect(merged.reextraction.run.counts.documents).toBeGreaterThanOrEqual(1);
    // The merged term's document now mentions the survivor, under the merged name.
    const titled = await graph.driver.executeQuery('MATCH (d:Document {title: $title}) RETURN d.id AS id', {
      title: `${other} mats for tanks`,
    });
    const mentions = await graph.listMentions(String(titled.records[0]?.get('id')));
    expect(mentions.filter((mention) => mention.entityId === id).map((mention) => mention.surface)).toContain(
      other,
    );
    expect(mentions.map((mention) => mention.entityId)).not.toContain(otherId);

    const retired = await json(['vocab', 'retire', id]);
    expect(retired.term).toMatchObject({ retired: true, matched: false });
    expect(retired.version).toBe(merged.version + 1);

    const events = await new Neo4jAuditLog(graph.driver).listForTarget(id);
    expect(events.map((event) => event.details.action)).toEqual(['add', 'alias', 'merge', 'retire']);
    expect(new Set(events.map((event) => event.actor)).size).toBe(1);
    expect(events[0]?.actor).toMatch(/^cli/);

    const unknown = await runCli(['vocab', 'retire', 'material:no-such-term'], env());
    expect(unknown.code).toBe(1);
    expect(errorLines(unknown.stderr)[0]).toBe("error: vocabulary term 'material:no-such-term' not found");
  });

  it('reextract finds nothing left after the commands; products import adds the catalog terms and re-extracts', async () => {
    const idle = await json(['reextract']);
    expect(idle).toMatchObject({ kind: 're-extract', status: 'succeeded' });
    expect(idle.counts.documents).toBe(0);

    const material = `Stratoweb${tag()}`;
    const [document] = writeFiles('vocab-cli-catalog', {
      'c.md': pressRelease(`${material} in drones`, '2025-08-03', `${material} is used in drones.`),
    });
    await json(['ingest', document as string]);
    const catalog = path.join(path.dirname(document as string), 'catalog.json');
    writeFileSync(
      catalog,
      JSON.stringify({ owner: 'Test Co', products: [{ name: `${material} One`, materialId: material }] }),
    );
    const imported = await json(['products', 'import', catalog]);
    expect(imported.counts.added).toBe(1);
    expect(imported.vocabulary.changed).toContain(`material:${material.toLowerCase()}`);
    expect(imported.reextraction).toMatchObject({ kind: 're-extract', status: 'succeeded' });
    expect(imported.reextraction.counts.updated).toBeGreaterThanOrEqual(1);

    const reimported = await json(['products', 'import', catalog]);
    expect(reimported.counts.unchanged).toBe(1);
    expect(reimported.vocabulary.version).toBeUndefined();
    expect(reimported.reextraction).toBeUndefined();
  });

  it('ingest applies the changes it finds pending (a re-extraction stopped before, another process)', async () => {
    const pending = `Ropex${tag()}`;
    const pendingId = `material:${pending.toLowerCase()}`;
    const [stored] = writeFiles('vocab-cli-pending', {
      'c.md': pressRelease(`${pending} liners for pipes`, '2025-08-03', `${pending} is used in pipe liners.`),
    });
    expect((await json(['ingest', stored as string])).counts.added).toBe(1);
    // A term added without its re-extraction, as a change left pending.
    const vocabulary = new Neo4jVocabularyStore(graph.driver);
    await vocabulary.add(
      { id: pendingId, label: 'Material', name: pending, origin: 'user' },
      { actor: 'test' },
    );
    expect((await vocabulary.pendingChanges()).changes.length).toBeGreaterThan(0);

    // A release that states no use, so no candidate it brings can be promoted (files before this one
    // leave candidates one document short in the shared graph): the re-extraction is the pending change's.
    const [other] = writeFiles('vocab-cli-other', {
      'd.md': pressRelease(`Board news ${tag()}`, '2025-08-04', 'The board met on Monday.'),
    });
    const ingested = await json(['ingest', other as string]);
    expect(ingested.counts.promoted ?? 0).toBe(0);
    expect(ingested.reextraction).toMatchObject({ kind: 're-extract', status: 'succeeded' });
    expect((await vocabulary.pendingChanges()).changes).toEqual([]);
    const { records } = await graph.driver.executeQuery(
      'MATCH (:Chunk)-[m:MENTIONS]->(:Material {id: $id}) RETURN count(m) AS mentions',
      { id: pendingId },
    );
    expect(Number(records[0]?.get('mentions'))).toBeGreaterThan(0);
  });

  it('a command keeps the vocabulary it read in its data folder, and the next one moves it on', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'matscout-kept-vocabulary-'));
    try {
      const kept = async () => {
        const names = readdirSync(path.join(dataDir, 'vocabulary')).filter((file) => file.endsWith('.json'));
        expect(names).toHaveLength(1);
        const file = path.join(dataDir, 'vocabulary', names[0] as string);
        // Read as the next command reads it (format and checksum checked): a file it refused is undefined.
        return new VocabularySnapshotFile(file).latest();
      };
      const vocabulary = new Neo4jVocabularyStore(graph.driver);
      const [release] = writeFiles('vocab-cli-kept', {
        'k.md': pressRelease(`Board news ${tag()}`, '2025-08-05', 'The board met on Tuesday.'),
      });
      const ingested = await runCli(['ingest', release as string], { ...env(), MATSCOUT_DATA_DIR: dataDir });
      expect(ingested.code, ingested.stderr).toBe(0);
      expect(await kept()).toEqual(await vocabulary.snapshot());

      // Another command adds a term; the next ingestion reads the vocabulary from the kept one.
      const term = `Keptweb${tag()}`;
      const withData = { ...env(), MATSCOUT_DATA_DIR: dataDir };
      const added = await runCli(['vocab', 'add', term, '--label', 'material'], withData);
      expect(added.code, added.stderr).toBe(0);
      const [next] = writeFiles('vocab-cli-kept-next', {
        'n.md': pressRelease(`Board news ${tag()}`, '2025-08-06', 'The board met on Wednesday.'),
      });
      const again = await runCli(['ingest', next as string], withData);
      expect(again.code, again.stderr).toBe(0);
      const now = await kept();
      expect(now).toEqual(await vocabulary.snapshot());
      expect(now?.terms.map((entry) => entry.id)).toContain(`material:${term.toLowerCase()}`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
