// The matscout review page: plain browser JavaScript modules, no framework, no build step, no external
// requests. This file only wires the page's controls to the modules in ./modules/.
import { onUnauthorized, storedKey } from './modules/api-client.js';
import { exportCsv } from './modules/csv-export.js';
import { byId } from './modules/dom.js';
import { bindEscapeToClose, bindRowActivation } from './modules/keyboard.js';
import { renderList } from './modules/list-view.js';
import { bindReviewButtons } from './modules/review-actions.js';
import { signIn, signOut } from './modules/session.js';
import { closeDetail, openDetail } from './modules/suggestion-detail.js';
import { loadSuggestions, selectProduct } from './modules/suggestion-list.js';

// The browser test (and anyone at the console) reaches the CSV writer through the page's entry module.
export { toCsv } from './modules/csv-export.js';

function start() {
  onUnauthorized(() => signOut('Your key was not accepted or has been revoked (401). Please sign in again.'));
  byId('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = byId('api-key').value.trim();
    if (key) void signIn(key);
  });
  byId('sign-out').addEventListener('click', () => signOut('Signed out.'));
  byId('product').addEventListener('change', (event) => void selectProduct(event.target.value));
  byId('status-filter').addEventListener('change', () => void loadSuggestions());
  byId('min-score').addEventListener('input', () => renderList());
  byId('export-csv').addEventListener('click', exportCsv);
  bindRowActivation(byId('suggestions').tBodies[0], (id) => void openDetail(id, { focus: true }));
  byId('close-detail').addEventListener('click', closeDetail);
  bindEscapeToClose(byId('detail'), closeDetail);
  bindReviewButtons();
  const key = storedKey();
  if (key) void signIn(key);
  else byId('api-key').focus();
}

start();
