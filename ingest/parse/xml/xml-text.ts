import { decodeXmlEntities } from './xml-entities.ts';
import { isElement, type XmlElement, type XmlNode } from './xml-tree.ts';

/**
 * Elements whose content is not prose: formulas as MathML, images, embedded files. Their "text" would
 * be operator soup (`D 1 ( 0 , 0 ) =`) that pollutes extraction.
 */
const skippedElements = new Set([
  'math',
  'maths',
  'MATHML',
  'MATHEMATICA',
  'img',
  'image',
  'EMI',
  'mathematica-file',
  'chemistry-cwu',
  'CHEMCDX',
  'CHEMMOL',
  'chem',
]);

/** Elements that end a line inside a paragraph (nested claim elements, list items, table rows). */
const lineElements = new Set([
  'claim-text',
  'CLMSTEP',
  'li',
  'br',
  'row',
  'tr',
  'PARA',
  'p',
  'paragraph',
  'BR',
]);
/** Table cells: separated by a tab-like gap so a row stays on one line. */
const cellElements = new Set(['entry', 'td', 'th', 'ENTRY']);

/** Options for flattening an element's text. */
export interface FlattenOptions {
  /** Extra element names to leave out (e.g. PAP's `<number>` paragraph label). */
  skip?: ReadonlySet<string>;
}

/**
 * Plain text of an element: inline markup (b, i, sub, sup, highlight...) is dropped but its text kept in
 * place (`CO<sub>2</sub>` → "CO2"), entities decoded, source line breaks folded into spaces, and only
 * structural breaks (nested claim-text, list items, table rows) kept as newlines.
 */
export function flattenText(element: XmlElement | undefined, options: FlattenOptions = {}): string {
  if (!element) return '';
  const parts: string[] = [];
  collect(element, parts, options.skip);
  return normalizeWhitespace(parts.join(''));
}

function collect(node: XmlNode, parts: string[], skip: ReadonlySet<string> | undefined): void {
  if (!isElement(node)) {
    const decoded = node.cdata ? node.text : decodeXmlEntities(node.text);
    parts.push(decoded.replace(/[\s\u00a0]+/g, ' '));
    return;
  }
  if (skippedElements.has(node.name) || skip?.has(node.name)) return;
  const isLine = lineElements.has(node.name);
  if (isLine) parts.push('\n');
  for (const child of node.children) collect(child, parts, skip);
  if (isLine) parts.push('\n');
  else if (cellElements.has(node.name)) parts.push('  ');
}

/** Collapses runs of spaces, trims each line and drops empty lines. */
export function normalizeWhitespace(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0\u2002\u2003\u2009]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Decoded text of an element exactly as written, spacing included (fixed-width codes need it). */
export function rawText(element: XmlElement | undefined): string {
  if (!element) return '';
  return element.children
    .map((child) =>
      isElement(child) ? rawText(child) : child.cdata ? child.text : decodeXmlEntities(child.text),
    )
    .join('');
}
