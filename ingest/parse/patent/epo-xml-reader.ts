import { flattenText } from '../xml/xml-text.ts';
import { childElements, findAll, findFirst, findPath, isElement, type XmlElement } from '../xml/xml-tree.ts';
import type { PatentBlock, PatentRecord } from './patent-document-builder.ts';
import { IncompletePatentError } from './patent-document-builder.ts';
import { formatClassificationText, toIsoDate, uniqueValues } from './patent-fields.ts';

/**
 * Reads an EPO publication-server document (`ep-patent-document`, DTD 1.0-1.5.1). Grants carry claims in
 * all three official languages, so every span keeps the language of the part it comes from.
 */
export function readEpoPatent(root: XmlElement): PatentRecord {
  const number = root.attributes['doc-number'];
  const bibliographic = childElements(root, 'SDOBI')[0];
  const published = toIsoDate(
    root.attributes['date-publ'] ?? flattenText(findPath(bibliographic, 'B100/B140')),
  );
  if (!number || !published)
    throw new IncompletePatentError('no doc-number or date-publ on <ep-patent-document>');
  const language = (root.attributes.lang ?? 'en').toLowerCase();
  const title = readTitle(bibliographic, language);
  return {
    country: root.attributes.country ?? 'EP',
    number,
    kindCode: root.attributes.kind ?? (flattenText(findPath(bibliographic, 'B100/B130')) || undefined),
    title: title.text,
    titleLanguage: title.language,
    publishedAt: published,
    filedAt: toIsoDate(flattenText(findPath(bibliographic, 'B200/B220'))),
    language,
    source: 'epo-xml',
    ipc: readIpc(bibliographic),
    assignees: names(bibliographic, 'B711', 'B731'),
    inventors: names(bibliographic, 'B721'),
    blocks: [
      ...readParts(root, 'abstract', language),
      ...readParts(root, 'description', language),
      ...readParts(root, 'claims', language),
    ],
  };
}

/** B540 holds `<B541>lang</B541><B542>title</B542>` pairs; English is preferred, then the document language. */
function readTitle(
  bibliographic: XmlElement | undefined,
  language: string,
): { text: string; language?: string } {
  const container = findFirst(bibliographic, 'B540');
  const titles: Array<{ text: string; language?: string }> = [];
  let pendingLanguage: string | undefined;
  for (const child of container?.children ?? []) {
    if (!isElement(child)) continue;
    if (child.name === 'B541') pendingLanguage = flattenText(child).toLowerCase();
    if (child.name === 'B542') titles.push({ text: flattenText(child), language: pendingLanguage });
  }
  return (
    titles.find((title) => title.language === 'en') ??
    titles.find((title) => title.language === language) ??
    titles[0] ?? { text: '' }
  );
}

function readIpc(bibliographic: XmlElement | undefined): string[] {
  if (!bibliographic) return [];
  const symbols = findAll(bibliographic, 'B511', 'B512', 'classification-ipcr').map((element) =>
    formatClassificationText(flattenText(element)),
  );
  return uniqueValues(symbols);
}

function names(bibliographic: XmlElement | undefined, ...parties: string[]): string[] {
  if (!bibliographic) return [];
  return uniqueValues(
    findAll(bibliographic, ...parties).map((party) => flattenText(childElements(party, 'snm')[0])),
  );
}

function readParts(
  root: XmlElement,
  part: 'abstract' | 'description' | 'claims',
  fallback: string,
): PatentBlock[] {
  return childElements(root, part).flatMap((element) => {
    const language = (element.attributes.lang ?? fallback).toLowerCase();
    if (part === 'claims') {
      return findAll(element, 'claim').map((claim, index): PatentBlock => {
        const declared = claim.attributes.num;
        const label = String(declared ? Number(declared) : index + 1);
        return { name: 'claims', text: flattenText(claim), paragraph: label, language };
      });
    }
    return findAll(element, 'heading', 'p').map((paragraph): PatentBlock => {
      const label = part === 'description' && paragraph.name === 'p' ? paragraph.attributes.num : undefined;
      return {
        name: part,
        text: flattenText(paragraph),
        paragraph: label ? `[${label}]` : undefined,
        language,
      };
    });
  });
}
