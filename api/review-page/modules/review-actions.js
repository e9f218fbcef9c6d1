import { api, describe, hasStatus } from './api-client.js';
import { renderDetailHeader, renderHistory } from './detail-view.js';
import { byId } from './dom.js';
import { renderList } from './list-view.js';
import { applyReview, state } from './page-state.js';

function decisionButtons() {
  return [...document.querySelectorAll('#review-form button[data-decision]')];
}

function setButtonsDisabled(buttons, disabled) {
  for (const button of buttons) button.disabled = disabled;
}

function showReviewMessage(text, kind) {
  const message = byId('review-message');
  message.className = kind ? `review-message ${kind}` : 'review-message';
  message.textContent = text;
}

/**
 * Empties the comment and the message when another suggestion opens, and holds the decision buttons
 * until it has loaded: the panel still shows the previous suggestion meanwhile, and a click must not
 * review that one.
 */
export function resetReviewForm() {
  byId('review-comment').value = '';
  showReviewMessage('');
  setButtonsDisabled(decisionButtons(), true);
}

/** Lets the open suggestion be reviewed (once its detail has loaded). */
export function enableReview() {
  setButtonsDisabled(decisionButtons(), false);
}

function forbiddenMessage(error) {
  const role = /the key has '([a-z]+)'/.exec(error.message)?.[1];
  return role
    ? `Your key has the ${role} role; reviewing needs the reviewer role.`
    : 'Your key lacks the reviewer role; reviewing needs the reviewer role.';
}

function failureMessage(error) {
  if (hasStatus(error, 403)) return forbiddenMessage(error);
  if (hasStatus(error, 401)) return 'Please sign in again.';
  return `The review was not saved: ${describe(error)}`;
}

/** Records `decision` (accept, reject or defer) with the typed comment on the open suggestion. */
export async function submitReview(decision) {
  const detail = state.detail;
  // Only the suggestion whose detail is shown and selected (not one still loading in its place).
  if (!detail || detail.id !== state.selectedId) return;
  const buttons = decisionButtons();
  setButtonsDisabled(buttons, true);
  showReviewMessage('Saving the review…');
  try {
    const updated = await api(`/v1/suggestions/${encodeURIComponent(detail.id)}/reviews`, {
      method: 'POST',
      body: { decision, comment: byId('review-comment').value },
    });
    const merged = applyReview(detail, updated);
    renderList();
    renderDetailHeader(merged);
    renderHistory(updated.reviews);
    byId('review-comment').value = '';
    showReviewMessage(
      `Saved: ${updated.applicationName ?? updated.applicationId} is now ${updated.status}.`,
      'ok',
    );
  } catch (error) {
    showReviewMessage(failureMessage(error), 'error');
  } finally {
    // Another suggestion may have been opened meanwhile: its own load enables the buttons.
    setButtonsDisabled(buttons, state.detail?.id !== state.selectedId);
  }
}

/** Wires the decision buttons of the review form. */
export function bindReviewButtons() {
  for (const button of decisionButtons()) {
    button.addEventListener('click', () => void submitReview(button.dataset.decision));
  }
}
