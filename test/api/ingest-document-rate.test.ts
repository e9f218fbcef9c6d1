import { describe, expect, it } from 'vitest';
import { documentRate } from '../../api/commands/ingest-command.ts';

describe('documentRate (the ingest progress)', () => {
  it('shows documents a second since the run started, whole from ten a second', () => {
    expect(documentRate(421, 10_700)).toBe('39/s');
    expect(documentRate(42_100, 980_000)).toBe('43/s');
    expect(documentRate(7, 2_000)).toBe('3.5/s');
    expect(documentRate(0, 60_000)).toBe('0.0/s');
  });

  it('shows no rate in the first second, where start-up dominates', () => {
    expect(documentRate(0, 0)).toBe('… /s');
    expect(documentRate(3, 999)).toBe('… /s');
  });
});
