import { flattenText } from '../xml/xml-text.ts';
import { childElements, findAll, findFirst, findPath, type XmlElement } from '../xml/xml-tree.ts';
import type { PatentBlock, PatentRecord } from './patent-document-builder.ts';
import { IncompletePatentError } from './patent-document-builder.ts';
import { formatClassificationText, personName, toIsoDate, uniqueValues } from './patent-fields.ts';

// The `[0001]` label is read separately, so it is left out of the paragraph text.
const withoutNumber = new Set(['number']);

/** Reads a USPTO pre-grant publication in PAP XML v1.5/v1.6 (`patent-application-publication`, 2001-2004). */
export function readUsptoPapPatent(root: XmlElement): PatentRecord {
  const bibliographic = childElements(root, 'subdoc-bibliographic-information')[0];
  if (!bibliographic) throw new IncompletePatentError('no subdoc-bibliographic-information');
  const documentId = childElements(bibliographic, 'document-id')[0];
  const number = text(documentId, 'doc-number');
  const published = toIsoDate(text(documentId, 'document-date'));
  if (!number || !published) throw new IncompletePatentError('no publication number or date');
  const technical = childElements(bibliographic, 'technical-information')[0];
  return {
    country: text(documentId, 'country-code') || 'US',
    number,
    kindCode: text(documentId, 'kind-code') || undefined,
    title: flattenText(findFirst(technical, 'title-of-invention')),
    publishedAt: published,
    filedAt: toIsoDate(text(findPath(bibliographic, 'domestic-filing-data'), 'filing-date')),
    language: 'en',
    source: 'uspto-pap-xml',
    ipc: technical
      ? uniqueValues(findAll(technical, 'ipc').map((ipc) => formatClassificationText(flattenText(ipc))))
      : [],
    assignees: uniqueValues(findAll(bibliographic, 'assignee').map(partyName)),
    inventors: uniqueValues(findAll(bibliographic, 'first-named-inventor', 'inventor').map(partyName)),
    blocks: [
      ...readParagraphs(root, 'subdoc-abstract', 'abstract'),
      ...readDescription(root),
      ...readClaims(root),
    ],
  };
}

function text(element: XmlElement | undefined, child: string): string {
  return element ? flattenText(childElements(element, child)[0]) : '';
}

function partyName(party: XmlElement): string | undefined {
  const organisation = text(party, 'organization-name');
  if (organisation) return organisation;
  const name = findFirst(party, 'name') ?? party;
  return personName({
    first: text(name, 'given-name'),
    middle: text(name, 'middle-name'),
    last: text(name, 'family-name'),
  });
}

function readParagraphs(root: XmlElement, container: string, section: 'abstract'): PatentBlock[] {
  return childElements(root, container).flatMap((element) =>
    findAll(element, 'paragraph').map(
      (paragraph): PatentBlock => ({ name: section, text: flattenText(paragraph) }),
    ),
  );
}

function readDescription(root: XmlElement): PatentBlock[] {
  const description = childElements(root, 'subdoc-description')[0];
  if (!description) return [];
  return findAll(description, 'heading', 'paragraph').map((element): PatentBlock => {
    const label = flattenText(childElements(element, 'number')[0]);
    return {
      name: 'description',
      text: flattenText(element, { skip: withoutNumber }),
      paragraph: label || undefined,
    };
  });
}

function readClaims(root: XmlElement): PatentBlock[] {
  const claims = childElements(root, 'subdoc-claims')[0];
  if (!claims) return [];
  return findAll(claims, 'claim').map((claim, index): PatentBlock => {
    const declared = /(\d+)$/.exec(claim.attributes.id ?? '')?.[1];
    return {
      name: 'claims',
      text: flattenText(claim),
      paragraph: String(declared ? Number(declared) : index + 1),
    };
  });
}
