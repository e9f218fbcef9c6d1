import { describe, expect, it } from 'vitest';
import { nameFromEntityId, slugify, toEntityId } from '../../graph/index.ts';

describe('entity ids', () => {
  it('slugifies names (case, diacritics, punctuation)', () => {
    expect(slugify('  Poly(4-methyl-1-pentene) ')).toBe('poly-4-methyl-1-pentene');
    expect(slugify('Crème Brûlée')).toBe('creme-brulee');
  });

  it('keeps ids, normalises their slug, and builds ids from names', () => {
    expect(toEntityId('material', 'material:PET')).toBe('material:pet');
    expect(toEntityId('material', 'Cyclic olefin copolymer')).toBe('material:cyclic-olefin-copolymer');
    expect(toEntityId('material', '***')).toBe('');
  });

  it('derives a readable name from an id', () => {
    expect(nameFromEntityId('material:cyclic-olefin-copolymer')).toBe('cyclic olefin copolymer');
  });
});
