import { api, describe, hasStatus } from './api-client.js';
import { byId, h } from './dom.js';
import { statusFilter } from './filters.js';
import { renderList } from './list-view.js';
import { showAlert, showMessage } from './messages.js';
import {
  chooseProduct,
  isLatestListRequest,
  setProducts,
  setSuggestions,
  startListRequest,
  state,
} from './page-state.js';
import { writeHash } from './url-hash.js';

const listLimit = 100;

/** Fills the product picker; rejects (e.g. on 401) so that sign-in can tell whether the key works. */
export async function loadProducts() {
  const { products } = await api('/v1/products?limit=500');
  setProducts(products);
  byId('product').replaceChildren(
    ...products.map((product) => h('option', { value: product.id, text: product.name })),
  );
}

export async function selectProduct(productId) {
  chooseProduct(productId);
  byId('detail').hidden = true;
  writeHash();
  await loadSuggestions();
}

export async function loadSuggestions() {
  if (!state.productId) return;
  const query = new URLSearchParams({ limit: String(listLimit) });
  const status = statusFilter();
  if (status) query.set('status', status);
  // Only the latest request may fill the table (a slower earlier answer must not overwrite it).
  const request = startListRequest();
  showMessage('Loading suggestions…');
  let suggestions = [];
  let heldBack;
  try {
    ({ suggestions, heldBack } = await api(
      `/v1/products/${encodeURIComponent(state.productId)}/suggestions?${query}`,
    ));
  } catch (error) {
    if (isLatestListRequest(request) && !hasStatus(error, 401)) {
      showAlert(`Could not load suggestions: ${describe(error)}`);
    }
  }
  if (!isLatestListRequest(request)) return;
  setSuggestions(suggestions, heldBack);
  showMessage('');
  renderList();
}
