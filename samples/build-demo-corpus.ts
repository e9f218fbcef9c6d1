/**
 * Rebuilds the demo corpus in samples/corpus/ from the public corpora in ../shared/data (or
 * MATSCOUT_SHARED_DIR): `npx tsx samples/build-demo-corpus.ts`.
 *
 * Only licence-clean sources are read: USPTO grants and applications (US public domain), Pap2Pat
 * application records (CC-BY-4.0) and the CC0 press releases. Every candidate document is parsed and
 * annotated with matscout's own parser and offline extractor, exactly as the demo will ingest it, and
 * kept when it names a material of the sample catalog, or names another polymer of the same lexicon
 * class as one (polyolefins, elastomers, …) at least twice in words: the evidence the demo's candidate
 * generators draw on (direct uses, and analogues of the same class). Documents over 100,000 characters
 * of text are left out to keep the tour quick. The bundle is then parsed again and must yield exactly the chosen
 * documents, and samples/corpus/README.md lists each one with where it came from and its licence.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadConfig } from '../api/config.ts';
import {
  bufferSource,
  chunkDocument,
  createOfflineExtractor,
  defaultParsers,
  detectParser,
  expandInputs,
  isGzip,
  loadDefaultLexicon,
  openFileSource,
  type ParsedDocument,
} from '../ingest/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(repoRoot, 'samples', 'corpus');

/** Additives are named in passing in almost any formulation, so their class makes no family. */
const classesWithoutFamily = new Set(['additive']);
/** A relative must be named this often, spelled out: acronyms alone (PAI-1, PPE, EPR) mislead. */
const minimumFamilyMentions = 1;
/** Longer documents (whole pharmaceutical or display patents) would double the tour's ingest time. */
const maximumTextLength = 100_000;

/** One candidate: a whole document as raw bytes, where it came from, and how it is bundled. */
interface Candidate {
  bundle: 'uspto-weekly' | 'uspto-file' | 'pap2pat' | 'press';
  origin: string;
  bytes: Buffer;
  /** For files copied one by one: the path inside samples/corpus. */
  target?: string;
}

interface Chosen extends Candidate {
  document: ParsedDocument;
  catalogMaterials: string[];
  familyMaterials: string[];
}

interface Sources {
  shared: string;
  weekly: string;
  formats: string;
  pap2pat: string;
  press: string;
}

function sourcesUnder(sharedDir: string): Sources {
  const data = path.join(sharedDir, 'data');
  return {
    shared: sharedDir,
    weekly: path.join(data, 'uspto-ipg-weekly-excerpts'),
    formats: path.join(data, 'uspto-xml-formats'),
    pap2pat: path.join(data, 'pap2pat-patent-paper-pairs', 'pap2pat_metadata_abstract_claims.jsonl.gz'),
    press: path.join(data, 'news-press-releases-materials', 'articles'),
  };
}

const gunzipIfNeeded = (bytes: Buffer) => (isGzip(bytes) ? gunzipSync(bytes) : bytes);

/** Splits a weekly file at each `<?xml` declaration (one grant or sequence listing per piece). */
function splitWeekly(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  const starts: number[] = [];
  for (let at = text.indexOf('<?xml '); at >= 0; at = text.indexOf('<?xml ', at + 1)) starts.push(at);
  return starts.map((start, i) => bytes.subarray(start, starts[i + 1] ?? bytes.length));
}

async function* candidates(sources: Sources): AsyncGenerator<Candidate> {
  for (const name of (await readdir(sources.weekly)).filter((file) => file.endsWith('.xml.gz')).sort()) {
    const pieces = splitWeekly(gunzipSync(await readFile(path.join(sources.weekly, name))));
    for (const [index, bytes] of pieces.entries()) {
      yield { bundle: 'uspto-weekly', origin: `uspto-ipg-weekly-excerpts/${name}#${index}`, bytes };
    }
  }
  for await (const item of expandInputs([sources.formats])) {
    if (item.kind !== 'file' || !/\.(xml|txt|greenbook)$/i.test(item.path)) continue;
    const relative = path.relative(sources.formats, item.path);
    yield {
      bundle: 'uspto-file',
      origin: `uspto-xml-formats/${relative}`,
      bytes: await readFile(item.path),
      target: path.join('uspto-full-text', `${path.basename(relative)}.gz`),
    };
  }
  const lines = gunzipSync(await readFile(sources.pap2pat))
    .toString('utf8')
    .split('\n');
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    yield {
      bundle: 'pap2pat',
      origin: `pap2pat-patent-paper-pairs/pap2pat_metadata_abstract_claims.jsonl.gz:${index + 1}`,
      bytes: Buffer.from(line, 'utf8'),
    };
  }
  for await (const item of expandInputs([sources.press])) {
    if (item.kind !== 'file') continue;
    const relative = path.relative(sources.press, item.path);
    yield {
      bundle: 'press',
      origin: `news-press-releases-materials/articles/${relative}`,
      bytes: await readFile(item.path),
      target: path.join('press-releases', relative),
    };
  }
}

