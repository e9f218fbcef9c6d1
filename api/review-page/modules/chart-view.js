import { byId, h, svg } from './dom.js';

const rowHeight = 20;
const labelWidth = 170;
const barWidth = 220;

/** Score components as a small horizontal bar chart (inline SVG, no library). */
export function renderComponents(components) {
  const entries = Object.entries(components).filter(([, value]) => typeof value === 'number');
  const container = byId('components-chart');
  if (entries.length === 0) {
    container.replaceChildren(h('p', { class: 'hint', text: 'No score components recorded.' }));
    return;
  }
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
