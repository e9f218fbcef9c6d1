/**
 * Everything the page knows, in one object. Other modules read it; only the functions below change it.
 * `listRequest` counts list loads so that only the latest answer may fill the table.
 */
export const state = {
  products: [],
  productId: '',
  suggestions: [],
  /** Candidates the last ranking did not list, per reason (from the list answer). */
  heldBack: undefined,
  shown: [],
  selectedId: '',
  detail: undefined,
  listRequest: 0,
};

export function setProducts(products) {
  state.products = products;
}

export function chooseProduct(productId) {
  state.productId = productId;
  state.selectedId = '';
}

export function startListRequest() {
  state.listRequest += 1;
  return state.listRequest;
}

export function isLatestListRequest(request) {
  return request === state.listRequest;
}

export function setSuggestions(suggestions, heldBack) {
  state.suggestions = suggestions;
  state.heldBack = heldBack;
}

export function setShown(shown) {
  state.shown = shown;
}

export function selectSuggestion(id) {
  state.selectedId = id;
}

export function setDetail(detail) {
  state.detail = detail;
}

export function clearSelection() {
  state.selectedId = '';
  state.detail = undefined;
}

/** Merges a saved review into the detail it was made on and into the listed suggestion's status. */
export function applyReview(detail, updated) {
  state.detail = { ...detail, ...updated };
  const listed = state.suggestions.find((suggestion) => suggestion.id === updated.id);
  if (listed) listed.status = updated.status;
  return state.detail;
}

/** Forgets the signed-in user's data; bumping listRequest drops any list answer still on its way. */
export function resetSession() {
  state.suggestions = [];
  state.heldBack = undefined;
  state.shown = [];
  state.detail = undefined;
  state.selectedId = '';
  state.listRequest += 1;
}
