// The matscout review page: plain browser JavaScript, no framework, no build step, no external requests.
// Data from the API is only ever inserted as text (textContent / attributes), never as HTML.

const keyStorageName = 'matscout.apiKey';
const listLimit = 100;

const state = {
  products: [],
  productId: '',
  suggestions: [],
  shown: [],
  selectedId: '',
  detail: undefined,
  listRequest: 0,
};

const byId = (id) => document.getElementById(id);

/** Builds an element: h('a', {href: '…', class: 'x'}, 'text', child). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

const svgNamespace = 'http://www.w3.org/2000/svg';
function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

// ---------- messages ----------

function showMessage(text) {
  const box = byId('message');
  box.textContent = text;
  box.hidden = !text;
}

function showAlert(text) {
  const box = byId('alert');
  box.textContent = text;
  box.hidden = !text;
}

// ---------- API ----------

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function apiKey() {
  return sessionStorage.getItem(keyStorageName) ?? '';
}

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${apiKey()}` };
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check that matscout serve is running.');
  }
  const payload = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = payload?.error ?? {};
    const failure = new ApiError(
      response.status,
      error.code ?? 'HTTP',
      error.message ?? `HTTP ${response.status}`,
    );
    if (response.status === 401)
      signOut('Your key was not accepted or has been revoked (401). Please sign in again.');
    throw failure;
  }
  return payload;
}

/** The reason to show for a failed call; 401 is handled by signing out. */
function describe(error) {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Please sign in again.';
    if (error.status === 429) return `Too many requests: ${error.message}`;
    return error.message;
  }
  return String(error?.message ?? error);
}

// ---------- session ----------

function signOut(reason) {
  sessionStorage.removeItem(keyStorageName);
  byId('workspace').hidden = true;
  byId('session').hidden = true;
  byId('sign-in').hidden = false;
  state.suggestions = [];
  state.shown = [];
  state.detail = undefined;
  state.selectedId = '';
  state.listRequest += 1;
  byId('suggestions').tBodies[0].replaceChildren();
  byId('list-summary').textContent = '';
  byId('detail').hidden = true;
  showMessage('');
  showAlert(reason ?? '');
  byId('api-key').value = '';
  byId('api-key').focus();
}

async function signIn(key) {
  sessionStorage.setItem(keyStorageName, key);
  showAlert('');
  try {
    await loadProducts();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) showAlert(`Sign-in failed: ${describe(error)}`);
    return;
  }
  byId('sign-in').hidden = true;
  byId('workspace').hidden = false;
  byId('session').hidden = false;
  byId('session-label').textContent = `Signed in with key ${key.slice(0, 16)}…`;
  await restoreFromHash();
}

// ---------- URL hash (so a reload keeps the product and the open suggestion) ----------

function readHash() {
  const parameters = new URLSearchParams(location.hash.slice(1));
  return { product: parameters.get('product') ?? '', suggestion: parameters.get('suggestion') ?? '' };
}