/** Parses one candidate the way ingestion would; undefined when it is not exactly one document. */
async function parseCandidate(candidate: Candidate): Promise<ParsedDocument | undefined> {
  // The origin keeps the …/YYYY/MMDD/… path a press release may need for its date.
  const source = bufferSource(candidate.origin, gunzipIfNeeded(candidate.bytes));
  const parser = detectParser(source, defaultParsers);
  if (!parser) return undefined;
  const documents: ParsedDocument[] = [];
  for await (const outcome of parser.parse(source)) if (outcome.ok) documents.push(outcome.document);
  return documents.length === 1 ? documents[0] : undefined;
}

async function choose(sources: Sources, catalogMaterials: Set<string>): Promise<Chosen[]> {
  const extractor = createOfflineExtractor();
  const lexicon = loadDefaultLexicon();
  const familyClasses = new Set(
    [...catalogMaterials]
      .map((id) => lexicon.entry(id)?.class)
      .filter((name): name is string => name !== undefined && !classesWithoutFamily.has(name)),
  );
  const chosen = new Map<string, Chosen>();
  for await (const candidate of candidates(sources)) {
    const document = await parseCandidate(candidate);
    if (!document || chosen.has(document.id) || document.text.length > maximumTextLength) continue;
    const extraction = await extractor.extract({
      documentId: document.id,
      kind: document.kind,
      title: document.title,
      text: document.text,
      publishedAt: document.publishedAt,
      assignees: document.assignees ?? [],
      chunks: chunkDocument(document),
    });
    const own = new Set<string>();
    const relatives = new Map<string, number>();
    for (const mention of extraction.mentions) {
      if (catalogMaterials.has(mention.entityId)) own.add(mention.entityId);
      else if (
        familyClasses.has(lexicon.entry(mention.entityId)?.class ?? '') &&
        mention.surface !== mention.surface.toUpperCase()
      ) {
        relatives.set(mention.entityId, (relatives.get(mention.entityId) ?? 0) + 1);
      }
    }
    const family = [...relatives].filter(([, count]) => count >= minimumFamilyMentions).map(([id]) => id);
    if (own.size === 0 && family.length === 0) continue;
    chosen.set(document.id, {
      ...candidate,
      document,
      catalogMaterials: [...own].sort(),
      familyMaterials: family.sort(),
    });
  }
  return [...chosen.values()];
}

async function writeBundle(chosen: Chosen[]): Promise<void> {
  await rm(corpusDir, { recursive: true, force: true });
  await mkdir(corpusDir, { recursive: true });
  const weekly = chosen.filter((entry) => entry.bundle === 'uspto-weekly');
  // One concatenated file, exactly like a USPTO weekly ipg file (the parser splits it at `<?xml`).
  await writeFile(
    path.join(corpusDir, 'uspto-grants-2005-2013.xml.gz'),
    gzipSync(Buffer.concat(weekly.map((entry) => entry.bytes)), { level: 9 }),
  );
  const records = chosen.filter((entry) => entry.bundle === 'pap2pat');
  await writeFile(
    path.join(corpusDir, 'pap2pat-applications.jsonl.gz'),
    gzipSync(Buffer.from(`${records.map((entry) => entry.bytes.toString('utf8')).join('\n')}\n`), {
      level: 9,
    }),
  );
  for (const entry of chosen) {
    if (!entry.target) continue;
    const target = path.join(corpusDir, entry.target);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(
      target,
      entry.bundle === 'uspto-file' ? gzipSync(entry.bytes, { level: 9 }) : entry.bytes,
    );
  }
}

/** Parses the written bundle back and fails unless it yields exactly the chosen document ids. */
async function verifyBundle(chosen: Chosen[]): Promise<void> {
  const found = new Set<string>();
  for await (const item of expandInputs([corpusDir])) {
    if (item.kind !== 'file') continue;
    const source = await openFileSource(item.path);
    const parser = detectParser(source, defaultParsers);
    if (!parser) throw new Error(`${item.path}: no parser detects the bundled file`);
    for await (const outcome of parser.parse(source)) {
      if (!outcome.ok) throw new Error(`${outcome.item}: ${outcome.reason}`);
      found.add(outcome.document.id);
    }
  }
  const expected = new Set(chosen.map((entry) => entry.document.id));
  const missing = [...expected].filter((id) => !found.has(id));
  const extra = [...found].filter((id) => !expected.has(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`bundle mismatch: missing ${missing.join(', ')}; extra ${extra.join(', ')}`);
  }
}

const bundleFile: Record<Candidate['bundle'], string> = {
  'uspto-weekly': 'uspto-grants-2005-2013.xml.gz',
  'uspto-file': 'uspto-full-text/',
  pap2pat: 'pap2pat-applications.jsonl.gz',
  press: 'press-releases/',
};

