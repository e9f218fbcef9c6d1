import { findChemistrySpans } from './ingest/extract/mining/chemistry-spans.ts';
import { mineTerms } from './ingest/extract/mining/term-miner.ts';
import { loadDefaultLexicon, matchMentions } from './ingest/extract/lexicon-matcher.ts';
const v = loadDefaultLexicon();
for (const s of ['where m = Mn , Cr , Al , Ga , or In .', 'reaction of Al – Ti – C system for fabricating CTi / Al composites']) {
  console.log(findChemistrySpans(s).map(h=>`${h.surface}/${h.kind}`));
  console.log(matchMentions(v, s).map(m=>`${m.surface}=${m.entityId}`));
  console.log(mineTerms(s, {vocabulary: v}).map(m=>`${m.surface}/${m.label}/${m.cue}`));
}
