import { byId } from './dom.js';

/** The status the server should filter by; empty means every current suggestion. */
export function statusFilter() {
  return byId('status-filter').value;
}

function minimumScore() {
  const raw = byId('min-score').value.trim();
  const value = Number(raw);
  return raw === '' || Number.isNaN(value) ? undefined : value;
}

/** The suggestions that pass the filters applied in the page (the minimum score). */
export function applyFilters(suggestions) {
  const minimum = minimumScore();
  return suggestions.filter((suggestion) => minimum === undefined || suggestion.score >= minimum);
}