function writeHash() {
  const parameters = new URLSearchParams();
  if (state.productId) parameters.set('product', state.productId);
  if (state.selectedId) parameters.set('suggestion', state.selectedId);
  history.replaceState(null, '', `#${parameters.toString()}`);
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

// ---------- products and the ranked list ----------

async function loadProducts() {
  const { products } = await api('/v1/products?limit=500');
  state.products = products;
  const picker = byId('product');
  picker.replaceChildren(
    ...products.map((product) => h('option', { value: product.id, text: product.name })),
  );
}

async function selectProduct(productId) {
  state.productId = productId;
  state.selectedId = '';
  byId('detail').hidden = true;
  writeHash();
  await loadSuggestions();
}

async function loadSuggestions() {
  if (!state.productId) return;
  const status = byId('status-filter').value;
  const query = new URLSearchParams({ limit: String(listLimit) });
  if (status) query.set('status', status);
  // Only the latest request may fill the table (a slower earlier answer must not overwrite it).
  state.listRequest += 1;
  const request = state.listRequest;
  showMessage('Loading suggestions…');
  let suggestions = [];
  try {
    ({ suggestions } = await api(`/v1/products/${encodeURIComponent(state.productId)}/suggestions?${query}`));
  } catch (error) {
    if (request === state.listRequest && !(error instanceof ApiError && error.status === 401)) {
      showAlert(`Could not load suggestions: ${describe(error)}`);
    }
  }
  if (request !== state.listRequest) return;
  state.suggestions = suggestions;
  showMessage('');
  renderList();
}

function minimumScore() {
  const raw = byId('min-score').value.trim();
  const value = Number(raw);
  return raw === '' || Number.isNaN(value) ? undefined : value;
}

function formatScore(score) {
  return typeof score === 'number' ? score.toFixed(3) : '';
}

function renderList() {
  const minimum = minimumScore();
  state.shown = state.suggestions.filter(
    (suggestion) => minimum === undefined || suggestion.score >= minimum,
  );
  const rows = state.shown.map((suggestion) => {
    const evidence = suggestion.citations?.[0]?.quote ?? '';
    const row = h(
      'tr',
      {
        tabindex: 0,
        'data-id': suggestion.id,
        'aria-selected': suggestion.id === state.selectedId ? 'true' : 'false',
        'aria-label': `Rank ${suggestion.rank || '–'}: ${suggestion.applicationName ?? suggestion.applicationId}, score ${formatScore(suggestion.score)}, ${suggestion.status}. Press Enter to open.`,
      },
      h('td', { class: 'num', text: suggestion.rank || '–' }),
      h('td', { class: 'application', text: suggestion.applicationName ?? suggestion.applicationId }),
      h('td', { class: 'num', text: formatScore(suggestion.score) }),
      h('td', {}, h('span', { class: `badge status-${suggestion.status}`, text: suggestion.status })),
      h('td', { class: 'evidence', title: evidence, text: evidence }),
    );
    return row;
  });
  byId('suggestions').tBodies[0].replaceChildren(...rows);
  const product = state.products.find((candidate) => candidate.id === state.productId);
  byId('list-summary').textContent =
    state.suggestions.length === 0
      ? `No suggestions for ${product?.name ?? 'this product'} with these filters.`
      : `${state.shown.length} of ${state.suggestions.length} suggestions shown for ${product?.name ?? state.productId}.`;
}

function onRowActivate(event) {
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
  void openDetail(row.dataset.id, { focus: true });
}

// ---------- detail panel ----------

async function openDetail(id, options) {
  state.selectedId = id;
  writeHash();
  for (const row of byId('suggestions').tBodies[0].rows) {
    row.setAttribute('aria-selected', row.dataset.id === id ? 'true' : 'false');
  }
  showMessage('Loading the suggestion…');
  let detail;
  try {
    detail = await api(`/v1/suggestions/${encodeURIComponent(id)}`);
  } catch (error) {
    showMessage('');
    if (!(error instanceof ApiError && error.status === 401))
      showAlert(`Could not open the suggestion: ${describe(error)}`);
    return;
  }
  showMessage('');
  if (state.selectedId !== id) return;
  state.detail = detail;
  byId('review-comment').value = '';
  byId('review-message').textContent = '';
  byId('review-message').className = 'review-message';
  renderDetailHeader(detail);
  renderHistory(detail.reviews);
  byId('detail').hidden = false;
  if (options.focus) byId('detail-heading').focus();
  await Promise.all([renderCitations(detail), renderProvenance(detail.id)]);
}

function renderDetailHeader(detail) {
  byId('detail-heading').textContent = detail.applicationName ?? detail.applicationId;
  const summary = byId('detail-summary');
  summary.replaceChildren(
    h('span', { class: `badge status-${detail.status}`, text: detail.status }),
    ` Rank ${detail.rank || '–'} · score ${formatScore(detail.score)} · ${detail.citations.length} citation(s)`,
    detail.current === false ? ' · no longer proposed by the latest ranking' : '',
  );
  byId('detail-rationale').textContent = detail.rationale ?? '';
  renderComponents(detail.components ?? {});
}

/** Score components as a small horizontal bar chart (inline SVG, no library). */
function renderComponents(components) {
  const entries = Object.entries(components).filter(([, value]) => typeof value === 'number');
  const container = byId('components-chart');
  if (entries.length === 0) {
    container.replaceChildren(h('p', { class: 'hint', text: 'No score components recorded.' }));
    return;
  }
  const rowHeight = 20;
  const labelWidth = 170;
  const barWidth = 220;
  const width = labelWidth + barWidth + 70;
  const height = entries.length * rowHeight + 4;
  const largest = Math.max(...entries.map(([, value]) => Math.abs(value)), 1e-9);
  const hasNegative = entries.some(([, value]) => value < 0);
  const zero = labelWidth + (hasNegative ? barWidth / 2 : 0);
  const scale = (hasNegative ? barWidth / 2 : barWidth) / largest;
  const description = entries.map(([name, value]) => `${name} ${value.toFixed(3)}`).join(', ');
  const chart = svg('svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `Score components: ${description}`,
    class: 'components',
  });
  chart.append(svg('title', {}, `Score components: ${description}`));
  entries.forEach(([name, value], index) => {
    const y = index * rowHeight + 2;
    const length = Math.max(1, Math.abs(value) * scale);
    chart.append(
      svg('text', { x: labelWidth - 8, y: y + 14, 'text-anchor': 'end', class: 'label' }, name),
      svg('rect', {
        x: value < 0 ? zero - length : zero,
        y: y + 3,
        width: length,
        height: rowHeight - 6,
        class: value < 0 ? 'bar negative' : 'bar',
      }),
      svg('text', { x: labelWidth + barWidth + 6, y: y + 14, class: 'value' }, value.toFixed(3)),
    );
  });
  chart.append(svg('line', { x1: zero, x2: zero, y1: 0, y2: height, class: 'axis' }));
  container.replaceChildren(chart);
}

