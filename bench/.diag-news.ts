import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { extractArticleParagraphs } from '/work/main/ingest/parse/html-article-body.ts';
import { readHtmlMetadata } from '/work/main/ingest/parse/html-metadata.ts';
import { shingles, matchShingles, precisionOf, recallOf } from '/work/main/bench/news-scoring.ts';
const dir = '/work/shared/data/news-html-article-benchmark';
const truth = JSON.parse(readFileSync(`${dir}/ground-truth.json`, 'utf8'));
const only = process.argv[2];
for (const f of readdirSync(`${dir}/html`).sort()) {
  const key = f.replace('.html.gz', '');
  if (only && !key.startsWith(only)) continue;
  const html = gunzipSync(readFileSync(`${dir}/html/${f}`)).toString('utf8');
  const md = readHtmlMetadata(load(html));
  const paras = extractArticleParagraphs(html, md);
  const t = truth[key].articleBody;
  const c = matchShingles(t, paras.join('\n'));
  const p = precisionOf(c), r = recallOf(c);
  if (!only && Math.min(p, r) > 0.9) continue;
  console.log(`=== ${key.slice(0, 8)} P${p.toFixed(2)} R${r.toFixed(2)} ${truth[key].url} jsonld=${md.jsonLdBody?.length ?? 0}`);
  const ts = shingles(t);
  for (const para of paras) {
    const s = shingles(para); let hit = 0, tot = 0;
    for (const [k, v] of s) { tot += v; if (ts.has(k)) hit += v; }
    if (tot && hit / tot < 0.5) console.log('  FP:', para.slice(0, 140));
  }
  const ps = shingles(paras.join('\n'));
  const missing = t.split('\n').filter((line: string) => { const s = shingles(line); let miss = 0, tot = 0; for (const [k, v] of s) { tot += v; if (!ps.has(k)) miss += v; } return tot && miss / tot > 0.5; });
  for (const m of missing.slice(0, 5)) console.log('  FN:', m.slice(0, 140));
}
