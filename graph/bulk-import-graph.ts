import { createReadStream } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { closeHeldCandidate, isOpenCandidateHeld } from './candidate-marks.ts';
import type { DocumentBundle, DocumentVersion, DocumentWriteResult } from './graph-store.ts';
import { ImportCsvWriter } from './import-csv-writer.ts';
import type { Fact, Mention } from './model.ts';
import { type AssigneeLinkRow, assigneeLinkRows } from './neo4j-assignee-links.ts';
import {
  bundlesToWrite,
  candidateId,
  candidateRows,
  chunkExtractionDigests,
  countUseFact,
  emptyChunkDigest,
  entityRowsByLabel,
  factProperties,
  factsById,
  lastByKey,
  type UsedInTally,
  usedInProperties,
} from './neo4j-document-writes.ts';
import { withoutUndefined } from './neo4j-session.ts';
import type { OrganizationNameResolver } from './organization-names.ts';
import type { PendingCandidate, PendingCandidates } from './vocabulary-store.ts';

/**
 * The graph a bulk import writes, built in memory and in a spool file as `writeDocumentBundles` would
 * have left it in Neo4j, batch after batch, on a graph holding no documents before the run:
 * - the nodes that MERGE (entities, organisations of assignees, mined candidates) are kept here, each
 *   batch's rows applied in the same order and with the same rules as the Cypher statements;
 * - what each document alone creates (its node, chunks, mentions, facts, candidate occurrences,
 *   assignee links) goes to the spool as one line, and a later version of the document supersedes it;
 * - the `USED_IN` fast paths are counted from the facts that stay, as `addToUsedInPaths` counts them.
 * Candidate support is left stale, as the Cypher path leaves it: the recount after the import counts it.
 */

/** A node the import writes, keyed in its one ID space. */
export interface ImportNode {
  key: string;
  labels: string[];
  properties: Record<string, unknown>;
}

/** A node or relationship of the graph before the run, as exported (keys from element ids). */
export interface ExistingGraph {
  nodes: ImportNode[];
  relationships: { type: string; start: string; end: string; properties: Record<string, unknown> }[];
}

type Relationship = [type: string, start: string, end: string, properties: Record<string, unknown>];

interface SpooledFact {
  key: string;
  properties: Record<string, unknown>;
  /** The fact's Material and Application when both existed as it was written (a USED_IN fast path). */
  usedIn?: [string, string];
  polarity: Fact['polarity'];
  documentId: string;
  publishedAt?: string;
}

/** Everything one version of one document creates. */
interface SpooledDocument {
  id: string;
  generation: number;
  nodes: ImportNode[];
  relationships: Relationship[];
  facts: SpooledFact[];
}

const copy = (properties: Record<string, unknown>) => ({ ...properties });

function union(into: readonly unknown[] | undefined, added: readonly unknown[]): unknown[] {
  const result = [...(into ?? [])];
  for (const value of added) if (!result.includes(value)) result.push(value);
  return result;
}

/** The importer's file specs, and how many nodes and relationships hold empty lists to give back. */
export interface ImportFiles {
  nodes: string[];
  relationships: string[];
  emptyLists: { nodes: number; relationships: number };
}

/** What a candidate's spooled occurrences add up to. */
interface Tally {
  label: string;
  key: string;
  documents: Set<string>;
  surfaces: Map<string, number>;
  cues: Set<string>;
}

function addTo(
  tallies: Map<string, Tally>,
  candidate: { id: string; label: string; key: string },
  documentId: string,
  surface?: string,
  cue?: string,
): void {
  let tally = tallies.get(candidate.id);
  if (!tally) {
    tally = {
      label: candidate.label,
      key: candidate.key,
      documents: new Set(),
      surfaces: new Map(),
      cues: new Set(),
    };
    tallies.set(candidate.id, tally);
  }
  tally.documents.add(documentId);
  if (surface !== undefined) tally.surfaces.set(surface, (tally.surfaces.get(surface) ?? 0) + 1);
  if (cue) tally.cues.add(cue);
}

