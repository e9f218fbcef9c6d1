import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createLexiconExtractor } from './ingest/extract/lexicon-extractor.ts';
import { loadDefaultVocabulary } from './ingest/extract/lexicon-vocabulary.ts';
import { buildInput } from './test/ingest/extract/extraction-input.ts';
const rl = createInterface({ input: createReadStream('/work/shared/data/pap2pat-patent-paper-pairs/pap2pat_metadata_abstract_claims.jsonl.gz').pipe(createGunzip()) });
let n = 0;
const ex = createLexiconExtractor({ vocabulary: loadDefaultVocabulary(), mining: true });
for await (const line of rl) {
  const r = JSON.parse(line);
  if (n++ === 0) console.log(Object.keys(r));
  if (n < 40 || n % 7) continue;
  const title = r.patent_title ?? r.title ?? ''; const abs = r.patent_abstract ?? r.abstract ?? ''; const claims = (r.claims ?? r.patent_claims ?? '').toString().slice(0, 1500);
  const input = buildInput('p:'+n, [['title', title], ['abstract', abs], ['claims', claims]]);
  const res = ex.extractSync(input);
  console.log('##', title);
  console.log('  cand:', res.candidates?.map(c => `${c.label[0]}:${c.surface}(${c.cue})${c.broaderId ? '→'+c.broaderId : ''}`).join('; '));
  if (n > 90) break;
}
