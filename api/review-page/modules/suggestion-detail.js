import { api, describe, hasStatus } from './api-client.js';
import { renderCitations } from './citations-view.js';
import { renderDetailHeader, renderHistory, renderProvenance } from './detail-view.js';
import { byId } from './dom.js';
import { markSelectedRow, rowOf } from './list-view.js';
import { showAlert, showMessage } from './messages.js';
import { clearSelection, selectSuggestion, setDetail, state } from './page-state.js';
import { enableReview, resetReviewForm } from './review-actions.js';
import { writeHash } from './url-hash.js';

/** Opens suggestion `id` in the detail panel; a later open or close wins over this one. */
export async function openDetail(id, options) {
  if (state.detail?.id !== id) resetReviewForm();
  selectSuggestion(id);
  writeHash();
  markSelectedRow(id);
  showMessage('Loading the suggestion…');
  let detail;
  try {
    detail = await api(`/v1/suggestions/${encodeURIComponent(id)}`);
  } catch (error) {
    showMessage('');
    if (!hasStatus(error, 401)) showAlert(`Could not open the suggestion: ${describe(error)}`);
    return;
  }
  showMessage('');
  if (state.selectedId !== id) return;
  setDetail(detail);
  enableReview();
  renderDetailHeader(detail);
  renderHistory(detail.reviews);
  byId('detail').hidden = false;
  if (options.focus) byId('detail-heading').focus();
  await Promise.all([renderCitations(detail), renderProvenance(detail.id)]);
}

/** Closes the panel and returns focus to the row it was opened from (or the list heading). */
export function closeDetail() {
  const id = state.selectedId;
  clearSelection();
  byId('detail').hidden = true;
  writeHash();
  markSelectedRow('');
  (rowOf(id) ?? byId('suggestions-heading')).focus();
}
