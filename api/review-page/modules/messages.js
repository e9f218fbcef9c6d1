import { byId } from './dom.js';

/** The polite status line; an empty text hides it. */
export function showMessage(text) {
  const box = byId('message');
  box.textContent = text;
  box.hidden = !text;
}

/** The assertive alert line; an empty text hides it. */
export function showAlert(text) {
  const box = byId('alert');
  box.textContent = text;
  box.hidden = !text;
}
