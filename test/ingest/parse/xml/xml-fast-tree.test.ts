import { describe, expect, it } from 'vitest';
import { parseWellFormedXmlTree } from '../../../../ingest/parse/xml/xml-fast-tree.ts';
import { parseXmlTree, parseXmlTreeWith } from '../../../../ingest/parse/xml/xml-tree.ts';

describe('parseWellFormedXmlTree', () => {
  it('keeps mixed content in order, raw entities in text and decoded ones in attributes', () => {
    const tree = parseWellFormedXmlTree('<p id="a&amp;b">CO<sub>2</sub> &amp; H<sub>2</sub>O<br/></p>');
    expect(tree).toEqual({
      name: 'p',
      attributes: { id: 'a&b' },
      children: [
        { text: 'CO' },
        { name: 'sub', attributes: {}, children: [{ text: '2' }] },
        { text: ' &amp; H' },
        { name: 'sub', attributes: {}, children: [{ text: '2' }] },
        { text: 'O' },
        { name: 'br', attributes: {}, children: [] },
      ],
    });
  });

  it('joins text across a comment, splits it at a processing instruction, keeps CDATA apart, folds CRLF', () => {
    const tree = parseWellFormedXmlTree(
      '<r a=\'1\'>one<!-- note -->two<?in-line-formulae end="lead"?>three<![CDATA[x < y]]>\r\nfour</r>',
    );
    expect(tree).toEqual({
      name: 'r',
      attributes: { a: '1' },
      children: [{ text: 'onetwo' }, { text: 'three' }, { text: 'x < y', cdata: true }, { text: '\nfour' }],
    });
  });

  it.each([
    ['a bare ampersand', '<r>Kador & Partner</r>'],
    ['a literal <', '<r><heading>1 <First Embodiment</heading></r>'],
    ['mismatched tags', '<r><a></b></r>'],
    ['an unclosed root', '<r><a></a>'],
    ['a duplicate attribute', '<r a="1" a="2"/>'],
    ['an attribute without a value', '<r checked/>'],
    ['a second root', '<r/><s/>'],
    ['a declaration inside the body', '<r><!ENTITY x "y"></r>'],
  ])('declines %s, leaving it to the validating parser', (_label, xml) => {
    expect(parseWellFormedXmlTree(xml)).toBeUndefined();
  });

  it('gives parseXmlTree the same trees and the same repairs as the validating parser alone', () => {
    const documents = [
      '<?xml version="1.0"?><!DOCTYPE r SYSTEM "r.dtd"><r><p num="0001">A &lt; B<i>x</i></p></r>',
      '<?xml version="1.0"?><r><name>Kador & Partner</name></r>',
      '<?xml version="1.0"?><r><heading>1 <First Embodiment</heading></r>',
    ];
    for (const xml of documents) expect(parseXmlTree(xml)).toEqual(parseXmlTreeWith(xml, false));
    expect(() => parseXmlTree('<?xml version="1.0"?><r><a></b></r>')).toThrow(/after the prolog/);
  });
});
