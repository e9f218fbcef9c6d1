import { api } from './api-client.js';
import { renderComponents, renderScoreGroups } from './chart-view.js';
import { byId, h } from './dom.js';
import { formatScore, formatTimestamp } from './format.js';
import { state } from './page-state.js';

export function renderDetailHeader(detail) {
  byId('detail-heading').textContent = detail.applicationName ?? detail.applicationId;
  byId('detail-summary').replaceChildren(
    h('span', { class: `badge status-${detail.status}`, text: detail.status }),
    ` Rank ${detail.rank || '–'} · score ${formatScore(detail.score)} · ${detail.citations.length} citation(s) `,
    detail.confidence
      ? h('span', {
          class: `badge confidence confidence-${detail.confidence}`,
          title: supportText(detail.support),
          text: `${detail.confidence} confidence`,
        })
      : '',
    detail.current === false ? ' · no longer proposed by the latest ranking' : '',
    detail.evidenceWithdrawn
      ? h('span', {
          class: 'badge evidence-withdrawn',
          text: `evidence withdrawn ${formatTimestamp(detail.evidenceWithdrawn.at)}`,
        })
      : '',
  );
  byId('detail-rationale').textContent = detail.rationale ?? '';
  byId('detail-support').textContent = detail.support
    ? `Confidence from ${supportText(detail.support)}.`
    : '';
  renderScoreGroups(detail);
  renderComponents(detail.components ?? {});
}

function supportText(support) {
  if (!support) return '';
  const roles = support.roles.length > 0 ? support.roles.join(', ') : 'none';
  return `${support.documents} document(s), ${support.kinds} kind(s), ${support.years} year(s); roles: ${roles}`;
}

export function renderHistory(reviews) {
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
        ` ${formatTimestamp(review.at)} by ${review.reviewer}`,
        review.comment ? h('div', { class: 'comment', text: review.comment }) : '',
      ),
    ),
  );
}

function provenancePairs(provenance) {
  const runs = provenance.ingestRuns.map(
    (run) => `${run.id} (${run.status}, ${String(run.startedAt).slice(0, 10)})`,
  );
  return [
    ['Engine', provenance.engineVersion],
    ['Model', provenance.model],
    ['Prompts', provenance.promptIds.join(', ') || 'none'],
    ['Computed', formatTimestamp(provenance.createdAt)],
    [
      'Quotes',
      provenance.allCitationsReproduce
        ? `all ${provenance.citations.length} reproduce the stored document text`
        : 'some quotes do not reproduce the stored text',
    ],
    ['Ingest runs', runs.join('; ') || 'none recorded'],
    ...withdrawnPairs(provenance),
  ];
}

/** Citations that retractions took away: how many, when and why (never what they quoted). */
function withdrawnPairs(provenance) {
  const withdrawn = provenance.withdrawnCitations ?? [];
  if (withdrawn.length === 0) return [];
  const byEvent = new Map();
  for (const citation of withdrawn) {
    const entry = byEvent.get(citation.auditEventId) ?? { citation, count: 0 };
    entry.count += 1;
    byEvent.set(citation.auditEventId, entry);
  }
  const lines = [...byEvent.entries()].map(
    ([auditEventId, { citation, count }]) =>
      `${count} citation(s) on ${formatTimestamp(citation.withdrawnAt)}${citation.reason ? ` (${citation.reason})` : ''}, audit ${auditEventId}`,
  );
  return [['Withdrawn', lines.join('; ')]];
}

/** Loads and lists where suggestion `id` came from, unless another detail opened meanwhile. */
export async function renderProvenance(id) {
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
  list.replaceChildren(
    ...provenancePairs(provenance).flatMap(([term, value]) => [
      h('dt', { text: term }),
      h('dd', { text: value }),
    ]),
  );
}
