/**
 * Three decimals; a score too close to 0 or 1 for them keeps two significant digits of its distance from
 * that end (not a row of 0.000 or 1.000 ties). The CLI and the chat use the same rule (agent/suggest/score-format.ts).
 */
export function formatScore(score) {
  if (typeof score !== 'number') return '';
  if (score > 0 && score < 0.0005) return score.toPrecision(2);
  const fromOne = 1 - score;
  if (fromOne > 0 && fromOne < 0.0005)
    return score.toFixed(Math.min(15, 1 - Math.floor(Math.log10(fromOne))));
  return score.toFixed(3);
}

/** An ISO timestamp as `YYYY-MM-DD hh:mm:ss`. */
export function formatTimestamp(value) {
  return String(value).replace('T', ' ').slice(0, 19);
}
