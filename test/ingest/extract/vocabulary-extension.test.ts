import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EntityLabel } from '../../../graph/index.ts';
import { loadDefaultVocabulary } from '../../../ingest/extract/lexicon-vocabulary.ts';
import { knownTermId } from '../../../ingest/extract/mining/broader-terms.ts';
import {
  buildVocabulary,
  type TrieNode,
  type Vocabulary,
  type VocabularyTerm,
} from '../../../ingest/extract/vocabulary.ts';
import {
  analyzeDocument,
  createOfflineExtractor,
  type ParsedDocument,
  readDocuments,
} from '../../../ingest/index.ts';
import { repoRoot } from '../../support/paths.ts';

const bundled = loadDefaultVocabulary();
const options = { stopPhrases: bundled.stopPhrases, inflect: true };

/** The base of a graph's vocabulary: the lexicon, a catalog product standing for a material, a user term. */
const base: VocabularyTerm[] = [
  ...bundled.terms,
  {
    id: 'material:poly-4-methyl-1-pentene',
    label: 'Material',
    name: 'poly(4-methyl-1-pentene)',
    aliases: ['polymethylpentene'],
    origin: 'catalog',
  },
  { id: 'material:house-resin', label: 'Material', name: 'house resin', origin: 'user' },
  {
    id: 'product:tpx-film',
    label: 'Material',
    name: 'TPX film',
    aliases: ['TPX'],
    caseSensitive: ['TPX'],
    origin: 'catalog',
    materialId: 'material:poly-4-methyl-1-pentene',
  },
];

/** Every node of a trie with the aliases it ends, in their order (children by token: they are looked up). */
function trieLines(node: TrieNode, prefix = ''): string[] {
  const lines = node.aliases ? [`${prefix} => ${JSON.stringify(node.aliases)}`] : [];
  for (const token of [...(node.children?.keys() ?? [])].sort()) {
    lines.push(...trieLines(node.children?.get(token) as TrieNode, `${prefix}/${token}`));
  }
  return lines;
}

