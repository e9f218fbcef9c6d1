export function formatScore(score) {
  return typeof score === 'number' ? score.toFixed(3) : '';
}

/** An ISO timestamp as `YYYY-MM-DD hh:mm:ss`. */
export function formatTimestamp(value) {
  return String(value).replace('T', ' ').slice(0, 19);
}
