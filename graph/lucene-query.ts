/** Escapes Lucene query syntax so user text is searched literally, word by word. */
export function toLuceneQuery(text: string): string {
  const words = text
    .replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0 && !/^(AND|OR|NOT)$/.test(word));
  return words.join(' ');
}
