// The URL hash keeps the product and the open suggestion, so a reload returns to them.
import { state } from './page-state.js';

export function readHash() {
  const parameters = new URLSearchParams(location.hash.slice(1));
  return { product: parameters.get('product') ?? '', suggestion: parameters.get('suggestion') ?? '' };
}

export function writeHash() {
  const parameters = new URLSearchParams();
  if (state.productId) parameters.set('product', state.productId);
  if (state.selectedId) parameters.set('suggestion', state.selectedId);
  history.replaceState(null, '', `#${parameters.toString()}`);
}
