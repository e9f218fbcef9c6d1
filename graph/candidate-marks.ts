/**
 * When a mined candidate `t` is open to promotion, and the marks promotion reads open candidates by
 * (`openSupport`, `statedUse`, both indexed). A closed candidate (promoted, known as a term, retired)
 * stays in the graph for its history, and a backfill closes tens of thousands: it carries no mark, so
 * promotion never reads it again.
 */

/** Whether candidate `t` may still be promoted: neither promoted, nor known as a term, nor retired. */
export const isOpenCandidate =
  'NOT coalesce(t.promoted, false) AND NOT coalesce(t.retired, false) AND t.knownAs IS NULL';

/** `isOpenCandidate` for a candidate's properties held in memory (the bulk path's graph). */
export function isOpenCandidateHeld(t: Record<string, unknown>): boolean {
  return t.promoted !== true && t.retired !== true && (t.knownAs === undefined || t.knownAs === null);
}

/** The marks promotion reads open candidates by. */
const markNames = ['openSupport', 'statedUse'] as const;

/**
 * Whether candidate `t` with these `cues` is an application stated as a use of the company's material,
 * which promotion accepts on one document.
 */
const isStatedUse = (cues: string) => `t.label = 'Application' AND 'stated-use' IN ${cues}`;

/** Sets the marks from `t`'s state: its support while open, `statedUse` while open and stated. */
export const promotionMarks = (cues: string, support: string) =>
  `t.openSupport = CASE WHEN ${isOpenCandidate} THEN ${support} ELSE null END,
    t.statedUse = CASE WHEN ${isOpenCandidate} AND ${isStatedUse(cues)} THEN true ELSE null END`;

/** Takes the marks off a candidate `t` that was just promoted, marked known or retired. */
export const closedToPromotion = `REMOVE ${markNames.map((name) => `t.${name}`).join(', ')}`;

/** `closedToPromotion` for a candidate's properties held in memory (the bulk path's graph). */
export function closeHeldCandidate(t: Record<string, unknown>): void {
  for (const name of markNames) delete t[name];
}
