/** An element with its attributes (entities decoded) and children in document order. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

/** Raw text keeps its entities; `decodeXmlEntities` runs when text is flattened. */
export type XmlNode = XmlElement | { text: string; cdata?: boolean };
