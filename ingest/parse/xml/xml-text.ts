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
  const lines = new LineWriter();
  collect(element, lines, options.skip);
  return lines.text();
}

// `\s` is the set `trim()` removes and includes U+00A0, so one pass leaves only single spaces.
const whitespaceRun = /\s+/g;
const collapsible = /[^\S ]| {2}/;

/**
 * Writes text straight into its final form: words separated by one space, lines by one `\n`, no empty
 * line, nothing leading or trailing. It gives what joining the pieces and then running
 * `normalizeWhitespace` gave, without building, splitting and rejoining the whole text again.
 */
class LineWriter {
  private readonly parts: string[] = [];
  /** The current line has a word. */
  private lineOpen = false;
  /** A space comes before the next word of this line. */
  private space = false;
  /** A line break comes before the next word (some earlier line has words). */
  private newline = false;

  /** Appends text whose whitespace is kept only as word separators. */
  write(raw: string): void {
    if (raw === '') return;
    const text = collapsible.test(raw) ? raw.replace(whitespaceRun, ' ') : raw;
    const leading = text.charCodeAt(0) === 32;
    const trailing = text.charCodeAt(text.length - 1) === 32;
    if (leading) this.space = true;
    const start = leading ? 1 : 0;
    const end = trailing ? text.length - 1 : text.length;
    if (end > start) {
      if (this.newline) this.parts.push('\n');
      else if (this.space && this.lineOpen) this.parts.push(' ');
      this.parts.push(start === 0 && end === text.length ? text : text.slice(start, end));
      this.newline = false;
      this.lineOpen = true;
      this.space = false;
    }
    if (trailing) this.space = true;
  }

  /** Ends the current line (a structural break). */
  breakLine(): void {
    if (this.lineOpen) this.newline = true;
    this.lineOpen = false;
    this.space = false;
  }

  /** Separates table cells on one line. */
  gap(): void {
    this.space = true;
  }

  text(): string {
    return this.parts.join('');
  }
}

function collect(node: XmlNode, lines: LineWriter, skip: ReadonlySet<string> | undefined): void {
  if (!isElement(node)) {
    lines.write(node.cdata ? node.text : decodeXmlEntities(node.text));
    return;
  }
  if (skippedElements.has(node.name) || skip?.has(node.name)) return;
  const isLine = lineElements.has(node.name);
  if (isLine) lines.breakLine();
  for (const child of node.children) collect(child, lines, skip);
  if (isLine) lines.breakLine();
  else if (cellElements.has(node.name)) lines.gap();
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
