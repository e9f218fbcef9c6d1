import { api } from './api-client.js';
import { byId, h } from './dom.js';
import { state } from './page-state.js';

/** Only http(s) links are shown, so a stored `javascript:` URL can never run. */
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

/** What each citation role supports (shown as the role badge's tooltip). */
const roleMeaning = {
  direct: 'names the material or product together with the application',
  analogue: 'names the stated analogue material together with the application',
  property: 'states a property the application requires or the material has',
  market: 'shows activity around the application',
};

function renderCitation(citation, loaded) {
  const chunk = loaded?.error ? undefined : loaded;
  const document = chunk?.document ?? {};
  const kind = citation.kind ?? document.kind;
  const number = citation.number ?? document.number;
  const reference =
    kind === 'patent' ? (number ? `Patent ${number}` : 'Patent') : (document.source ?? kind ?? '');
  const date = String(citation.publishedAt ?? document.publishedAt ?? '').slice(0, 10);
  const url = safeUrl(citation.url ?? document.url ?? '');
  const where = [citation.section, citation.page ? `page ${citation.page}` : ''].filter(Boolean).join(', ');
  return h(
    'li',
    { class: 'citation', id: `citation-${citation.n}` },
    h(
      'div',
      { class: 'citation-head' },
      h('span', { class: 'citation-n', text: `[${citation.n}]` }),
      citation.role
        ? h('span', {
            class: `badge role role-${citation.role}`,
            title: roleMeaning[citation.role] ?? '',
            text: citation.role,
          })
        : '',
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
    loaded?.error ? h('p', { class: 'hint', text: 'The full passage could not be loaded.' }) : '',
  );
}

/** Loads each cited passage and shows it with the quote highlighted, unless another detail opened meanwhile. */
export async function renderCitations(detail) {
  const list = byId('citations');
  list.replaceChildren(h('li', { class: 'hint', text: 'Loading passages…' }));
  const chunks = await Promise.all(
    detail.citations.map((citation) =>
      api(`/v1/chunks/${encodeURIComponent(citation.chunkId)}`).catch((error) => ({ error })),
    ),
  );
  if (state.detail?.id !== detail.id) return;
  list.replaceChildren(...detail.citations.map((citation, index) => renderCitation(citation, chunks[index])));
}
