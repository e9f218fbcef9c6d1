import { byId, h, svg } from './dom.js';

const rowHeight = 20;
const labelWidth = 170;
const barWidth = 220;

/** Plain-words labels of the score groups (API field → label). */
export const groupLabels = {
  evidence: 'evidence',
  analogy: 'analogy',
  propertyFit: 'property fit',
  momentum: 'momentum',
  market: 'market',
};

/** The score groups as a bar chart, with the base rate they add to; a hint when none are recorded. */
export function renderScoreGroups(detail) {
  const container = byId('score-groups-chart');
  if (!detail.scoreGroups) {
    container.replaceChildren(
      h('p', { class: 'hint', text: 'No score groups recorded (computed before they existed).' }),
    );
    return;
  }
  const entries = Object.entries(groupLabels).map(([key, label]) => [label, detail.scoreGroups[key] ?? 0]);
  renderBars(container, [['base rate', detail.baseRate ?? 0], ...entries], 'Score groups', 3);
  container.append(
    h('p', {
      class: 'hint',
      text: `base rate + evidence + analogy + property fit + momentum + market = score ${Number(detail.score).toFixed(3)}`,
    }),
  );
}

/** Raw model features (their contributions to the log-odds), behind the details toggle. */
export function renderComponents(components) {
  const entries = Object.entries(components).filter(([, value]) => typeof value === 'number');
  const container = byId('components-chart');
  if (entries.length === 0) {
    container.replaceChildren(h('p', { class: 'hint', text: 'No score components recorded.' }));
    return;
  }
  renderBars(container, entries, 'Score components', 3);
}

/** A small horizontal bar chart (inline SVG, no library). */
function renderBars(container, entries, title, digits) {
  const width = labelWidth + barWidth + 70;
  const height = entries.length * rowHeight + 4;
  const largest = Math.max(...entries.map(([, value]) => Math.abs(value)), 1e-9);
  const hasNegative = entries.some(([, value]) => value < 0);
  const zero = labelWidth + (hasNegative ? barWidth / 2 : 0);
  const scale = (hasNegative ? barWidth / 2 : barWidth) / largest;
  const description = entries.map(([name, value]) => `${name} ${value.toFixed(digits)}`).join(', ');
  const chart = svg('svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `${title}: ${description}`,
    class: 'components',
  });
  chart.append(svg('title', {}, `${title}: ${description}`));
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
      svg('text', { x: labelWidth + barWidth + 6, y: y + 14, class: 'value' }, value.toFixed(digits)),
    );
  });
  chart.append(svg('line', { x1: zero, x2: zero, y1: 0, y2: height, class: 'axis' }));
  container.replaceChildren(chart);
}
