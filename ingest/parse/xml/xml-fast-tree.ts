import { decodeXmlEntities } from './xml-entities.ts';
import type { XmlElement, XmlNode } from './xml-node.ts';

/**
 * One pass over a well-formed document body (from the root's `<`), building the ordered tree directly:
 * no intermediate object tree, no second validation pass. It accepts only what it is sure of and returns
 * undefined on anything unusual (a bare `&` or `<`, mismatched or unclosed tags, duplicate or odd
 * attributes, declarations other than comments and CDATA, content after the root), so the caller falls
 * back to the validating parser, whose repairs and error messages stay the reference.
 *
 * The tree equals that parser's: `\r\n` and `\r` become `\n`; text keeps its entities and whitespace;
 * text on either side of a comment is one node, while a processing instruction ends the text before it;
 * CDATA is its own node; attribute values are their raw text with entities decoded.
 */
export function parseWellFormedXmlTree(input: string): XmlElement | undefined {
  const xml = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const length = xml.length;
  const root: XmlElement = { name: '', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  let current = root;
  let text = '';
  let index = 0;
  let closedRoot = false;
  while (index < length) {
    const open = xml.indexOf('<', index);
    const end = open < 0 ? length : open;
    if (end > index) {
      const piece = xml.slice(index, end);
      if (current === root) {
        if (piece.trim() !== '') return undefined;
      } else {
        if (!textIsSafe(piece)) return undefined;
        text += piece;
      }
    }
    if (open < 0) break;
    const next = xml.charCodeAt(open + 1);
    if (next === 47) {
      // </name>
      if (current === root) return undefined;
      const close = closingTagEnd(xml, open + 2, current.name);
      if (close < 0) return undefined;
      if (text !== '') current.children.push({ text });
      text = '';
      stack.pop();
      current = stack[stack.length - 1] as XmlElement;
      if (current === root) closedRoot = true;
      index = close + 1;
    } else if (next === 63) {
      // <? … ?>: skipped, but it ends the text before it.
      const close = closeOf(xml, open + 2, '?>');
      if (close < 0) return undefined;
      if (text !== '') current.children.push({ text });
      text = '';
      index = close + 2;
    } else if (next === 33) {
      if (xml.startsWith('<!--', open)) {
        const close = xml.indexOf('-->', open + 4);
        if (close < 0) return undefined;
        index = close + 3;
      } else if (xml.startsWith('<![CDATA[', open)) {
        const close = xml.indexOf(']]>', open + 9);
        if (close < 0 || current === root) return undefined;
        if (text !== '') current.children.push({ text });
        text = '';
        current.children.push({ text: xml.slice(open + 9, close), cdata: true });
        index = close + 3;
      } else {
        return undefined;
      }
    } else {
      if (closedRoot) return undefined;
      // Most tags are a bare name (`<p>`, `<br/>`): read in place, without cutting the tag out first.
      const nameEnd = nameEndAt(xml, open + 1);
      const after = xml.charCodeAt(nameEnd);
      let close: number;
      let selfClosing: boolean;
      let element: XmlElement | undefined;
      if (nameEnd > open + 1 && (after === 62 || (after === 47 && xml.charCodeAt(nameEnd + 1) === 62))) {
        selfClosing = after === 47;
        close = selfClosing ? nameEnd + 1 : nameEnd;
        element = { name: xml.slice(open + 1, nameEnd), attributes: {}, children: [] };
      } else {
        close = closeOf(xml, open + 1, '>');
        if (close < 0) return undefined;
        let tag = xml.slice(open + 1, close);
        selfClosing = tag.endsWith('/');
        if (selfClosing) tag = tag.slice(0, -1);
        element = readTag(tag);
        if (!element) return undefined;
      }
      if (text !== '') current.children.push({ text });
      text = '';
      current.children.push(element);
      if (!selfClosing) {
        stack.push(element);
        current = element;
      } else if (current === root) {
        closedRoot = true;
      }
      index = close + 1;
    }
  }
  if (current !== root || !closedRoot) return undefined;
  const first = root.children[0];
  return first && 'name' in first && root.children.length === 1 ? first : undefined;
}

/** End of the XML name starting at `from` (`[A-Za-z_][\w.:-]*`), or `from` when none starts there. */
function nameEndAt(xml: string, from: number): number {
  const first = xml.charCodeAt(from);
  const startsName = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95;
  if (!startsName) return from;
  let index = from + 1;
  for (; index < xml.length; index++) {
    const code = xml.charCodeAt(index);
    const inName =
      (code >= 97 && code <= 122) ||
      (code >= 65 && code <= 90) ||
      (code >= 48 && code <= 58) ||
      code === 95 ||
      code === 45 ||
      code === 46;
    if (!inName) break;
  }
  return index;
}

/** Offset of the `>` closing `</name …>` whose name starts at `from`, or -1 when it closes another element. */
function closingTagEnd(xml: string, from: number, name: string): number {
  const end = from + name.length;
  // The usual `</name>`: compared in place.
  if (xml.charCodeAt(end) === 62 && xml.startsWith(name, from)) return end;
  const close = xml.indexOf('>', from);
  if (close < 0 || xml.slice(from, close).trim() !== name) return -1;
  return close;
}

const namePattern = /^[A-Za-z_][\w.:-]*$/;
const attributePattern = /\s*([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const reservedNames = new Set(['__proto__', 'constructor', 'prototype']);
// Every `&` must start a well-formed reference; a bare one is for the repairing parser.
const unsafeAmpersand = /&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)/;

function textIsSafe(text: string): boolean {
  return !text.includes('&') || !unsafeAmpersand.test(text);
}

/** Name and attributes of a start tag's inside (`name a="1" b='2'`), or undefined when unusual. */
function readTag(tag: string): XmlElement | undefined {
  const space = tag.search(/\s/);
  const name = space < 0 ? tag : tag.slice(0, space);
  if (!namePattern.test(name)) return undefined;
  const attributes: Record<string, string> = {};
  if (space >= 0) {
    attributePattern.lastIndex = space;
    let position = space;
    while (position < tag.length) {
      const match = attributePattern.exec(tag);
      if (!match) {
        if (tag.slice(position).trim() !== '') return undefined;
        break;
      }
      const attribute = match[1] as string;
      const value = match[2] ?? match[3] ?? '';
      if (reservedNames.has(attribute) || Object.hasOwn(attributes, attribute)) return undefined;
      if (!textIsSafe(value)) return undefined;
      attributes[attribute] = decodeXmlEntities(value);
      position = attributePattern.lastIndex;
    }
  }
  const children: XmlNode[] = [];
  return { name, attributes, children };
}

/** Offset of `terminator` after `from`, skipping quoted values (a `>` inside quotes does not close). */
function closeOf(xml: string, from: number, terminator: string): number {
  const first = terminator.charCodeAt(0);
  for (let index = from; index < xml.length; index++) {
    const code = xml.charCodeAt(index);
    if (code === 34 || code === 39) {
      index = xml.indexOf(xml[index] as string, index + 1);
      if (index < 0) return -1;
    } else if (code === first && xml.startsWith(terminator, index)) {
      return index;
    } else if (code === 60) {
      return -1;
    }
  }
  return -1;
}
