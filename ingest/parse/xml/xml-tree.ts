import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MalformedXmlError } from './malformed-xml-error.ts';
import { decodeXmlEntities } from './xml-entities.ts';
import { parseWellFormedXmlTree } from './xml-fast-tree.ts';
import type { XmlElement, XmlNode } from './xml-node.ts';
import { readXmlProlog } from './xml-prolog.ts';
import { repairXmlText } from './xml-repair.ts';

export type { XmlElement, XmlNode } from './xml-node.ts';

const textKey = '#text';
const cdataKey = '#cdata';
const attributesKey = ':@';

// preserveOrder keeps mixed content (`CO<sub>2</sub>`) in order; processEntities:false plus a stripped
// DOCTYPE means no entity declared by the document is ever expanded.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  cdataPropName: cdataKey,
  textNodeName: textKey,
  ignorePiTags: true,
});

type OrderedNode = Record<string, unknown>;

/**
 * Parses one XML document (prolog and DOCTYPE skipped unread) into an ordered element tree: one direct
 * pass when the document is plainly well formed, else validation, repair and the ordered-object parser.
 */
export function parseXmlTree(xml: string): XmlElement {
  return parseXmlTreeWith(xml, true);
}

/** The same, choosing whether the direct pass may be tried (false: always the validating parser). */
export function parseXmlTreeWith(xml: string, direct: boolean): XmlElement {
  const prolog = readXmlProlog(xml);
  if (!prolog.root) throw new MalformedXmlError('no root element');
  let body = xml.slice(prolog.rootStart);
  const fast = direct ? parseWellFormedXmlTree(body) : undefined;
  if (fast) return fast;
  const validation = XMLValidator.validate(body);
  if (validation !== true) {
    // Publication files sometimes carry a bare `&` or `<` in text; repair those once, then give up.
    const repaired = repairXmlText(body);
    if (XMLValidator.validate(repaired) !== true) {
      const { msg, line, col } = validation.err;
      throw new MalformedXmlError(`${msg} (line ${line}, column ${col} after the prolog)`);
    }
    body = repaired;
  }
  const nodes = parser.parse(body) as OrderedNode[];
  const root = nodes.map(convertNode).find((node): node is XmlElement => 'name' in node);
  if (!root) throw new MalformedXmlError('no root element');
  return root;
}

function convertNode(node: OrderedNode): XmlNode {
  for (const [key, value] of Object.entries(node)) {
    if (key === attributesKey) continue;
    if (key === textKey) return { text: String(value) };
    if (key === cdataKey) return { text: cdataText(value), cdata: true };
    const attributes: Record<string, string> = {};
    const rawAttributes = node[attributesKey] as Record<string, unknown> | undefined;
    for (const [name, raw] of Object.entries(rawAttributes ?? {}))
      attributes[name] = decodeXmlEntities(String(raw));
    const children = Array.isArray(value) ? (value as OrderedNode[]).map(convertNode) : [];
    return { name: key, attributes, children };
  }
  return { text: '' };
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return String(value ?? '');
  return value.map((part) => String((part as OrderedNode)[textKey] ?? '')).join('');
}

/** True when the node is an element (not text). */
export function isElement(node: XmlNode | undefined): node is XmlElement {
  return node !== undefined && 'name' in node;
}

/** Direct child elements, optionally only those with one of the given names. */
export function childElements(element: XmlElement, ...names: string[]): XmlElement[] {
  return element.children.filter(
    (node): node is XmlElement => isElement(node) && (names.length === 0 || names.includes(node.name)),
  );
}

/** First element reached by a `/`-separated path of child names. */
export function findPath(element: XmlElement | undefined, path: string): XmlElement | undefined {
  let current = element;
  for (const step of path.split('/')) {
    if (!current) return undefined;
    current = childElements(current, step)[0];
  }
  return current;
}

/** Every descendant element with one of the names, in document order; does not descend into matches. */
export function findAll(element: XmlElement, ...names: string[]): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (names.includes(child.name)) found.push(child);
      else visit(child);
    }
  };
  visit(element);
  return found;
}

/** First descendant element with one of the names. */
export function findFirst(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  if (!element) return undefined;
  for (const child of element.children) {
    if (!isElement(child)) continue;
    if (names.includes(child.name)) return child;
    const deeper = findFirst(child, ...names);
    if (deeper) return deeper;
  }
  return undefined;
}
