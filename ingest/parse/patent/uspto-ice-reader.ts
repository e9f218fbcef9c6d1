import { flattenText } from '../xml/xml-text.ts';
import { childElements, findAll, findFirst, findPath, type XmlElement } from '../xml/xml-tree.ts';
import type { PatentBlock, PatentRecord } from './patent-document-builder.ts';
import { IncompletePatentError } from './patent-document-builder.ts';
import {
  formatClassificationParts,
  formatClassificationText,
  personName,
  toIsoDate,
  uniqueValues,
} from './patent-fields.ts';

/** Reads a USPTO ICE XML v4.x publication (`us-patent-grant`, `us-patent-application`, 2005 onwards). */
export function readUsptoIcePatent(root: XmlElement): PatentRecord {
  const bibliographic = findFirst(root, 'us-bibliographic-data-grant', 'us-bibliographic-data-application');
  if (!bibliographic) throw new IncompletePatentError(`no bibliographic data in <${root.name}>`);
  const publication = findPath(bibliographic, 'publication-reference/document-id');
  const number = text(publication, 'doc-number');
  const published = toIsoDate(text(publication, 'date') || root.attributes['date-publ']);
  if (!number || !published)
    throw new IncompletePatentError(`no publication number or date in <${root.name}>`);
  return {
    country: text(publication, 'country') || root.attributes.country || 'US',
    number,
    kindCode: text(publication, 'kind') || undefined,
    title: flattenText(findFirst(bibliographic, 'invention-title')),
    publishedAt: published,
    filedAt: toIsoDate(text(findPath(bibliographic, 'application-reference/document-id'), 'date')),
    language: (root.attributes.lang ?? 'en').toLowerCase(),
    source: 'uspto-xml',
    cpc: readCpc(bibliographic),
    ipc: readIpc(bibliographic),
    assignees: readAssignees(bibliographic),
    inventors: readInventors(bibliographic),
    blocks: [...readAbstract(root), ...readDescription(root), ...readClaims(root)],
  };
}

function text(element: XmlElement | undefined, child: string): string {
  return element ? flattenText(childElements(element, child)[0]) : '';
}

function classificationSymbol(element: XmlElement): string | undefined {
  return formatClassificationParts({
    section: text(element, 'section'),
    class: text(element, 'class'),
    subclass: text(element, 'subclass'),
    mainGroup: text(element, 'main-group'),
    subgroup: text(element, 'subgroup'),
  });
}

function readCpc(bibliographic: XmlElement): string[] {
  const container = findFirst(bibliographic, 'classifications-cpc');
  return container ? uniqueValues(findAll(container, 'classification-cpc').map(classificationSymbol)) : [];
}

function readIpc(bibliographic: XmlElement): string[] {
  const ipcr = findAll(bibliographic, 'classification-ipcr').map(classificationSymbol);
  // v4.0 (2005) documents still carry the old `classification-ipc` strings such as `G06F015/00`.
  const legacy = findAll(bibliographic, 'classification-ipc').flatMap((element) =>
    childElements(element, 'main-classification', 'further-classification').map((symbol) =>
      formatClassificationText(flattenText(symbol)),
    ),
  );
  return uniqueValues([...ipcr, ...legacy]);
}

function addressbookName(party: XmlElement): string | undefined {
  const book = findFirst(party, 'addressbook') ?? party;
  const organisation = text(book, 'orgname');
  if (organisation) return organisation;
  return personName({ first: text(book, 'first-name'), last: text(book, 'last-name') });
}

function readAssignees(bibliographic: XmlElement): string[] {
  const assignees = uniqueValues(findAll(bibliographic, 'assignee').map(addressbookName));
  if (assignees.length > 0) return assignees;
  // Applications since v4.4 name the company as an applicant instead of an assignee.
  const applicants = findAll(bibliographic, 'applicant', 'us-applicant');
  return uniqueValues(applicants.map((applicant) => text(findFirst(applicant, 'addressbook'), 'orgname')));
}

function readInventors(bibliographic: XmlElement): string[] {
  const inventors = uniqueValues(findAll(bibliographic, 'inventor').map(addressbookName));
  if (inventors.length > 0) return inventors;
  // v4.0/v4.1 list inventors as applicants of type "applicant-inventor".
  const applicants = findAll(bibliographic, 'applicant', 'us-applicant').filter((applicant) =>
    (applicant.attributes['app-type'] ?? '').includes('inventor'),
  );
  return uniqueValues(applicants.map(addressbookName));
}

function readAbstract(root: XmlElement): PatentBlock[] {
  return childElements(root, 'abstract').flatMap((abstract) => {
    const paragraphs = findAll(abstract, 'p');
    const texts = paragraphs.length > 0 ? paragraphs.map((p) => flattenText(p)) : [flattenText(abstract)];
    return texts.map((paragraph): PatentBlock => ({ name: 'abstract', text: paragraph }));
  });
}

function readDescription(root: XmlElement): PatentBlock[] {
  const description = childElements(root, 'description')[0];
  if (!description) return [];
  return findAll(description, 'heading', 'p').map((element): PatentBlock => {
    const label = element.name === 'p' ? element.attributes.num : undefined;
    return { name: 'description', text: flattenText(element), paragraph: label ? `[${label}]` : undefined };
  });
}

function readClaims(root: XmlElement): PatentBlock[] {
  const claims = childElements(root, 'claims')[0];
  if (!claims) return [];
  return findAll(claims, 'claim').map((claim, index): PatentBlock => {
    const declared = claim.attributes.num ?? /(\d+)$/.exec(claim.attributes.id ?? '')?.[1];
    const number = declared ? String(Number(declared)) : String(index + 1);
    return { name: 'claims', text: flattenText(claim), paragraph: number };
  });
}
