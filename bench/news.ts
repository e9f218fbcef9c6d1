/**
 * News-extraction benchmark: our HTML article extraction on the 181 pages of the article-extraction
 * benchmark, scored with the benchmark's own method beside the published peer outputs.
 * Run: `npm run bench:news` (or `npx tsx bench/news.ts`). Writes bench/results/news-extraction.json.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { decodeWithCharset, extractArticleParagraphs, readHtmlMetadata } from '../ingest/index.ts';
import {
  type ExtractionScore,
  matchShingles,
  precisionOf,
  recallOf,
  scoreExtraction,
} from './news-scoring.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedRoot = process.env.MATSCOUT_SHARED_DIR ?? path.resolve(here, '../../shared');
const dataDir = path.join(sharedRoot, 'data', 'news-html-article-benchmark');
const resultPath = path.join(here, 'results', 'news-extraction.json');
const peers = ['readability_js', 'trafilatura', 'go_trafilatura'] as const;

type GroundTruth = Record<string, { url: string; articleBody: string }>;
type PeerOutput = { version?: string; output: Record<string, { articleBody?: string }> };

function urlKey(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host.replace(/^www\./, '')}${parsed.pathname.replace(/\/$/, '')}`.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

function charsetOf(bytes: Buffer): string | undefined {
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1];
}

function formatRow(name: string, score: ExtractionScore): string {
  const cells = [score.precision, score.recall, score.f1, score.accuracy].map((value) =>
    value.toFixed(3).padStart(9),
  );
  return `${name.padEnd(16)}${cells.join('')}`;
}

async function main(): Promise<void> {
  const truth = JSON.parse(await readFile(path.join(dataDir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  const files = (await readdir(path.join(dataDir, 'html')))
    .filter((file) => file.endsWith('.html.gz'))
    .sort();
  const pages: Array<{ key: string; truth: string; predicted: string }> = [];
  let withTitle = 0;
  let withDate = 0;
  let withByline = 0;
  let withCanonical = 0;
  let canonicalMatches = 0;
  const started = performance.now();
  for (const file of files) {
    const key = file.replace(/\.html\.gz$/, '');
    const entry = truth[key];
    if (!entry) continue;
    const bytes = gunzipSync(await readFile(path.join(dataDir, 'html', file)));
    const html = decodeWithCharset(bytes, charsetOf(bytes)).text;
    const metadata = readHtmlMetadata(load(html));
    const paragraphs = extractArticleParagraphs(html, metadata);
    pages.push({ key, truth: entry.articleBody, predicted: paragraphs.join('\n') });
    if (metadata.title) withTitle += 1;
    if (metadata.publishedAt) withDate += 1;
    if (metadata.byline) withByline += 1;
    if (metadata.canonicalUrl) {
      withCanonical += 1;
      if (urlKey(metadata.canonicalUrl) === urlKey(entry.url)) canonicalMatches += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const ours = scoreExtraction(pages);
  const peerScores: Record<string, ExtractionScore & { version?: string }> = {};
  for (const peer of peers) {
    const output = JSON.parse(
      await readFile(path.join(dataDir, 'peer-outputs', `${peer}.json`), 'utf8'),
    ) as PeerOutput;
    const score = scoreExtraction(
      Object.entries(truth).map(([key, entry]) => ({
        truth: entry.articleBody,
        predicted: output.output[key]?.articleBody ?? '',
      })),
    );
    peerScores[peer] = { ...score, version: output.version };
  }
  const worst = pages
    .map((page) => {
      const counts = matchShingles(page.truth, page.predicted);
      return { key: page.key, precision: precisionOf(counts), recall: recallOf(counts) };
    })
    .sort((a, b) => Math.min(a.precision, a.recall) - Math.min(b.precision, b.recall))
    .slice(0, 10);
  const metadata = {
    pages: pages.length,
    withTitle,
    withDate,
    withByline,
    withCanonicalUrl: withCanonical,
    canonicalUrlMatchesGroundTruth: canonicalMatches,
    canonicalUrlAccuracy: withCanonical > 0 ? canonicalMatches / withCanonical : 0,
  };
  const result = {
    ours,
    peers: peerScores,
    metadata,
    worstPages: worst,
    seconds,
    generatedAt: new Date().toISOString(),
  };
  await mkdir(path.dirname(resultPath), { recursive: true });
  await writeFile(resultPath, `${JSON.stringify(result, null, 2)}\n`);

  console.log(
    `${''.padEnd(16)}${['precision', 'recall', 'F1', 'accuracy'].map((h) => h.padStart(9)).join('')}`,
  );
  console.log(formatRow('matscout', ours));
  for (const peer of peers) console.log(formatRow(peer, peerScores[peer] as ExtractionScore));
  console.log(
    `title ${withTitle}/${pages.length}, date ${withDate}/${pages.length}, byline ${withByline}/${pages.length}, ` +
      `canonical URL ${withCanonical}/${pages.length} (matches ground-truth url: ${canonicalMatches})`,
  );
  console.log(
    `worst pages: ${worst.map((page) => `${page.key.slice(0, 8)} P${page.precision.toFixed(2)} R${page.recall.toFixed(2)}`).join(', ')}`,
  );
  console.log(`${seconds.toFixed(1)} s; written ${path.relative(process.cwd(), resultPath)}`);
}

await main();
