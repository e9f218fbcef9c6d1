import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceRows } from '../../graph/index.ts';
import { FEATURE_NAMES } from '../discovery/features.ts';
import { assertScoringModel, type ScoringModel } from '../discovery/scorer.ts';
import { MODEL_VARIANTS } from '../discovery/train-weights.ts';

/**
 * Weights fitted on an evidence graph, kept for the next process that reads the same graph. Fitting
 * them is most of a suggestion's time (12 s of 13 for a bare material on a graph of 650 documents, and
 * it grows with materials × applications), and every CLI command is a new process: without a cache
 * each `suggest` fitted them again on an unchanged graph. Fitting is deterministic, so a model found
 * here is the one fitting would give.
 */
export interface ScoringModelCache {
  get(fingerprint: string): Promise<ScoringModel | undefined>;
  put(fingerprint: string, model: ScoringModel): Promise<void>;
}

/** Raise when fitting changes in a way the variants and feature names do not show. */
const cacheFormat = 2;

const canonical = (rows: readonly unknown[] | undefined): string[] =>
  (rows ?? []).map((row) => JSON.stringify(row)).sort();

/**
 * What the fitted weights depend on: the evidence (its rows in a canonical order, since the graph
 * returns them in no fixed one), the engine and the training set-up.
 */
export function evidenceFingerprint(rows: EvidenceRows, engineVersion: string): string {
  const hash = createHash('sha256');
  const part = (value: unknown) => hash.update(JSON.stringify(value)).update('\n');
  part({ cacheFormat, engineVersion, variants: MODEL_VARIANTS, features: FEATURE_NAMES });
  const sections = {
    coMentions: rows.coMentions,
    mentions: rows.mentions,
    propertyFacts: rows.propertyFacts,
    broader: rows.broader,
  };
  for (const [name, section] of Object.entries(sections)) {
    part(name);
    for (const line of canonical(section)) hash.update(line).update('\n');
  }
  part(Object.entries(rows.materialClasses ?? {}).sort());
  part(Object.entries(rows.materialNames ?? {}).sort());
  return hash.digest('hex').slice(0, 32);
}

/**
 * Models as JSON files in a folder (`MATSCOUT_DATA_DIR/models`), one per evidence fingerprint; the
 * `keep` newest stay. A file that cannot be read or is not a model counts as absent: the weights are
 * fitted again and the file replaced. Writes go to a temporary name first, so a reader never sees half
 * a file.
 */
export class FolderModelCache implements ScoringModelCache {
  constructor(
    private readonly directory: string,
    private readonly keep = 8,
  ) {}

  private file(fingerprint: string): string {
    return path.join(this.directory, `scoring-model-${fingerprint}.json`);
  }

  async get(fingerprint: string): Promise<ScoringModel | undefined> {
    try {
      const model: unknown = JSON.parse(await readFile(this.file(fingerprint), 'utf8'));
      assertScoringModel(model);
      return model;
    } catch {
      return undefined;
    }
  }

  async put(fingerprint: string, model: ScoringModel): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const target = this.file(fingerprint);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(model));
    await rename(temporary, target);
    await this.prune();
  }

  /** Keeps the newest `keep` models: older graphs' weights are of no more use. */
  private async prune(): Promise<void> {
    const names = (await readdir(this.directory)).filter(
      (name) => name.startsWith('scoring-model-') && name.endsWith('.json'),
    );
    if (names.length <= this.keep) return;
    const dated = await Promise.all(
      names.map(async (name) => {
        const file = path.join(this.directory, name);
        return { file, at: (await stat(file).catch(() => undefined))?.mtimeMs ?? 0 };
      }),
    );
    dated.sort((a, b) => b.at - a.at);
    await Promise.all(dated.slice(this.keep).map(({ file }) => rm(file, { force: true })));
  }
}
