/** What precedes the root element of an XML document, read without touching any DTD. */
export interface XmlProlog {
  /** Name of the DOCTYPE declaration, when there is one (`us-patent-grant`, `PATDOC`). */
  doctype?: string;
  /** Name of the root element, when the content has one. */
  root?: string;
  /** Offset of the root element's `<`. */
  rootStart: number;
}

/**
 * Skips the XML declaration, processing instructions, comments and the DOCTYPE (with its internal
 * subset, quotes and nested declarations) to find the root element. The DOCTYPE is only skipped, never
 * interpreted: entity declarations in it are exactly what XXE and "billion laughs" attacks abuse.
 */
export function readXmlProlog(xml: string): XmlProlog {
  let index = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  let doctype: string | undefined;
  while (index < xml.length) {
    const open = xml.indexOf('<', index);
    if (open < 0) break;
    if (xml.startsWith('<?', open)) {
      const close = xml.indexOf('?>', open + 2);
      if (close < 0) break;
      index = close + 2;
    } else if (xml.startsWith('<!--', open)) {
      const close = xml.indexOf('-->', open + 4);
      if (close < 0) break;
      index = close + 3;
    } else if (xml.startsWith('<!DOCTYPE', open)) {
      doctype = /^<!DOCTYPE\s+([^\s[>]+)/.exec(xml.slice(open, open + 200))?.[1];
      index = skipDeclaration(xml, open + 9);
    } else if (xml.startsWith('<!', open)) {
      index = skipDeclaration(xml, open + 2);
    } else {
      const root = /^<([A-Za-z_][\w.:-]*)/.exec(xml.slice(open, open + 200))?.[1];
      return { doctype, root, rootStart: open };
    }
  }
  return { doctype, rootStart: xml.length };
}

/** Offset just after the `>` that closes a declaration, honouring quotes and a `[...]` internal subset. */
function skipDeclaration(xml: string, from: number): number {
  let depth = 0;
  let quote = '';
  for (let index = from; index < xml.length; index++) {
    const char = xml[index];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '<' && xml.startsWith('<!--', index)) {
      const close = xml.indexOf('-->', index + 4);
      index = close < 0 ? xml.length : close + 2;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '[') {
      depth++;
    } else if (char === ']') {
      depth--;
    } else if (char === '>' && depth <= 0) {
      return index + 1;
    }
  }
  return xml.length;
}