/** A pending candidate with a tally's documents, surfaces and cues added (or the tally alone). */
function merge(
  candidate: PendingCandidate | undefined,
  tally: Tally,
  id = candidate?.id ?? '',
): PendingCandidate {
  const surfaces = new Map(tally.surfaces);
  for (const { surface, count } of candidate?.surfaces ?? [])
    surfaces.set(surface, (surfaces.get(surface) ?? 0) + count);
  return {
    id,
    label: (candidate?.label ?? tally.label) as PendingCandidate['label'],
    key: candidate?.key ?? tally.key,
    documentIds: [...new Set([...tally.documents, ...(candidate?.documentIds ?? [])])],
    surfaces: [...surfaces].map(([surface, count]) => ({ surface, count })),
    cues: [...new Set([...tally.cues, ...(candidate?.cues ?? [])])],
  };
}

export class BulkImportGraph {
  private readonly byLabelAndId = new Map<string, ImportNode>();
  private readonly entitiesById = new Map<string, ImportNode[]>();
  private readonly entityNodes: ImportNode[] = [];
  private readonly candidates = new Map<string, ImportNode>();
  private readonly documents = new Map<string, DocumentVersion & { generation: number }>();
  private generation = 0;
  /** Per candidate, what its spooled occurrences add up to (as `storedTallies` reads them from a graph). */
  private tallies = new Map<string, Tally>();
  /** Set when a document was replaced: its old occurrences still sit in the tallies until a rebuild. */
  private talliesStale = false;
  /** Nodes of the graph at the end of the run that a node held here stands for (same candidate). */
  private readonly standIns = new Map<string, string>();

  private readonly spoolFile: string;
  private readonly writer: ImportCsvWriter;

  /**
   * `before` is the graph as the run began (the lexicon's entities, products and the rest): the
   * entities in it are merged with the run's, as MERGE would; `assignees` resolves assignee names as the
   * graph's vocabulary did then (a run promotes materials and applications, never organisations).
   * `workDir` holds the spool file and, at the end, the CSV files (`csv/`).
   */
  constructor(
    before: ExistingGraph,
    private readonly assignees: OrganizationNameResolver,
    workDir: string,
  ) {
    this.spoolFile = path.join(workDir, 'documents.jsonl');
    this.writer = new ImportCsvWriter(path.join(workDir, 'csv'));
    for (const node of before.nodes) {
      const id = node.properties.id;
      if (typeof id !== 'string') continue;
      const held = node.labels.includes('Entity') ? { ...node, properties: { ...node.properties } } : node;
      for (const label of node.labels) this.byLabelAndId.set(`${label}|${id}`, held);
      if (held !== node) this.addEntity(id, held);
    }
  }

  /**
   * Plans the files of what the graph held before the run: a value the importer cannot carry (a point,
   * a list of mixed types) is refused now, before any document is read, not after the run.
   */
  async checkImportable(before: ExistingGraph): Promise<void> {
    for (const node of before.nodes) await this.writer.node(node.key, node.labels, node.properties);
    for (const relationship of before.relationships)
      await this.writer.relationship(
        relationship.type,
        relationship.start,
        relationship.end,
        relationship.properties,
      );
  }

  /** Documents written so far (hash, origin, text length), as `documentVersions` would read them. */
  documentVersions(ids: readonly string[]): Map<string, DocumentVersion> {
    const found = new Map<string, DocumentVersion>();
    for (const id of ids) {
      const version = this.documents.get(id);
      if (version)
        found.set(id, {
          contentHash: version.contentHash,
          textLength: version.textLength,
          ...(version.origin !== undefined ? { origin: version.origin } : {}),
        });
    }
    return found;
  }

  /** How many documents the import will hold. */
  get documentCount(): number {
    return this.documents.size;
  }

  /** One batch, with the outcome `writeDocuments` would have given. */
  async addBatch(bundles: readonly DocumentBundle[]): Promise<DocumentWriteResult[]> {
    const byId = new Map(bundles.map((bundle) => [bundle.document.id, bundle]));
    const { results, toWrite } = bundlesToWrite(byId.values(), (id) => this.documents.get(id)?.contentHash);
    // A replaced document's spooled occurrences stay in the tallies until they are read again.
    if (toWrite.some((bundle) => this.documents.has(bundle.document.id))) this.talliesStale = true;
    if (toWrite.length === 0) return results;
    this.generation += 1;
    const spooled = new Map<string, SpooledDocument>();
    const chunkKeys = new Map<string, { key: string; documentId: string }>();
    for (const bundle of toWrite) {
      const { document } = bundle;
      this.documents.set(document.id, {
        contentHash: document.contentHash,
        textLength: document.text.length,
        generation: this.generation,
        ...(document.origin !== undefined ? { origin: document.origin } : {}),
      });
      spooled.set(document.id, this.documentNodes(bundle, chunkKeys));
    }
    const spoolOf = (documentId: string) => spooled.get(documentId) as SpooledDocument;
    this.linkAssignees(
      assigneeLinkRows(
        toWrite.map((bundle) => bundle.document),
        this.assignees,
      ),
      spoolOf,
    );
    for (const [label, rows] of entityRowsByLabel(toWrite.flatMap((bundle) => bundle.entities)))
      for (const row of rows) this.upsertEntity(label, row);
    this.addMentions(toWrite, chunkKeys, spoolOf);
    this.addFacts(toWrite, chunkKeys, spoolOf);
    this.addCandidates(toWrite, chunkKeys, spoolOf);
    // Each file's columns are planned as the rows are spooled, so the files are written in one pass.
    for (const line of spooled.values()) await this.emit(line);
    await appendFile(
      this.spoolFile,
      [...spooled.values()].map((line) => `${JSON.stringify(line)}\n`).join(''),
    );
    return results;
  }