function compiledState(vocabulary: Vocabulary) {
  return {
    version: vocabulary.version,
    terms: vocabulary.terms,
    // A resolver looks its entries up by key, so only which entries there are counts, not their order.
    known: [...vocabulary.knownEntities()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    trie: trieLines(vocabulary.trie),
  };
}

/** `added` placed among `terms` as a graph lists them (by id after the lexicon's own order). */
function interleaved(terms: readonly VocabularyTerm[], added: readonly VocabularyTerm[]): VocabularyTerm[] {
  const result = [...terms];
  for (const [index, term] of added.entries()) {
    result.splice(Math.floor(((index + 1) * result.length) / (added.length + 1)), 0, term);
  }
  return result;
}

async function documents(): Promise<ParsedDocument[]> {
  const file = path.join(repoRoot, 'test', 'fixtures', 'uspto-ipg-weekly-excerpts', 'ipg120327.196.xml.gz');
  const found: ParsedDocument[] = [];
  for await (const outcome of readDocuments({ kind: 'file', path: file })) {
    if (outcome.ok) found.push(outcome.document);
  }
  return found;
}

function term(
  id: string,
  label: EntityLabel,
  name: string,
  extra: Partial<VocabularyTerm> = {},
): VocabularyTerm {
  return { id, label, name, origin: 'mined', ...extra };
}

describe('a vocabulary extended by the terms a version adds', () => {
  it('is the vocabulary a full build gives, and extracts real grants as it does', async () => {
    const grants = await documents();
    expect(grants.length).toBeGreaterThan(2);

    // What the first version's extractor mines from the grants becomes the next version's terms, as
    // promotion makes them; beside them, terms of other origins that share surfaces with old ones.
    const first = createOfflineExtractor({ vocabulary: buildVocabulary(base, 'graph-1', options) });
    const mined = new Map<string, VocabularyTerm>();
    for (const grant of grants) {
      const { extraction } = await analyzeDocument(first, grant);
      for (const candidate of extraction.candidates ?? []) {
        const id = `${candidate.label.toLowerCase()}:${candidate.key.replace(/\s+/g, '-')}`;
        if (mined.size < 60 && !mined.has(id) && !bundled.term(id)) {
          mined.set(
            id,
            term(id, candidate.label, candidate.surface, { aliases: [`${candidate.surface} grade`] }),
          );
        }
      }
    }
    expect(mined.size).toBeGreaterThan(20);
    const added = [
      ...mined.values(),
      // A user's term and an LLM's on surfaces the lexicon has: a full build lists them before it.
      term('material:user-pp', 'Material', 'polypropylene', { origin: 'user', aliases: ['PP resin'] }),
      term('material:llm-pet', 'Material', 'PET', { origin: 'llm', acronyms: ['PET'] }),
      // A mined term on a stop phrase's surface: the stop phrase stays last.
      term('property:mined-glass-transition', 'Property', 'glass transition'),
      term('application:mined-packaging', 'Application', 'packaging'),
    ];
    const next = interleaved(base, added);

    // The thread's extractor of the first version has analysed (its key index is built), then extends.
    const previous = createOfflineExtractor({ vocabulary: buildVocabulary(base, 'graph-1', options) });
    for (const grant of grants) await analyzeDocument(previous, grant);
    const previousVocabulary = (previous as unknown as { vocabulary: Vocabulary }).vocabulary;
    const extension = previousVocabulary.extendedTo(next, 'graph-2');
    expect(extension?.added.map((entry) => entry.id)).toEqual(
      next.filter((entry) => added.includes(entry)).map((entry) => entry.id),
    );
    const extended = previous.extendedTo(extension as NonNullable<typeof extension>);

    const full = buildVocabulary(next, 'graph-2', options);
    const fullExtractor = createOfflineExtractor({ vocabulary: full });
    expect(compiledState(extension?.vocabulary as Vocabulary)).toEqual(compiledState(full));
    for (const entry of added) {
      const key = entry.name.toLowerCase();
      expect(knownTermId(extension?.vocabulary as Vocabulary, key, entry.label)).toBe(
        knownTermId(full, key, entry.label),
      );
    }

    let addedMentions = 0;
    const addedIds = new Set(added.map((entry) => entry.id));
    for (const grant of grants) {
      const byFull = await analyzeDocument(fullExtractor, grant);
      expect(await analyzeDocument(extended, grant)).toEqual(byFull);
      addedMentions += byFull.extraction.mentions.filter((mention) => addedIds.has(mention.entityId)).length;
    }
    expect(addedMentions).toBeGreaterThan(0);
  });

  it('can be extended again, version after version', () => {
    const one = [term('application:porous-film-a', 'Application', 'porous film a')];
    const two = [term('application:porous-film-b', 'Application', 'porous film b')];
    const v1 = buildVocabulary(base, 'graph-1', options);
    void v1.trie;
    const v2 = v1.extendedTo([...base, ...one], 'graph-2')?.vocabulary as Vocabulary;
    const v3 = v2.extendedTo([...two, ...base, ...one], 'graph-3')?.vocabulary as Vocabulary;
    expect(compiledState(v3)).toEqual(
      compiledState(buildVocabulary([...two, ...base, ...one], 'graph-3', options)),
    );
    // Superseded: the structures are v3's now.
    expect(v1.extendedTo([...base, ...one], 'graph-2')).toBeUndefined();
    expect(v2.extendedTo([...two, ...base, ...one], 'graph-3')).toBeUndefined();
  });

  it("of a vocabulary whose matcher was never compiled (promotion's) carries its key index, and compiles the matcher on first use", () => {
    const added = [
      term('application:medical-tube-x', 'Application', 'medical tube x'),
      term('material:user-pp', 'Material', 'polypropylene', { origin: 'user' }),
    ];
    const next = interleaved(base, added);
    const vocabulary = buildVocabulary(base, 'graph-1', options);
    expect(knownTermId(vocabulary, 'polypropylene', 'Material')).toBe('material:polypropylene');
    const extended = vocabulary.extendedTo(next, 'graph-2')?.vocabulary as Vocabulary;
    const full = buildVocabulary(next, 'graph-2', options);
    for (const [key, label] of [
      ['medical tube x', 'Application'],
      ['polypropylene', 'Material'],
      ['film', 'Application'],
    ] as const) {
      expect(knownTermId(extended, key, label)).toBe(knownTermId(full, key, label));
    }
    // Two terms now share "polypropylene": the key names neither.
    expect(knownTermId(extended, 'polypropylene', 'Material')).toBeUndefined();
    expect(compiledState(extended)).toEqual(compiledState(full));
  });

  describe('is refused, leaving the vocabulary as it was, when the version does more than add terms', () => {
    const newTerm = term('application:porous-film-c', 'Application', 'porous film c');
    const lexiconTerm = base.find((entry) => entry.id === 'material:polypropylene') as VocabularyTerm;
    const cases: [string, VocabularyTerm[]][] = [
      [
        'a term gains an alias',
        base.map((entry) =>
          entry === lexiconTerm ? { ...entry, aliases: [...(entry.aliases ?? []), 'PP-X'] } : entry,
        ),
      ],
      ['a term is retired', [...base.filter((entry) => entry !== lexiconTerm), newTerm]],
      ['the terms come in another order', [lexiconTerm, ...base.filter((entry) => entry !== lexiconTerm)]],
      [
        'a product is added',
        [
          ...base,
          term('product:tpx-sheet', 'Material', 'TPX sheet', {
            origin: 'catalog',
            materialId: 'material:polypropylene',
          }),
        ],
      ],
      [
        'a product now stands for an added material',
        [
          ...base.map((entry) =>
            entry.id === 'product:tpx-film' ? { ...entry, materialId: newTerm.id } : entry,
          ),
          newTerm,
        ],
      ],
      ['a term is added twice', [...base, newTerm, { ...newTerm, aliases: ['other'] }]],
      [
        'a term has an origin no build ranks',
        [...base, { ...newTerm, origin: 'scraped' as VocabularyTerm['origin'] }],
      ],
    ];
    it.each(cases)('%s', (_name, next) => {
      const vocabulary = buildVocabulary(base, 'graph-1', options);
      const before = compiledState(vocabulary);
      expect(vocabulary.extendedTo(next, 'graph-2')).toBeUndefined();
      expect(compiledState(vocabulary)).toEqual(before);
      // Still extendable: a refusal supersedes nothing.
      expect(vocabulary.extendedTo([...base, newTerm], 'graph-2')).toBeDefined();
    });

    it('a product standing for a material that a term of the version adds', () => {
      const product = term('product:new-grade', 'Material', 'New Grade', {
        origin: 'catalog',
        materialId: newTerm.id,
      });
      const vocabulary = buildVocabulary([...base, product], 'graph-1', options);
      void vocabulary.trie;
      expect(vocabulary.extendedTo([...base, product, newTerm], 'graph-2')).toBeUndefined();
    });
  });
});
