import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { extractArticleParagraphs } from '/work/main/ingest/parse/html-article-body.ts';
import { readHtmlMetadata } from '/work/main/ingest/parse/html-metadata.ts';
import { matchShingles, precisionOf, recallOf } from '/work/main/bench/news-scoring.ts';
const dir = '/work/shared/data/news-html-article-benchmark';
const truth = JSON.parse(readFileSync(`${dir}/ground-truth.json`, 'utf8'));
for (const f of readdirSync(`${dir}/html`).sort()) {
  const key = f.replace('.html.gz', '');
  const html = gunzipSync(readFileSync(`${dir}/html/${f}`)).toString('utf8');
  const md = readHtmlMetadata(load(html));
  if (!md.jsonLdBody) continue;
  const ours = extractArticleParagraphs(html, md).join('\n');
  const t = truth[key].articleBody;
  const a = matchShingles(t, ours), b = matchShingles(t, md.jsonLdBody);
  console.log(key.slice(0,8), 'read', precisionOf(a).toFixed(2), recallOf(a).toFixed(2), 'jsonld', precisionOf(b).toFixed(2), recallOf(b).toFixed(2), md.jsonLdBody.length, ours.length);
}
