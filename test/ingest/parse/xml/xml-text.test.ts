import { describe, expect, it } from 'vitest';
import type { XmlElement, XmlNode } from '../../../../ingest/parse/xml/xml-node.ts';
import { flattenText } from '../../../../ingest/parse/xml/xml-text.ts';

const element = (name: string, ...children: XmlNode[]): XmlElement => ({ name, attributes: {}, children });
const text = (value: string): XmlNode => ({ text: value });

/**
 * The definition flattenText used to compute literally: every text piece with its whitespace runs made
 * one space, structural breaks as `\n`, cells followed by two spaces; then each line's runs of spaces
 * collapsed, lines trimmed, empty lines dropped. Entities are left out here (no `&` in the inputs).
 */
function byDefinition(node: XmlNode): string {
  const parts: string[] = [];
  const visit = (current: XmlNode): void => {
    if (!('name' in current)) {
      parts.push(current.text.replace(/[\s\u00a0]+/g, ' '));
      return;
    }
    if (current.name === 'math') return;
    const isLine = current.name === 'p' || current.name === 'claim-text';
    if (isLine) parts.push('\n');
    for (const child of current.children) visit(child);
    if (isLine) parts.push('\n');
    else if (current.name === 'entry') parts.push('  ');
  };
  visit(node);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0\u2002\u2003\u2009]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** A small deterministic generator (mulberry32), so a failure names a reproducible seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  '',
  ' ',
  '  ',
  '\n',
  '\t',
  '\u00a0',
  '\u2003',
  '\r\n ',
  'a',
  'CO',
  'b c',
  ' d ',
  'e\n\nf',
  'x\u2009y',
];
const names = ['p', 'claim-text', 'entry', 'sub', 'b', 'math'];

function randomTree(next: () => number, depth: number): XmlElement {
  const children: XmlNode[] = [];
  const count = Math.floor(next() * 5);
  for (let index = 0; index < count; index++) {
    if (depth < 4 && next() < 0.4) children.push(randomTree(next, depth + 1));
    else children.push(text(pieces[Math.floor(next() * pieces.length)] as string));
  }
  return element(names[Math.floor(next() * names.length)] as string, ...children);
}

describe('flattenText', () => {
  it('keeps words in place across inline markup, breaks lines at structure and gaps table cells', () => {
    const claim = element(
      'claim',
      text('1. A film comprising:\n   '),
      element('claim-text', text('a layer of CO'), element('sub', text('2')), text('  barrier;')),
      element('claim-text', text(' \u00a0and a '), element('b', text('coating')), text('.\n')),
      element('row', element('entry', text('A')), element('entry', text(' B ')), element('entry', text('C'))),
      element('math', text('x = 1')),
    );
    expect(flattenText(claim)).toBe('1. A film comprising:\na layer of CO2 barrier;\nand a coating.\nA B C');
  });

  it('drops empty lines and leading or trailing space, and decodes entities but not CDATA', () => {
    const paragraph = element(
      'p',
      element('br'),
      text('  &lt;100&#x2003;nm '),
      element('br'),
      { text: '&amp; kept', cdata: true },
      element('br'),
    );
    expect(flattenText(paragraph)).toBe('<100 nm\n&amp; kept');
  });

  it('gives what joining the pieces and normalising each line gave, on 2,000 random trees', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const tree = randomTree(random(seed), 0);
      expect({ seed, text: flattenText(tree) }).toEqual({ seed, text: byDefinition(tree) });
    }
  });
});