  /**
   * Writes the CSV files of the whole graph: `after` (the graph as the run ends: its record, and
   * everything the run did not touch) with the nodes held here in place of its own, the current version
   * of each document, the fast paths, and `after`'s relationships. Resolves with the importer's specs.
   */
  async writeFiles(after: ExistingGraph): Promise<ImportFiles> {
    const key = (live: string) => this.standIns.get(live) ?? live;
    const held = [...this.entityNodes, ...this.candidates.values()];
    const kept = new Set(held.map((node) => node.key));
    const nodes = [
      ...after.nodes.filter((node) => !kept.has(node.key) && !this.standIns.has(node.key)),
      ...held,
    ];
    const writeRest = async () => {
      for (const node of nodes) await this.writer.node(node.key, node.labels, node.properties);
      for (const relationship of after.relationships)
        await this.writer.relationship(
          relationship.type,
          key(relationship.start),
          key(relationship.end),
          relationship.properties,
        );
    };
    // The spooled rows were planned as they came; these are planned now, then everything is written.
    await writeRest();
    await this.writer.relationship('USED_IN', '', '', { docCount: 0, firstSeen: '', lastSeen: '' });
    this.writer.startWriting();
    await writeRest();
    const paths = new Map<string, UsedInTally>();
    if (this.documents.size > 0) {
      const lines = createInterface({ input: createReadStream(this.spoolFile), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line) continue;
        const spooled = JSON.parse(line) as SpooledDocument;
        if (this.documents.get(spooled.id)?.generation === spooled.generation)
          await this.emit(spooled, paths);
      }
    }
    for (const [pairKey, fastPath] of paths) {
      if (fastPath.documents.size === 0) continue;
      const [material, application] = pairKey.split('\u0000') as [string, string];
      await this.writer.relationship('USED_IN', material, application, usedInProperties(fastPath));
    }
    return { ...(await this.writer.close()), emptyLists: this.writer.emptyLists };
  }

  /**
   * One document's rows to the writer (planned or written); when writing, its facts are counted into the
   * fast paths (`paths`).
   */
  private async emit(spooled: SpooledDocument, paths?: Map<string, UsedInTally>): Promise<void> {
    for (const node of spooled.nodes) await this.writer.node(node.key, node.labels, node.properties);
    for (const fact of spooled.facts) {
      if (fact.key) await this.writer.node(fact.key, ['Fact'], fact.properties);
      if (!fact.usedIn || !paths) continue;
      const pairKey = fact.usedIn.join('\u0000');
      const fastPath = paths.get(pairKey) ?? { documents: new Set<string>() };
      paths.set(pairKey, fastPath);
      countUseFact(fastPath, fact, fact.documentId, fact.publishedAt);
    }
    for (const [type, start, end, properties] of spooled.relationships)
      await this.writer.relationship(type, start, end, properties);
  }

