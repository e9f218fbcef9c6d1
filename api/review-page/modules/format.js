/** Three decimals; a score too small for them keeps two significant digits (not a row of 0.000 ties). */
export function formatScore(score) {
  if (typeof score !== 'number') return '';
  return score !== 0 && Math.abs(score) < 0.0005 ? score.toPrecision(2) : score.toFixed(3);
}

/** An ISO timestamp as `YYYY-MM-DD hh:mm:ss`. */
export function formatTimestamp(value) {
  return String(value).replace('T', ' ').slice(0, 19);
}
