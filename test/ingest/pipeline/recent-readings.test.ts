import { describe, expect, it } from 'vitest';
import { RecentReadings } from '../../../ingest/pipeline/recent-readings.ts';

describe('the readings a run remembers', () => {
  it('keeps the longer of two readings of a document', () => {
    const readings = new RecentReadings(10);
    expect(readings.seenLonger('doc:a', 100)).toBe(false);
    expect(readings.seenLonger('doc:a', 100)).toBe(true);
    expect(readings.seenLonger('doc:a', 80)).toBe(true);
    expect(readings.seenLonger('doc:a', 120)).toBe(false);
    expect(readings.seenLonger('doc:a', 110)).toBe(true);
  });

  it('forgets the documents read longest ago past its limit, and a document read again counts as read last', () => {
    const readings = new RecentReadings(3);
    for (const id of ['doc:1', 'doc:2', 'doc:3']) readings.seenLonger(id, 10);
    // doc:1 read again (longer): now the last read, so doc:2 is the oldest.
    expect(readings.seenLonger('doc:1', 20)).toBe(false);
    for (let n = 4; n < 1000; n++) {
      readings.seenLonger(`doc:${n}`, 10);
      expect(readings.size).toBeLessThanOrEqual(3);
    }
    expect(readings.size).toBe(3);
    // The last three are remembered; every earlier one is read as if for the first time.
    expect(readings.seenLonger('doc:999', 10)).toBe(true);
    expect(readings.seenLonger('doc:997', 10)).toBe(true);
    expect(readings.seenLonger('doc:2', 10)).toBe(false);
  });
});
