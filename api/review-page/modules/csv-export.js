import { h } from './dom.js';
import { showMessage } from './messages.js';
import { state } from './page-state.js';

/** RFC 4180 quoting; text that a spreadsheet would run as a formula gets a leading apostrophe. */
function csvField(value, { text = true } = {}) {
  let field = value === undefined || value === null ? '' : String(value);
  if (text && /^[=+\-@\t\r]/.test(field)) field = `'${field}`;
  return /[",\r\n]/.test(field) || field !== field.trim() ? `"${field.replaceAll('"', '""')}"` : field;
}

const header = [
  'rank',
  'application',
  'application_id',
  'score',
  'status',
  'top_evidence',
  'document',
  'suggestion_id',
];

export function toCsv(suggestions) {
  const lines = [header.join(',')];
  for (const suggestion of suggestions) {
    const top = suggestion.citations?.[0];
    lines.push(
      [
        csvField(suggestion.rank || '', { text: false }),
        csvField(suggestion.applicationName ?? suggestion.applicationId),
        csvField(suggestion.applicationId),
        csvField(suggestion.score, { text: false }),
        csvField(suggestion.status),
        csvField(top?.quote ?? ''),
        csvField(top ? (top.number ?? top.title) : ''),
        csvField(suggestion.id),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Downloads the suggestions shown now (after the filters) as a CSV file named after the product. */
export function exportCsv() {
  if (state.shown.length === 0) {
    showMessage('Nothing to export: no suggestion is shown.');
    return;
  }
  const blob = new Blob([toCsv(state.shown)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const product = state.productId.replace(/^product:/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
  const link = h('a', { href: url, download: `matscout-suggestions-${product}.csv`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  showMessage(`Exported ${state.shown.length} suggestion(s) as CSV.`);
}
