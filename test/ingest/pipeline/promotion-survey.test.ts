import { describe, expect, it } from 'vitest';
import type { CandidateOccurrenceWrite } from '../../../graph/index.ts';
import { pendingCandidates, surfaceFinder } from '../../../ingest/pipeline/promotion-survey.ts';

const occurrence = (
  key: string,
  surface: string,
  cue = 'use',
  label: CandidateOccurrenceWrite['label'] = 'Material',
): CandidateOccurrenceWrite => ({
  label,
  key,
  surface,
  cue,
  chunkId: 'c',
  start: 0,
  end: surface.length,
  sentence: { start: 0, end: surface.length },
});

describe('pendingCandidates', () => {
  it('groups a window by candidate: distinct documents, surfaces with counts, cues', () => {
    const pending = pendingCandidates(
      [
        {
          id: 'a',
          candidates: [
            occurrence('kraft lignin', 'Kraft lignin'),
            occurrence('kraft lignin', 'kraft lignin'),
          ],
        },
        { id: 'b', candidates: [occurrence('kraft lignin', 'Kraft lignin', 'stated-use')] },
        { id: 'c', candidates: [occurrence('wood adhesive', 'wood adhesives', 'use', 'Application')] },
      ],
      ['b'],
    );
    expect(pending.replacing).toEqual(['b']);
    expect(pending.candidates).toEqual([
      {
        id: 'candidate:material:kraft lignin',
        label: 'Material',
        key: 'kraft lignin',
        documentIds: ['a', 'b'],
        surfaces: [
          { surface: 'Kraft lignin', count: 2 },
          { surface: 'kraft lignin', count: 1 },
        ],
        cues: ['use', 'stated-use'],
      },
      {
        id: 'candidate:application:wood adhesive',
        label: 'Application',
        key: 'wood adhesive',
        documentIds: ['c'],
        surfaces: [{ surface: 'wood adhesives', count: 1 }],
        cues: ['use'],
      },
    ]);
  });
});

describe('surfaceFinder', () => {
  const finds = surfaceFinder(['Kraft lignin', 'cyclo-olefin film', 'LiDAR']);

  it('finds whole-word surfaces whatever their case, spacing, hyphens or plural', () => {
    expect(finds('Made of KRAFT  LIGNIN.')).toBe(true);
    expect(finds('cyclo olefin films for optics')).toBe(true);
    expect(finds('a lidar cover')).toBe(true);
    expect(finds('(Kraft-lignin)')).toBe(true);
  });

  it('does not find a surface inside longer words or split across other words', () => {
    expect(finds('kraftlignin')).toBe(false);
    expect(finds('kraft paper and lignin')).toBe(false);
    expect(finds('lidars2')).toBe(false);
    expect(finds('')).toBe(false);
  });

  it('finds nothing with no surfaces', () => {
    expect(surfaceFinder([])('Kraft lignin')).toBe(false);
  });
});
