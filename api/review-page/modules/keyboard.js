/**
 * Rows open on click, Enter or Space; the arrow keys move between rows. One listener on the table body
 * serves every row, so re-rendering the rows needs no re-wiring.
 */
export function bindRowActivation(body, open) {
  const onActivate = (event) => {
    const row = event.target.closest('tr[data-id]');
    if (!row) return;
    if (event.type === 'keydown') {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
        next?.focus();
        return;
      }
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
    }
    open(row.dataset.id);
  };
  body.addEventListener('click', onActivate);
  body.addEventListener('keydown', onActivate);
}

/** Escape anywhere inside `panel` closes it. */
export function bindEscapeToClose(panel, close) {
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
}
