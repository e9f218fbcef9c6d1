import { describe, expect, it } from 'vitest';
import { loadDefaultVocabulary } from '../../../../ingest/extract/lexicon-vocabulary.ts';
import { inferBroader } from '../../../../ingest/extract/mining/broader-terms.ts';
import { canonicalTermKey } from '../../../../ingest/resolve/term-keys.ts';

const vocabulary = loadDefaultVocabulary();
const applicationKey = (surface: string) => ({
  key: canonicalTermKey(surface, 'Application'),
  label: 'Application' as const,
});
const materialKey = (surface: string) => ({
  key: canonicalTermKey(surface, 'Material'),
  label: 'Material' as const,
});

describe('inferBroader', () => {
  it('takes the head noun phrase when it is a known term ("medical packaging" → "packaging")', () => {
    expect(inferBroader(applicationKey('cosmetic jar packaging'), vocabulary)).toEqual({
      id: 'application:packaging',
      via: 'head',
    });
  });

  it('prefers the longest known head ("sterile medical packaging" → "medical packaging")', () => {
    expect(inferBroader(applicationKey('sterile medical packaging'), vocabulary)?.id).toBe(
      'application:medical-packaging',
    );
    expect(inferBroader('flexible printed circuit boards for wearables', vocabulary)).toBeNull();
    expect(inferBroader('rigid printed circuit boards', vocabulary)?.id).toBe(
      'application:printed-circuit-board',
    );
  });

  it('drops a grade designation ("polyamide 610" → "polyamide", "PA66-GF30" → polyamide 66)', () => {
    expect(inferBroader(materialKey('polyamide 610'), vocabulary)).toEqual({
      id: 'material:polyamide',
      via: 'grade',
    });
    expect(inferBroader(materialKey('PA66-GF30'), vocabulary)).toEqual({ id: 'material:pa66', via: 'grade' });
  });

  it('infers nothing for a known term, an unrelated term, or across labels', () => {
    expect(inferBroader(applicationKey('medical packaging'), vocabulary)).toBeNull();
    expect(inferBroader(applicationKey('tennis racket strings'), vocabulary)).toBeNull();
    // "silica" is a material, so it is never broader than an application.
    expect(inferBroader(applicationKey('precipitated silica'), vocabulary)).toBeNull();
  });
});
