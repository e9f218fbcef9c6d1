import { describe, expect, it } from 'vitest';
import { addId, type IdIndex, idsUnder, onlyId } from '../../../ingest/resolve/id-index.ts';

describe('IdIndex', () => {
  it('tells a key naming one id from a key naming several, whatever the order ids came in', () => {
    const index: IdIndex = new Map();
    addId(index, 'pet film', 'material:pet-film');
    addId(index, 'pet film', 'material:pet-film');
    addId(index, 'film', 'application:film');
    addId(index, 'film', 'material:film');
    addId(index, 'film', 'application:film');
    expect(idsUnder(index, 'pet film')).toEqual({ kind: 'one', id: 'material:pet-film' });
    expect(onlyId(index, 'pet film')).toBe('material:pet-film');
    expect(idsUnder(index, 'film')).toEqual({ kind: 'many' });
    expect(onlyId(index, 'film')).toBeUndefined();
    expect(idsUnder(index, 'sheet')).toEqual({ kind: 'none' });
    expect(onlyId(index, 'sheet')).toBeUndefined();
    expect(idsUnder(undefined, 'film')).toEqual({ kind: 'none' });
  });

  it('holds nothing under an empty key', () => {
    const index: IdIndex = new Map();
    addId(index, '', 'material:nothing');
    expect(index.size).toBe(0);
    expect(idsUnder(index, '')).toEqual({ kind: 'none' });
  });
});
