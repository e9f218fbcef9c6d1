import { mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../agent/discovery/metrics.ts';
import type { ScoringModel } from '../../../agent/discovery/scorer.ts';
import {
  engineVersion,
  evidenceFingerprint,
  FolderModelCache,
  type ScoringModelCache,
  SuggestionEngine,
} from '../../../agent/index.ts';
import type { EvidenceRows } from '../../../graph/index.ts';
import { syntheticRows } from '../discovery/synthetic-index.ts';

const folder = () => mkdtemp(path.join(tmpdir(), 'matscout-models-'));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A cache that counts what the engine asks of it. */
function counting(cache: ScoringModelCache) {
  const seen = { gets: 0, hits: 0, puts: 0 };
  const wrapped: ScoringModelCache = {
    get: async (fingerprint) => {
      seen.gets += 1;
      const model = await cache.get(fingerprint);
      if (model) seen.hits += 1;
      return model;
    },
    put: async (fingerprint, model) => {
      seen.puts += 1;
      await cache.put(fingerprint, model);
    },
  };
  return { wrapped, seen };
}

/** An engine over fixed evidence rows, ranking a bare material (read-only: nothing is saved). */
function engineOver(rows: EvidenceRows, modelCache?: ScoringModelCache) {
  return new SuggestionEngine({
    evidence: { readEvidence: async () => rows },
    suggestions: {
      reviewedApplications: async () => new Map(),
      saveSuggestions: async () => undefined,
    },
    ...(modelCache ? { modelCache } : {}),
  });
}

/** The synthetic corpus, its materials of one class, so analogues give the bare material candidates. */
function evidence(seed = 1): EvidenceRows {
  const rows = syntheticRows(seed);
  const materials = new Set(rows.coMentions.map((row) => row.materialId));
  return { ...rows, materialClasses: Object.fromEntries([...materials].map((id) => [id, 'polyolefin'])) };
}

const ranking = async (engine: SuggestionEngine) => {
  const computed = await engine.rankForMaterial({ id: 'material:m0', name: 'm0' }, { top: 10 });
  return {
    model: computed.model,
    suggestions: computed.suggestions.map((s) => [s.applicationId, s.score, s.rank, s.components]),
  };
};

describe('evidenceFingerprint', () => {
  it('is the same for the same evidence in any order, and changes with any row or the engine', () => {
    const rows = syntheticRows();
    const base = evidenceFingerprint(rows, engineVersion);
    const reordered = {
      ...rows,
      coMentions: shuffled(rows.coMentions, 3),
      mentions: shuffled(rows.mentions, 4),
    };
    expect(evidenceFingerprint(reordered, engineVersion)).toBe(base);
    const [first, ...rest] = rows.coMentions;
    const moved = { ...rows, coMentions: [{ ...first, publishedAt: '2001-01-01' }, ...rest] } as EvidenceRows;
    expect(evidenceFingerprint(moved, engineVersion)).not.toBe(base);
    expect(evidenceFingerprint({ ...rows, mentions: rows.mentions.slice(1) }, engineVersion)).not.toBe(base);
    expect(evidenceFingerprint(rows, `${engineVersion}-next`)).not.toBe(base);
  });
});

describe('FolderModelCache', () => {
  const model = (name: string): ScoringModel => ({
    version: 1,
    kind: 'logistic',
    name,
    features: ['appPopularity', 'adamicAdar'],
    means: [0.1, 0.2],
    stds: [1, 2],
    weights: [0.5, -0.25],
    bias: -3,
    l2: 1,
    directEvidenceRate: 0.5,
    trainedOn: { cutoff: '2018-12-31', internalCutoffs: ['2013-12-31'], positives: 12, negatives: 300 },
  });

  it('gives back what it kept, and nothing for a file that is cut or not a model', async () => {
    const directory = await folder();
    const cache = new FolderModelCache(directory);
    expect(await cache.get('f1')).toBeUndefined();
    await cache.put('f1', model('one'));
    expect(await cache.get('f1')).toEqual(model('one'));
    const [file] = await readdir(directory);
    const written = path.join(directory, file as string);
    await writeFile(written, JSON.stringify(model('one')).slice(0, 40));
    expect(await cache.get('f1')).toBeUndefined();
    await writeFile(written, JSON.stringify({ ...model('one'), weights: [1] }));
    expect(await cache.get('f1')).toBeUndefined();
    expect(await readdir(directory)).toEqual([file]);
  });

  it('keeps the newest models only', async () => {
    const directory = await folder();
    const cache = new FolderModelCache(directory, 2);
    for (const [index, name] of ['old', 'middle', 'new'].entries()) {
      await cache.put(name, model(name));
      // Distinct times, oldest first, whatever the file system's clock resolution.
      const at = new Date(Date.UTC(2026, 0, 1 + index));
      await utimes(path.join(directory, `scoring-model-${name}.json`), at, at);
    }
    await cache.put('newest', model('newest'));
    expect((await readdir(directory)).sort()).toEqual([
      'scoring-model-new.json',
      'scoring-model-newest.json',
    ]);
  });
});

describe('SuggestionEngine with a model cache', () => {
  it('fits once per evidence: a new engine on the same evidence reads the weights and ranks alike', async () => {
    const rows = evidence();
    const directory = await folder();
    const first = counting(new FolderModelCache(directory));
    const fitted = await ranking(engineOver(rows, first.wrapped));
    expect(first.seen).toEqual({ gets: 1, hits: 0, puts: 1 });
    // Fitted on internal time splits, not the prior used when there is too little evidence.
    expect(fitted.model.trainedOn.internalCutoffs.length).toBeGreaterThan(0);
    expect(fitted.suggestions.length).toBeGreaterThan(0);

    // A new process (a new engine): the same evidence, read in another order, finds the weights.
    const second = counting(new FolderModelCache(directory));
    const reordered = { ...rows, coMentions: shuffled(rows.coMentions, 9) };
    expect(await ranking(engineOver(reordered, second.wrapped))).toEqual(fitted);
    expect(second.seen).toEqual({ gets: 1, hits: 1, puts: 0 });
    // The same as fitting without any cache.
    expect(await ranking(engineOver(rows))).toEqual(fitted);

    // Other evidence fits its own weights.
    const third = counting(new FolderModelCache(directory));
    await ranking(engineOver(evidence(2), third.wrapped));
    expect(third.seen).toEqual({ gets: 1, hits: 0, puts: 1 });
    expect(await readdir(directory)).toHaveLength(2);
  });
});