  /**
   * What promotion counts, as if the spooled documents were stored: the pending candidates of a run's
   * window together with the spooled tallies of the same candidates, and the spooled candidates that
   * reach `threshold` (or state a use) on their own, as `promotableCandidates` reads stored ones. Closed
   * candidates (promoted, known, retired) are left out, as the graph's marks leave them out.
   */
  async pendingWith(pending: PendingCandidates | undefined, threshold: number): Promise<PendingCandidates> {
    const window = pending?.candidates ?? [];
    const windowDocuments = new Set(window.flatMap((candidate) => candidate.documentIds));
    const overlap = [...windowDocuments].some((id) => this.documents.has(id));
    // A pending document that replaces a spooled one counts instead of it (`storedTallies` leaves the
    // documents it replaces out): rare, so the tallies are then read again from the spool without it.
    const tallies = overlap || this.talliesStale ? await this.rebuildTallies(windowDocuments) : this.tallies;
    const combined = new Map<string, PendingCandidate>();
    for (const candidate of window) {
      if (this.closed(candidate.id)) continue;
      const tally = tallies.get(candidate.id);
      combined.set(candidate.id, tally ? merge(candidate, tally) : candidate);
    }
    for (const [id, tally] of tallies) {
      if (combined.has(id) || this.closed(id)) continue;
      const statedUse = tally.label === 'Application' && tally.cues.has('stated-use');
      if (tally.documents.size >= threshold || statedUse) combined.set(id, merge(undefined, tally, id));
    }
    return { candidates: [...combined.values()], replacing: pending?.replacing ?? [] };
  }

  /** `markKnown`: the candidate names a term the vocabulary has; it is closed to promotion. */
  markKnown(rows: readonly { candidateId: string; termId: string }[]): void {
    for (const row of rows) {
      const node = this.candidates.get(row.candidateId);
      if (!node) continue;
      node.properties.knownAs = row.termId;
      closeHeldCandidate(node.properties);
    }
  }

  /**
   * Takes in the nodes a promotion wrote to the graph during the run (terms, and candidates marked
   * promoted): later batches merge into them as they would into the graph's. A candidate spooled here
   * keeps its own node, with what `markPromoted` sets on an existing one.
   */
  adopt(nodes: readonly ImportNode[]): void {
    for (const node of nodes) {
      const id = node.properties.id;
      if (typeof id !== 'string') continue;
      if (node.labels.includes('TermCandidate')) {
        const held = this.candidates.get(id);
        if (held && held.key !== node.key) {
          for (const field of ['support', 'promoted', 'promotedTo', 'promotedAt'])
            if (node.properties[field] !== undefined) held.properties[field] = node.properties[field];
          closeHeldCandidate(held.properties);
          this.standIns.set(node.key, held.key);
        } else {
          this.candidates.set(id, { ...node, properties: { ...node.properties } });
        }
        continue;
      }
      if (!node.labels.includes('Entity')) continue;
      const known = node.labels.map((label) => this.byLabelAndId.get(`${label}|${id}`)).find(Boolean);
      if (known) {
        // Not expected (a promoted term is new), but a node must never be written twice.
        if (known.key !== node.key) this.standIns.set(node.key, known.key);
        Object.assign(known.properties, node.properties);
        continue;
      }
      const held = { ...node, properties: { ...node.properties } };
      for (const label of node.labels) this.byLabelAndId.set(`${label}|${id}`, held);
      this.addEntity(id, held);
    }
  }

  private closed(id: string): boolean {
    const properties = this.candidates.get(id)?.properties;
    return properties !== undefined && !isOpenCandidateHeld(properties);
  }

