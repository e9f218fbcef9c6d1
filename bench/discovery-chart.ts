/** Renders a discovery back-test result as an SVG hits@k chart (ours vs baselines), no dependencies. */

export interface DiscoveryChartInput {
  task?: { cutoff?: string };
  metrics: Record<string, number>;
  baselines?: { baselines?: Record<string, Record<string, number | string>> } | null;
  hitsCurves?: Record<string, number[]>;
}

const COLOURS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#7f7f7f'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * hits@k for k = 1..20 as lines when `hitsCurves` is present (ours first), and the given baselines'
 * hits@1/5/10 as points joined by dashed lines.
 */
export function renderDiscoveryChart(
  result: DiscoveryChartInput,
  title = 'Discovery back-test: hits@k',
): string {
  const width = 720;
  const height = 440;
  const margin = { left: 60, right: 220, top: 40, bottom: 50 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const curves = result.hitsCurves ?? {};
  const maxK = Math.max(10, ...Object.values(curves).map((curve) => curve.length));
  const x = (k: number) => margin.left + ((k - 1) / (maxK - 1)) * plotWidth;
  const y = (value: number) => margin.top + (1 - Math.min(1, Math.max(0, value))) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${margin.left}" y="22" font-size="15" font-weight="bold">${escapeXml(
      result.task?.cutoff ? `${title} (cutoff ${result.task.cutoff})` : title,
    )}</text>`,
  ];
  for (let tick = 0; tick <= 10; tick += 2) {
    const value = tick / 10;
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`,
      `<text x="${margin.left - 8}" y="${y(value) + 4}" text-anchor="end">${value.toFixed(1)}</text>`,
    );
  }
  for (let k = 1; k <= maxK; k += 1) {
    if (k !== 1 && k % 5 !== 0) continue;
    parts.push(`<text x="${x(k)}" y="${margin.top + plotHeight + 18}" text-anchor="middle">${k}</text>`);
  }
  parts.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 10}" text-anchor="middle">k</text>`,
    `<text x="16" y="${margin.top + plotHeight / 2}" transform="rotate(-90 16 ${margin.top + plotHeight / 2})" text-anchor="middle">hits@k</text>`,
    `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#333"/>`,
  );
  const legend: { label: string; colour: string; dashed: boolean }[] = [];
  let colourIndex = 0;
  const nextColour = () => COLOURS[colourIndex++ % COLOURS.length] as string;

  const ours = curves.ours ?? [1, 5, 10].map((k) => result.metrics[`hits@${k}`] ?? 0);
  const oursKs = curves.ours ? ours.map((_, i) => i + 1) : [1, 5, 10];
  const oursColour = nextColour();
  parts.push(
    `<polyline fill="none" stroke="${oursColour}" stroke-width="2.5" points="${ours
      .map((value, i) => `${x(oursKs[i] as number).toFixed(1)},${y(value).toFixed(1)}`)
      .join(' ')}"/>`,
  );
  legend.push({ label: 'matscout', colour: oursColour, dashed: false });

  for (const [name, entry] of Object.entries(result.baselines?.baselines ?? {})) {
    const colour = nextColour();
    const points = [1, 5, 10].map((k) => ({ k, value: Number(entry[`hits@${k}`] ?? 0) }));
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="1.5" stroke-dasharray="5,4" points="${points
        .map((point) => `${x(point.k).toFixed(1)},${y(point.value).toFixed(1)}`)
        .join(' ')}"/>`,
      ...points.map(
        (point) =>
          `<circle cx="${x(point.k).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="3.5" fill="${colour}"/>`,
      ),
    );
    legend.push({ label: name, colour, dashed: true });
  }
  legend.forEach((item, i) => {
    const legendY = margin.top + 10 + i * 20;
    const legendX = margin.left + plotWidth + 16;
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 24}" y1="${legendY}" y2="${legendY}" stroke="${item.colour}" stroke-width="2"${
        item.dashed ? ' stroke-dasharray="5,4"' : ''
      }/>`,
      `<text x="${legendX + 30}" y="${legendY + 4}">${escapeXml(item.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Writes the chart of a result JSON to an SVG file. */
export async function writeDiscoveryChart(result: DiscoveryChartInput, path: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, renderDiscoveryChart(result), 'utf8');
}
