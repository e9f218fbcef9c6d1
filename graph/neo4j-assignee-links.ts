import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { readTransaction, writeTransaction } from './neo4j-session.ts';
import { readStampedVersion } from './neo4j-vocabulary-queries.ts';
import {
  bundledOrganizations,
  type KnownOrganization,
  OrganizationNameResolver,
} from './organization-names.ts';

/** Named, parameterised Cypher of `(:Document)-[:ASSIGNED_TO]->(:Organization)`. */

/**
 * The organisations whose names can send an assignee elsewhere than `org:<slug of its key>`: the
 * vocabulary's terms (retired ones too). Every other organisation was created under the id of its own
 * key (from an assignee or a name in a text), which is where such an assignee goes anyway. Read as two
 * seeks of the `Organization.term` and `Organization.retired` indexes (schema version 10): one
 * condition with OR over `:Organization` read every organisation a backfill's assignees left, and the
 * `Entity` indexes of version 8 read every term to keep the organisations among them, at the start of
 * each run and after each promotion. Retired ones come first: where a name is shared (a merged
 * organisation's names are its survivor's aliases), the resolver keeps the last, so the active term wins.
 */
const organizationTerms = `
CALL () {
  MATCH (o:Organization) WHERE o.term = true RETURN o
  UNION
  MATCH (o:Organization) WHERE o.retired = true RETURN o
}
RETURN o.id AS id, o.name AS name, coalesce(o.aliases, []) AS aliases
ORDER BY coalesce(o.retired, false) DESC, id`;

const unlinkAssignees = `
UNWIND $ids AS id
MATCH (:Document {id: id})-[r:ASSIGNED_TO]->()
DELETE r`;

/**
 * Assignee names are kept on the link and in `assigneeNames`, never added to `aliases`: an organisation
 * of the vocabulary would otherwise match new spellings in texts without a vocabulary change.
 */
const linkAssignees = `
UNWIND $rows AS row
MATCH (d:Document {id: row.documentId})
MERGE (o:Organization {id: row.id})
ON CREATE SET o:Entity, o.name = row.name, o.aliases = [], o.origin = 'mined', o.aliasText = ''
SET o.assigneeNames = reduce(acc = coalesce(o.assigneeNames, []), a IN [row.surface] |
      CASE WHEN a IN acc THEN acc ELSE acc + a END)
MERGE (d)-[r:ASSIGNED_TO]->(o)
SET r.name = row.surface`;

const unlinkedPatents = `
MATCH (d:Document)
WHERE d.kind = 'patent' AND d.id > $after AND size(coalesce(d.assignees, [])) > 0
  AND NOT (d)-[:ASSIGNED_TO]->()
RETURN d.id AS id, d.assignees AS assignees
ORDER BY d.id
LIMIT $limit`;

/** A document and its assignees as the parser read them. */
export interface AssignedDocument {
  id: string;
  assignees?: readonly string[] | undefined;
}

/**
 * The assignee resolver of one graph, built again only when the vocabulary changed. Reading every
 * organisation for every batch made a backfill quadratic: a year of grants names tens of thousands of
 * assignees, and each batch read them all.
 */
export class AssigneeResolverCache {
  private stamp: string | undefined;
  private resolver: OrganizationNameResolver | undefined;

  async resolverFor(tx: ManagedTransaction): Promise<OrganizationNameResolver> {
    // Every change to a term makes a new stamp, and a restore brings the backup's with its terms.
    const { stamp } = await readStampedVersion(tx);
    if (this.resolver && this.stamp === stamp) return this.resolver;
    const known: KnownOrganization[] = (await tx.run(organizationTerms)).records.map((r) => ({
      id: String(r.get('id')),
      name: String(r.get('name') ?? r.get('id')),
      aliases: (r.get('aliases') as unknown[]).map(String),
    }));
    this.resolver = new OrganizationNameResolver([...bundledOrganizations(), ...known]);
    this.stamp = stamp;
    return this.resolver;
  }
}

/**
 * Replaces the ASSIGNED_TO links of the documents by links to their normalised assignees (in the
 * caller's transaction); `linkedIds` names those that may have links already (default: all of them).
 * Returns the number of links written.
 */
export async function writeAssigneeLinks(
  tx: ManagedTransaction,
  documents: readonly AssignedDocument[],
  linkedIds: readonly string[] = documents.map((document) => document.id),
  resolvers: AssigneeResolverCache = new AssigneeResolverCache(),
): Promise<number> {
  if (documents.length === 0) return 0;
  if (linkedIds.length > 0) await tx.run(unlinkAssignees, { ids: linkedIds });
  const withAssignees = documents.filter((document) => (document.assignees?.length ?? 0) > 0);
  if (withAssignees.length === 0) return 0;
  const rows = assigneeLinkRows(withAssignees, await resolvers.resolverFor(tx));
  if (rows.length > 0) await tx.run(linkAssignees, { rows });
  return rows.length;
}

/** One link to write: a document, its normalised assignee, and the name the link keeps. */
export interface AssigneeLinkRow {
  documentId: string;
  id: string;
  name: string;
  surface: string;
}

/** The links of documents to their normalised assignees, one per document and organisation (first wins). */
export function assigneeLinkRows(
  documents: readonly AssignedDocument[],
  resolver: OrganizationNameResolver,
): AssigneeLinkRow[] {
  const rows = new Map<string, AssigneeLinkRow>();
  for (const document of documents) {
    for (const assignee of document.assignees ?? []) {
      const organization = resolver.resolve(assignee);
      if (!organization) continue;
      const key = `${document.id}|${organization.id}`;
      if (!rows.has(key))
        rows.set(key, {
          documentId: document.id,
          id: organization.id,
          name: organization.name,
          surface: organization.aliases[0] ?? organization.name,
        });
    }
  }
  return [...rows.values()];
}

/**
 * Links the patents stored before assignees were linked (a migration step): every patent with an
 * `assignees` property and no ASSIGNED_TO link, in batches. Idempotent; returns the links written.
 */
export async function backfillAssigneeLinks(
  driver: Driver,
  options: { database?: string | undefined; batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let written = 0;
  // Paged by id: patents whose names all normalise to nothing stay unlinked and are not read again.
  let after = '';
  const resolvers = new AssigneeResolverCache();
  for (;;) {
    const batch = await readTransaction(driver, options.database, async (tx) =>
      (await tx.run(unlinkedPatents, { after, limit: neo4j.int(batchSize) })).records.map((r) => ({
        id: String(r.get('id')),
        assignees: (r.get('assignees') as unknown[]).map(String),
      })),
    );
    if (batch.length === 0) return written;
    written += await writeTransaction(driver, options.database, (tx) =>
      writeAssigneeLinks(tx, batch, undefined, resolvers),
    );
    after = batch[batch.length - 1]?.id ?? after;
  }
}
