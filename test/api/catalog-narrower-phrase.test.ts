import { describe, expect, it } from 'vitest';
import { isNarrowerPhrase } from '../../api/catalog/import-catalog.ts';

describe('isNarrowerPhrase: a catalog name that is a known term plus a qualifier names a narrower material', () => {
  it.each([
    ['cellulose nanofibre', 'cellulose'],
    ['fumed silica', 'silica'],
    ['hexagonal boron nitride', 'boron nitride'],
    ['Microcrystalline Cellulose', 'cellulose'],
  ])('%s is narrower than %s', (name, other) => {
    expect(isNarrowerPhrase(name, other)).toBe(true);
  });

  it.each([
    ['polyimide resin', 'polyimide'],
    ['PA66', 'polyamide 66'],
    ['silicon dioxide', 'silica'],
    ['cellulose', 'cellulose'],
    ['nylon 66', 'polyamide 66'],
    ['cellulosic fibre', 'cellulose'],
  ])('%s is a synonym or form of %s, not a narrower material', (name, other) => {
    expect(isNarrowerPhrase(name, other)).toBe(false);
  });
});
