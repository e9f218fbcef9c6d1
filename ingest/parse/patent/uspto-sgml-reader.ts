import { flattenText, rawText } from '../xml/xml-text.ts';
import { childElements, findAll, findFirst, findPath, type XmlElement } from '../xml/xml-tree.ts';
import type { PatentBlock, PatentRecord } from './patent-document-builder.ts';
import { IncompletePatentError } from './patent-document-builder.ts';
import { formatFixedWidthIpc, personName, toIsoDate, uniqueValues } from './patent-fields.ts';

/**
 * Reads a USPTO grant in the ST.32 "SGML" v2.x markup (`<PATDOC>` with WIPO B-codes, 2001-2004). The
 * bulk files of that era are well-formed XML, so the same safe tree parser reads them.
 */
export function readUsptoSgmlPatent(root: XmlElement): PatentRecord {
  const bibliographic = childElements(root, 'SDOBI')[0];
  if (!bibliographic) throw new IncompletePatentError('no SDOBI bibliographic block');
  const number = flattenText(findPath(bibliographic, 'B100/B110'));
  const published = toIsoDate(flattenText(findPath(bibliographic, 'B100/B140')));
  if (!number || !published) throw new IncompletePatentError('no publication number (B110) or date (B140)');
  const classification = findPath(bibliographic, 'B500/B510');
  return {
    country: flattenText(findPath(bibliographic, 'B100/B190')) || 'US',
    number,
    kindCode: flattenText(findPath(bibliographic, 'B100/B130')) || undefined,
    title: flattenText(findPath(bibliographic, 'B500/B540')),
    publishedAt: published,
    filedAt: toIsoDate(flattenText(findPath(bibliographic, 'B200/B220'))),
    language: 'en',
    source: 'uspto-sgml',
    ipc: classification
      ? uniqueValues(
          childElements(classification, 'B511', 'B512').map((ipc) => formatFixedWidthIpc(rawText(ipc))),
        )
      : [],
    assignees: uniqueValues(findAll(bibliographic, 'B731').map(partyName)),
    inventors: uniqueValues(findAll(bibliographic, 'B721').map(partyName)),
    blocks: [...readAbstract(root), ...readDescription(root), ...readClaims(root)],
  };
}

function partyName(party: XmlElement): string | undefined {
  const name = findFirst(party, 'NAM');
  if (!name) return undefined;
  const organisation = flattenText(childElements(name, 'ONM')[0]);
  if (organisation) return organisation;
  return personName({
    first: flattenText(childElements(name, 'FNM')[0]),
    last: flattenText(childElements(name, 'SNM')[0]),
  });
}

function readAbstract(root: XmlElement): PatentBlock[] {
  return childElements(root, 'SDOAB').flatMap((abstract) =>
    findAll(abstract, 'PARA').map(
      (paragraph): PatentBlock => ({ name: 'abstract', text: flattenText(paragraph) }),
    ),
  );
}

function readDescription(root: XmlElement): PatentBlock[] {
  const description = childElements(root, 'SDODE')[0];
  if (!description) return [];
  return findAll(description, 'H', 'PARA').map(
    (element): PatentBlock => ({
      name: 'description',
      text: flattenText(element),
    }),
  );
}

function readClaims(root: XmlElement): PatentBlock[] {
  const claims = childElements(root, 'SDOCL')[0];
  if (!claims) return [];
  return findAll(claims, 'CLM').map((claim, index): PatentBlock => {
    const declared = /(\d+)$/.exec(claim.attributes.ID ?? '')?.[1];
    return {
      name: 'claims',
      text: flattenText(claim),
      paragraph: String(declared ? Number(declared) : index + 1),
    };
  });
}