  /** The tallies of the current version of each spooled document, leaving `without` out. */
  private async rebuildTallies(without: ReadonlySet<string>): Promise<Map<string, Tally>> {
    const byKey = new Map([...this.candidates.values()].map((node) => [node.key, node]));
    const tallies = new Map<string, Tally>();
    const lines = createInterface({ input: createReadStream(this.spoolFile), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const spooled = JSON.parse(line) as SpooledDocument;
      if (without.has(spooled.id) || this.documents.get(spooled.id)?.generation !== spooled.generation)
        continue;
      for (const [type, start, , properties] of spooled.relationships) {
        const node = type === 'SEEN_IN' ? byKey.get(start) : undefined;
        if (!node) continue;
        const { id, label, key } = node.properties as { id: string; label: string; key: string };
        addTo(
          tallies,
          { id, label, key },
          spooled.id,
          properties.surface as string,
          properties.cue as string,
        );
      }
    }
    if (without.size === 0) {
      this.tallies = tallies;
      this.talliesStale = false;
    }
    return tallies;
  }

  private addEntity(id: string, node: ImportNode): void {
    this.entityNodes.push(node);
    const named = this.entitiesById.get(id) ?? [];
    named.push(node);
    this.entitiesById.set(id, named);
  }

  private createEntity(label: string, properties: Record<string, unknown>): ImportNode {
    const id = properties.id as string;
    const node: ImportNode = { key: `E${label}|${id}`, labels: [label, 'Entity'], properties };
    this.byLabelAndId.set(`${label}|${id}`, node);
    this.addEntity(id, node);
    return node;
  }

  /** `upsertEntitiesQuery`: created with its name, aliases and origin; later rows add and fill in. */
  private upsertEntity(label: string, row: Record<string, unknown>): void {
    const aliases = (row.aliases as unknown[] | undefined) ?? [];
    const node =
      this.byLabelAndId.get(`${label}|${row.id}`) ??
      this.createEntity(
        label,
        withoutUndefined({ id: row.id, name: row.name, aliases: [...aliases], origin: row.origin }),
      );
    const properties = node.properties;
    properties.origin = properties.origin ?? row.origin;
    properties.aliases = union(properties.aliases as unknown[] | undefined, aliases);
    for (const field of ['class', 'formula', 'cas', 'unit', 'domain'])
      properties[field] = row[field] ?? properties[field];
    properties.aliasText = (properties.aliases as unknown[]).reduce<string>(
      (text, alias) => `${text} ${alias}`,
      '',
    );
    for (const field of Object.keys(properties))
      if (properties[field] === undefined) delete properties[field];
  }

  /** The document, its chunks (with their extraction digests), `PART_OF` and `NEXT` in index order. */
  private documentNodes(
    bundle: DocumentBundle,
    chunkKeys: Map<string, { key: string; documentId: string }>,
  ): SpooledDocument {
    const documentKey = `D${bundle.document.id}`;
    const digests = chunkExtractionDigests(bundle);
    const nodes: ImportNode[] = [
      { key: documentKey, labels: ['Document'], properties: withoutUndefined(bundle.document) },
    ];
    const relationships: Relationship[] = [];
    const chunks = lastByKey(bundle.chunks, (chunk) => chunk.id).sort((a, b) => a.index - b.index);
    let previous: string | undefined;
    for (const chunk of chunks) {
      const key = `C${chunk.id}`;
      chunkKeys.set(chunk.id, { key, documentId: chunk.documentId });
      nodes.push({
        key,
        labels: ['Chunk'],
        properties: {
          ...withoutUndefined(chunk),
          extractionDigest: digests.get(chunk.id) ?? emptyChunkDigest,
        },
      });
      relationships.push(['PART_OF', key, documentKey, {}]);
      if (previous) relationships.push(['NEXT', previous, key, {}]);
      previous = key;
    }
    return { id: bundle.document.id, generation: this.generation, nodes, relationships, facts: [] };
  }

  /** `linkAssignees`: the organisation is created bare if new; it keeps every assignee name it was given. */
  private linkAssignees(rows: AssigneeLinkRow[], spoolOf: (id: string) => SpooledDocument): void {
    for (const row of rows) {
      const node =
        this.byLabelAndId.get(`Organization|${row.id}`) ??
        this.createEntity('Organization', {
          id: row.id,
          name: row.name,
          aliases: [],
          origin: 'mined',
          aliasText: '',
        });
      node.properties.assigneeNames = union(node.properties.assigneeNames as unknown[] | undefined, [
        row.surface,
      ]);
      spoolOf(row.documentId).relationships.push([
        'ASSIGNED_TO',
        `D${row.documentId}`,
        node.key,
        { name: row.surface },
      ]);
    }
  }

  /** `upsertMentions` and `upsertProductMentions`: one relationship per entity of that id, and per product. */
  private addMentions(
    bundles: readonly DocumentBundle[],
    chunkKeys: Map<string, { key: string; documentId: string }>,
    spoolOf: (id: string) => SpooledDocument,
  ): void {
    const mentions = lastByKey(
      bundles.flatMap((bundle) => bundle.mentions),
      (m) => `${m.chunkId}|${m.entityId}|${m.start}|${m.end}`,
    );
    const span = (mention: Mention) =>
      withoutUndefined({ start: mention.start, end: mention.end, surface: mention.surface });
    for (const mention of mentions) {
      const chunk = chunkKeys.get(mention.chunkId);
      if (!chunk) continue;
      for (const entity of this.entitiesById.get(mention.entityId) ?? [])
        spoolOf(chunk.documentId).relationships.push(['MENTIONS', chunk.key, entity.key, span(mention)]);
    }
    const productMentions = lastByKey(
      mentions.filter((mention) => mention.productId),
      (m) => `${m.chunkId}|${m.productId}|${m.start}|${m.end}`,
    );
    for (const mention of productMentions) {
      const chunk = chunkKeys.get(mention.chunkId);
      const product = this.byLabelAndId.get(`Product|${mention.productId}`);
      if (!chunk || !product) continue;
      spoolOf(chunk.documentId).relationships.push(['MENTIONS', chunk.key, product.key, span(mention)]);
    }
  }

  /** `createFacts`: a fact per id, its evidence united; only between entities that exist. */
  private addFacts(
    bundles: readonly DocumentBundle[],
    chunkKeys: Map<string, { key: string; documentId: string }>,
    spoolOf: (id: string) => SpooledDocument,
  ): void {
    const facts = factsById(
      bundles.map((bundle) => ({
        documentId: bundle.document.id,
        publishedAt: bundle.document.publishedAt,
        facts: bundle.facts,
      })),
    );
    for (const { fact, documentId, publishedAt } of facts) {
      const properties = factProperties(fact, documentId, publishedAt);
      const material = this.byLabelAndId.get(`Material|${fact.subjectId}`);
      const application = this.byLabelAndId.get(`Application|${fact.objectId}`);
      const usedIn: [string, string] | undefined =
        fact.type === 'USED_IN' && material && application ? [material.key, application.key] : undefined;
      const evidence = lastByKey(fact.evidence, (e) => `${e.chunkId}|${e.start}|${e.end}`);
      let made = 0;
      for (const subject of this.entitiesById.get(fact.subjectId) ?? []) {
        for (const object of this.entitiesById.get(fact.objectId) ?? []) {
          const key = `F${fact.id}#${made}`;
          made += 1;
          const spooled = spoolOf(documentId);
          spooled.facts.push({
            key,
            properties: copy(properties),
            polarity: fact.polarity,
            documentId,
            ...(usedIn && made === 1 ? { usedIn } : {}),
            ...(publishedAt !== undefined ? { publishedAt } : {}),
          });
          spooled.relationships.push(['SUBJECT', key, subject.key, {}], ['OBJECT', key, object.key, {}]);
          for (const span of evidence) {
            const chunk = chunkKeys.get(span.chunkId);
            if (chunk)
              spooled.relationships.push(['EVIDENCE', key, chunk.key, { start: span.start, end: span.end }]);
          }
        }
      }
      // No fact node was created, but `addToUsedInPaths` counts the pair all the same (it reads the
      // batch's facts, not the graph): kept as a fact-less count on the document's line.
      if (made === 0 && usedIn)
        spoolOf(documentId).facts.push({
          key: '',
          properties: {},
          polarity: fact.polarity,
          documentId,
          usedIn,
          ...(publishedAt !== undefined ? { publishedAt } : {}),
        });
    }
  }

  /** `upsertCandidateOccurrences`: a candidate per id, marked stale; an occurrence per chunk and span. */
  private addCandidates(
    bundles: readonly DocumentBundle[],
    chunkKeys: Map<string, { key: string; documentId: string }>,
    spoolOf: (id: string) => SpooledDocument,
  ): void {
    const occurrences = lastByKey(
      bundles.flatMap((bundle) => bundle.candidates ?? []),
      (o) => `${candidateId(o.label, o.key)}|${o.chunkId}|${o.start}|${o.end}`,
    );
    for (const row of candidateRows(occurrences)) {
      let node = this.candidates.get(row.id);
      if (!node) {
        node = {
          key: `T${row.id}`,
          labels: ['TermCandidate'],
          properties: {
            id: row.id,
            label: row.label,
            key: row.key,
            name: row.surface,
            support: 0,
            openSupport: 0,
          },
        };
        this.candidates.set(row.id, node);
      }
      const properties = node.properties;
      if (row.head !== undefined) properties.head = row.head;
      if (row.broaderId !== undefined) properties.broaderId = row.broaderId;
      properties.stale = true;
      for (const occurrence of row.occurrences) {
        const chunk = chunkKeys.get(occurrence.chunkId as string);
        if (!chunk) continue;
        addTo(this.tallies, row, chunk.documentId, occurrence.surface as string, occurrence.cue as string);
        spoolOf(chunk.documentId).relationships.push([
          'SEEN_IN',
          node.key,
          chunk.key,
          withoutUndefined({
            start: occurrence.start,
            end: occurrence.end,
            surface: occurrence.surface,
            cue: occurrence.cue,
            documentId: chunk.documentId,
            sentenceStart: occurrence.sentenceStart,
            sentenceEnd: occurrence.sentenceEnd,
          }),
        ]);
      }
    }
  }
}
