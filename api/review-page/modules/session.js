import { describe, forgetKey, hasStatus, storeKey } from './api-client.js';
import { byId } from './dom.js';
import { clearList } from './list-view.js';
import { showAlert, showMessage } from './messages.js';
import { resetSession, state } from './page-state.js';
import { openDetail } from './suggestion-detail.js';
import { loadProducts, selectProduct } from './suggestion-list.js';
import { readHash } from './url-hash.js';

/** Forgets the key and everything loaded with it, and shows the sign-in form with `reason`. */
export function signOut(reason) {
  forgetKey();
  byId('workspace').hidden = true;
  byId('session').hidden = true;
  byId('sign-in').hidden = false;
  resetSession();
  clearList();
  byId('detail').hidden = true;
  showMessage('');
  showAlert(reason ?? '');
  byId('api-key').value = '';
  byId('api-key').focus();
}

/** Stores the key, proves it by loading the products, then returns to the product and suggestion in the hash. */
export async function signIn(key) {
  storeKey(key);
  showAlert('');
  try {
    await loadProducts();
  } catch (error) {
    if (!hasStatus(error, 401)) showAlert(`Sign-in failed: ${describe(error)}`);
    return;
  }
  byId('sign-in').hidden = true;
  byId('workspace').hidden = false;
  byId('session').hidden = false;
  byId('session-label').textContent = `Signed in with key ${key.slice(0, 16)}…`;
  await restoreFromHash();
}

async function restoreFromHash() {
  const wanted = readHash();
  const product = state.products.find((candidate) => candidate.id === wanted.product) ?? state.products[0];
  if (!product) {
    showMessage('The catalog holds no products yet: import some with matscout products import.');
    return;
  }
  byId('product').value = product.id;
  await selectProduct(product.id);
  // Skip when the user has already picked another product or opened a suggestion meanwhile.
  if (state.productId !== product.id || state.selectedId) return;
  if (wanted.suggestion && state.suggestions.some((suggestion) => suggestion.id === wanted.suggestion)) {
    await openDetail(wanted.suggestion, { focus: false });
  }
}
