import type { CandidatePromotion } from '../../graph/index.ts';

const heads = [
  'film',
  'resin',
  'coating',
  'membrane',
  'fiber',
  'foam',
  'sheet',
  'laminate',
  'housing',
  'tube',
];
const modifiers = ['porous', 'thermal', 'optical', 'barrier', 'medical', 'conductive', 'flexible', 'sealing'];

/**
 * The `i`-th synthetic mined term as promotion writes it: a phrase of a modifier, a head noun and a
 * number ("porous film 1a"), an alias with a trailing word, Application or Material. The heads and
 * modifiers recur as a backfill's mined terms do, so the trie's and indexes' shared nodes are loaded.
 */
export function minedTerm(i: number): CandidatePromotion {
  const label = i % 3 === 0 ? 'Application' : 'Material';
  const head = heads[i % heads.length] as string;
  const name = `${modifiers[i % modifiers.length]} ${head} ${i.toString(36)}`;
  const key = name.replace(/\s+/g, '-');
  return {
    candidateId: `candidate:${label.toLowerCase()}:${key}`,
    key,
    term: {
      id: `${label.toLowerCase()}:${key}`,
      label,
      name,
      aliases: [`${name} grade`],
      origin: 'mined',
      support: 3 + (i % 5),
    },
  };
}
