import { byId, h } from './dom.js';
import { applyFilters } from './filters.js';
import { formatScore } from './format.js';
import { setShown, state } from './page-state.js';

function tableBody() {
  return byId('suggestions').tBodies[0];
}

function renderRow(suggestion) {
  const evidence = suggestion.citations?.[0]?.quote ?? '';
  const name = suggestion.applicationName ?? suggestion.applicationId;
  return h(
    'tr',
    {
      tabindex: 0,
      'data-id': suggestion.id,
      'aria-selected': suggestion.id === state.selectedId ? 'true' : 'false',
      'aria-label': `Rank ${suggestion.rank || '–'}: ${name}, score ${formatScore(suggestion.score)}, ${suggestion.status}. Press Enter to open.`,
    },
    h('td', { class: 'num', text: suggestion.rank || '–' }),
    h('td', { class: 'application', text: name }),
    h('td', { class: 'num', text: formatScore(suggestion.score) }),
    h('td', {}, h('span', { class: `badge status status-${suggestion.status}`, text: suggestion.status })),
    h(
      'td',
      {},
      suggestion.confidence
        ? h('span', {
            class: `badge confidence confidence-${suggestion.confidence}`,
            text: suggestion.confidence,
          })
        : '–',
    ),
    h('td', { class: 'evidence', title: evidence, text: evidence }),
  );
}

/** Filters the loaded suggestions into `state.shown` and draws them with a one-line summary. */
export function renderList() {
  setShown(applyFilters(state.suggestions));
  tableBody().replaceChildren(...state.shown.map(renderRow));
  const product = state.products.find((candidate) => candidate.id === state.productId);
  byId('list-summary').textContent =
    state.suggestions.length === 0
      ? `No suggestions for ${product?.name ?? 'this product'} with these filters.`
      : `${state.shown.length} of ${state.suggestions.length} suggestions shown for ${product?.name ?? state.productId}.`;
  renderHeldBack(state.heldBack);
}

/** How many candidates the ranking did not list, and why. */
function renderHeldBack(heldBack) {
  const line = byId('held-back');
  if (!heldBack || heldBack.total === 0) {
    line.textContent = heldBack ? 'No candidates held back.' : '';
    return;
  }
  const reasons = heldBack.reasons.map(({ reason, count }) => h('li', { text: `${count} × ${reason}` }));
  line.replaceChildren(
    h('span', { text: `${heldBack.total} candidate(s) held back (not listed):` }),
    h('ul', {}, ...reasons),
  );
}

export function clearList() {
  tableBody().replaceChildren();
  byId('list-summary').textContent = '';
  byId('held-back').textContent = '';
}

/** Marks the row of `id` as selected and every other row as not; an empty id unmarks all. */
export function markSelectedRow(id) {
  for (const row of tableBody().rows)
    row.setAttribute('aria-selected', row.dataset.id === id ? 'true' : 'false');
}

export function rowOf(id) {
  return [...tableBody().rows].find((row) => row.dataset.id === id);
}