/** Where each source folder was copied from (the shared folder's own README gives the same). */
const provenance = [
  '| bundled as | source | licence |',
  '|---|---|---|',
  '| `uspto-grants-2005-2013.xml.gz` | USPTO weekly grant files (ipgYYMMDD.xml) as excerpted in funginstitute/patentprocessor @ 416a40ce348904af2463bc97144cd4d89dc2ca6d, `test/fixtures/ipgxml/*.small.xml`, `test/fixtures/xml/ipg120327.196.xml` | the patents: US public domain (USPTO bulk data); the excerpting repository: BSD-2-Clause |',
  '| `uspto-full-text/*.gz` | USPTO full-text samples from DS4SD/docling @ 7df157204b7027090b66104f6e987f08fa77c431 (`tests/data/uspto/`), max-planck-innovation-competition/go-uspto @ e6bcdf888997a4dfd1c336dcb399db3ac58503cb (`pkg/uspto/test-data/`), USPTO/PatentPublicData @ 82d6220d054246265fb14892f45320600288949a (`PatentDocument/resources/samples/`) | the patents: US public domain; repositories MIT / Apache-2.0 / CC0 |',
  '| `pap2pat-applications.jsonl.gz` | Pap2Pat, Robert Bosch GmbH: boschresearch/Pap2Pat @ 3bc8bd9838084ff3793eb36a2d100937fa29673d, `Pap2Pat/data/<pair>/patent.json` (title, date, inventors, abstract, claims; one record per line as prepared in shared/data) | CC-BY-4.0, attribution "Pap2Pat, Robert Bosch GmbH" (records are unchanged apart from selection) |',
  '| `press-releases/<wire>/<YYYY>/<MMDD>/*.md` | Newsworthyai/press-release-archive @ 9b2f3f325098dd60c940f8bffb80e66bb83b152a (releases distributed via NewsRamp), copied verbatim | CC0-1.0 |',
];

function readmeText(chosen: Chosen[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const short = (ids: string[]) => ids.map((id) => id.replace('material:', '')).join(', ');
  const rows = [...chosen]
    .sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0))
    .map(
      (entry) =>
        `| ${entry.document.id} | ${entry.document.publishedAt?.slice(0, 10) ?? 'undated'} | ${cell(entry.document.title).slice(0, 90)} | ${bundleFile[entry.bundle]} | ${entry.origin} | ${short(entry.catalogMaterials) || '—'} | ${short(entry.familyMaterials) || '—'} |`,
    );
  const count = (bundle: Candidate['bundle']) => chosen.filter((entry) => entry.bundle === bundle).length;
  return [
    "# Demo corpus: real patents and press releases about the sample catalog's materials",
    '',
    `${chosen.length} real documents that \`npm run demo\` ingests: ${count('uspto-weekly') + count('uspto-file')} USPTO grants and applications,`,
    `${count('pap2pat')} Pap2Pat US patent applications and ${count('press')} press releases. Nothing here was written for the demo.`,
    '',
    'Chosen and written by `npx tsx samples/build-demo-corpus.ts` (reads `../shared/data`, or',
    '`$MATSCOUT_SHARED_DIR/data`): every USPTO document, Pap2Pat record and press release there is parsed',
    "and annotated with matscout's own parsers and offline extractor, and kept when it names a material of",
    '`samples/catalog.json` ("catalog" below), or names another material of the same lexicon class as one',
    '(polyolefins, elastomers, engineering plastics, …; additives excepted) at least twice, spelled out',
    '("family"), and has at most 100,000 characters of text (longer patents would double the tour\'s',
    'ingest time). The script then parses the bundle again and checks that it yields exactly these',
    'documents. Files are gzip-compressed where that helps; matscout detects gzip by content.',
    '',
    '## Sources and licences',
    '',
    ...provenance,
    '',
    'The publisher-copyright news pages, the Reuters stories and the Matscholar corpus that also live in',
    'shared/data are never bundled.',
    '',
    '## Every document',
    '',
    '| document | date | title | bundled in | taken from (under shared/data/) | catalog | family |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const sources = sourcesUnder(loadConfig().sharedDir);
  const catalog = JSON.parse(await readFile(path.join(repoRoot, 'samples', 'catalog.json'), 'utf8')) as {
    products: Array<{ materialId: string; materialIds?: string[] }>;
  };
  const catalogMaterials = new Set(
    catalog.products.flatMap((product) => [product.materialId, ...(product.materialIds ?? [])]),
  );
  const chosen = await choose(sources, catalogMaterials);
  await writeBundle(chosen);
  await writeFile(path.join(corpusDir, 'README.md'), readmeText(chosen));
  await verifyBundle(chosen);
  const byBundle = new Map<string, number>();
  for (const entry of chosen) byBundle.set(entry.bundle, (byBundle.get(entry.bundle) ?? 0) + 1);
  console.log(
    `${chosen.length} documents from ${sources.shared}: ${[...byBundle].map(([name, count]) => `${name} ${count}`).join(', ')}`,
  );
}

await main();