function safeUrl(url) {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The passage (chunk text) with the cited span marked; falls back to the quote alone. */
function passageWithMark(citation, chunk) {
  const passage = h('blockquote', { class: 'passage' });
  if (chunk && typeof chunk.text === 'string') {
    const from = citation.start - chunk.start;
    const to = citation.end - chunk.start;
    if (from >= 0 && to <= chunk.text.length && from <= to && chunk.text.slice(from, to) === citation.quote) {
      passage.append(chunk.text.slice(0, from), h('mark', { text: citation.quote }), chunk.text.slice(to));
      return passage;
    }
    const at = chunk.text.indexOf(citation.quote);
    if (at >= 0 && citation.quote) {
      passage.append(
        chunk.text.slice(0, at),
        h('mark', { text: citation.quote }),
        chunk.text.slice(at + citation.quote.length),
      );
      return passage;
    }
  }
  passage.append(h('mark', { text: citation.quote }));
  return passage;
}

async function renderCitations(detail) {
  const list = byId('citations');
  list.replaceChildren(h('li', { class: 'hint', text: 'Loading passages…' }));
  const chunks = await Promise.all(
    detail.citations.map((citation) =>
      api(`/v1/chunks/${encodeURIComponent(citation.chunkId)}`).catch((error) => ({ error })),
    ),
  );
  if (state.detail?.id !== detail.id) return;
  list.replaceChildren(
    ...detail.citations.map((citation, index) => {
      const chunk = chunks[index]?.error ? undefined : chunks[index];
      const document = chunk?.document ?? {};
      const kind = citation.kind ?? document.kind;
      const number = citation.number ?? document.number;
      const reference =
        kind === 'patent' ? (number ? `Patent ${number}` : 'Patent') : (document.source ?? kind ?? '');
      const date = String(citation.publishedAt ?? document.publishedAt ?? '').slice(0, 10);
      const url = safeUrl(citation.url ?? document.url ?? '');
      const where = [citation.section, citation.page ? `page ${citation.page}` : '']
        .filter(Boolean)
        .join(', ');
      return h(
        'li',
        { class: 'citation', id: `citation-${citation.n}` },
        h(
          'div',
          { class: 'citation-head' },
          h('span', { class: 'citation-n', text: `[${citation.n}]` }),
          h('strong', {
            class: 'citation-title',
            text: citation.title ?? document.title ?? citation.documentId,
          }),
        ),
        h(
          'div',
          { class: 'citation-meta' },
          reference,
          date ? ` · ${date}` : '',
          where ? ` · ${where}` : '',
          url ? ' · ' : '',
          url
            ? h('a', {
                href: url,
                target: '_blank',
                rel: 'noopener noreferrer',
                text: 'open source',
                'aria-label': `Open the source of citation ${citation.n} in a new tab`,
              })
            : '',
        ),
        passageWithMark(citation, chunk),
        chunks[index]?.error ? h('p', { class: 'hint', text: 'The full passage could not be loaded.' }) : '',
      );
    }),
  );
}

function renderHistory(reviews) {
  const list = byId('history');
  if (!reviews || reviews.length === 0) {
    list.replaceChildren(h('li', { class: 'hint', text: 'Not reviewed yet.' }));
    return;
  }
  list.replaceChildren(
    ...reviews.map((review) =>
      h(
        'li',
        {},
        h('span', { class: `badge decision-${review.decision}`, text: review.decision }),
        ` ${String(review.at).replace('T', ' ').slice(0, 19)} by ${review.reviewer}`,
        review.comment ? h('div', { class: 'comment', text: review.comment }) : '',
      ),
    ),
  );
}

async function renderProvenance(id) {
  const list = byId('provenance');
  list.replaceChildren();
  let provenance;
  try {
    provenance = await api(`/v1/suggestions/${encodeURIComponent(id)}/provenance`);
  } catch {
    list.replaceChildren(h('dd', { class: 'hint', text: 'Provenance could not be loaded.' }));
    return;
  }
  if (state.detail?.id !== id) return;
  const runs = provenance.ingestRuns.map(
    (run) => `${run.id} (${run.status}, ${String(run.startedAt).slice(0, 10)})`,
  );
  const pairs = [
    ['Engine', provenance.engineVersion],
    ['Model', provenance.model],
    ['Prompts', provenance.promptIds.join(', ') || 'none'],
    ['Computed', String(provenance.createdAt).replace('T', ' ').slice(0, 19)],
    [
      'Quotes',
      provenance.allCitationsReproduce
        ? `all ${provenance.citations.length} reproduce the stored document text`
        : 'some quotes do not reproduce the stored text',
    ],
    ['Ingest runs', runs.join('; ') || 'none recorded'],
  ];
  list.replaceChildren(
    ...pairs.flatMap(([term, value]) => [h('dt', { text: term }), h('dd', { text: value })]),
  );
}

function closeDetail() {
  const id = state.selectedId;
  state.selectedId = '';
  state.detail = undefined;
  byId('detail').hidden = true;
  writeHash();
  for (const row of byId('suggestions').tBodies[0].rows) row.setAttribute('aria-selected', 'false');
  const row = [...byId('suggestions').tBodies[0].rows].find((candidate) => candidate.dataset.id === id);
  (row ?? byId('suggestions-heading')).focus();
}

// ---------- reviews ----------

function forbiddenMessage(error) {
  const role = /the key has '([a-z]+)'/.exec(error.message)?.[1];
  return role
    ? `Your key has the ${role} role; reviewing needs the reviewer role.`
    : 'Your key lacks the reviewer role; reviewing needs the reviewer role.';
}

async function submitReview(decision) {
  const detail = state.detail;
  if (!detail) return;
  const message = byId('review-message');
  const buttons = [...document.querySelectorAll('#review-form button[data-decision]')];
  buttons.forEach((button) => {
    button.disabled = true;
  });
  message.className = 'review-message';
  message.textContent = 'Saving the review…';
  try {
    const updated = await api(`/v1/suggestions/${encodeURIComponent(detail.id)}/reviews`, {
      method: 'POST',
      body: { decision, comment: byId('review-comment').value },
    });
    state.detail = { ...detail, ...updated };
    const listed = state.suggestions.find((suggestion) => suggestion.id === updated.id);
    if (listed) listed.status = updated.status;
    renderList();
    renderDetailHeader(state.detail);
    renderHistory(updated.reviews);
    byId('review-comment').value = '';
    message.className = 'review-message ok';
    message.textContent = `Saved: ${updated.applicationName ?? updated.applicationId} is now ${updated.status}.`;
  } catch (error) {
    message.className = 'review-message error';
    if (error instanceof ApiError && error.status === 403) message.textContent = forbiddenMessage(error);
    else if (error instanceof ApiError && error.status === 401) message.textContent = 'Please sign in again.';
    else message.textContent = `The review was not saved: ${describe(error)}`;
  } finally {
    buttons.forEach((button) => {
      button.disabled = false;
    });
  }
}

// ---------- CSV export ----------

/** RFC 4180 quoting; text that a spreadsheet would run as a formula gets a leading apostrophe. */
function csvField(value, { text = true } = {}) {
  let field = value === undefined || value === null ? '' : String(value);
  if (text && /^[=+\-@\t\r]/.test(field)) field = `'${field}`;
  return /[",\r\n]/.test(field) || field !== field.trim() ? `"${field.replaceAll('"', '""')}"` : field;
}

export function toCsv(suggestions) {
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

function exportCsv() {
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

// ---------- wiring ----------

function start() {
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
  const body = byId('suggestions').tBodies[0];
  body.addEventListener('click', onRowActivate);
  body.addEventListener('keydown', onRowActivate);
  byId('close-detail').addEventListener('click', closeDetail);
  byId('detail').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeDetail();
  });
  for (const button of document.querySelectorAll('#review-form button[data-decision]')) {
    button.addEventListener('click', () => void submitReview(button.dataset.decision));
  }
  const key = apiKey();
  if (key) void signIn(key);
  else byId('api-key').focus();
}

start();
