/**
 * Builds a discovery task (task.json, truth.json, baselines.json) from annotated documents following
 * the task README's steps 3–5 and its baseline table, for any cutoff and horizon.
 */
import { createHash } from 'node:crypto';
import { computeMetrics } from '../../agent/index.ts';
import type { AnnotatedDocument } from './annotate-corpus.ts';
import type { TaskVocabulary } from './vocabulary-matcher.ts';

export interface TaskSplit {
  cutoff: string;
  horizonEnd: string;
}

export interface BuiltTruth {
  cutoff: string;
  horizonEnd: string;
  known: [string, string][];
  positives: { material: string; application: string; firstDate: string; documents: string[] }[];
}

export interface BuiltTask {
  queries: string[];
  truth: Omit<BuiltTruth, 'sharedRoot'>;
  documentsBeforeCutoff: number;
  documentsInHorizon: number;
  /** Documents dated on or before the cutoff that mention each application. */
  popularity: Map<string, number>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function buildTask(documents: readonly AnnotatedDocument[], split: TaskSplit): BuiltTask {
  const { cutoff, horizonEnd } = split;
  const known = new Set<string>();
  const mentionedByCutoff = new Set<string>();
  const popularity = new Map<string, number>();
  const later = new Map<string, { firstDate: string; documents: string[] }>();
  let documentsBeforeCutoff = 0;
  let documentsInHorizon = 0;
  for (const document of documents) {
    if (document.date <= cutoff) {
      documentsBeforeCutoff += 1;
      for (const pair of document.pairs) known.add(pair);
      for (const material of document.materials) mentionedByCutoff.add(material);
      for (const application of document.applications)
        popularity.set(application, (popularity.get(application) ?? 0) + 1);
    } else if (document.date <= horizonEnd) {
      documentsInHorizon += 1;
      for (const pair of document.pairs) {
        const entry = later.get(pair) ?? { firstDate: document.date, documents: [] };
        if (document.date < entry.firstDate) entry.firstDate = document.date;
        entry.documents.push(document.id);
        later.set(pair, entry);
      }
    }
  }
  const positives = [...later]
    .filter(([pair]) => !known.has(pair) && mentionedByCutoff.has(pair.split('|')[0] as string))
    .map(([pair, entry]) => {
      const [material, application] = pair.split('|') as [string, string];
      return { material, application, firstDate: entry.firstDate, documents: entry.documents };
    })
    .sort((a, b) => a.material.localeCompare(b.material) || a.application.localeCompare(b.application));
  const withPositives = new Set(positives.map((positive) => positive.material));
  const others = [...mentionedByCutoff]
    .filter((material) => !withPositives.has(material))
    .sort((a, b) => sha256(`${cutoff}:${a}`).localeCompare(sha256(`${cutoff}:${b}`)))
    .slice(0, withPositives.size);
  return {
    queries: [...withPositives, ...others].sort(),
    truth: {
      cutoff,
      horizonEnd,
      known: [...known].sort().map((pair) => pair.split('|') as [string, string]),
      positives,
    },
    documentsBeforeCutoff,
    documentsInHorizon,
    popularity,
  };
}

const BASELINE_DESCRIPTIONS = {
  random: 'constant score (every candidate tied)',
  popularity: 'pop(a): documents dated on or before the cutoff that mention a',
  preferentialAttachment: 'pop(a) * deg(m)',
  collaborativeFiltering: "|{m' != m : m' in N(a), N(m') and N(m) share an application}|",
  adamicAdar: "sum over m' in N(a), a' in N(m) and N(m') of 1 / ln deg(a')",
} as const;

/** The task README's five baselines on a built task, scored with the README's metrics. */
export function scoreBaselines(built: BuiltTask, vocabulary: TaskVocabulary) {
  const applicationsOf = new Map<string, Set<string>>();
  const materialsOf = new Map<string, Set<string>>();
  for (const [material, application] of built.truth.known) {
    if (!applicationsOf.has(material)) applicationsOf.set(material, new Set());
    applicationsOf.get(material)?.add(application);
    if (!materialsOf.has(application)) materialsOf.set(application, new Set());
    materialsOf.get(application)?.add(material);
  }
  const positives = new Set(built.truth.positives.map((p) => `${p.material}|${p.application}`));
  const names = Object.keys(BASELINE_DESCRIPTIONS) as (keyof typeof BASELINE_DESCRIPTIONS)[];
  const rankings = Object.fromEntries(
    names.map((name) => [name, [] as Parameters<typeof computeMetrics>[0][number][]]),
  );
  let candidates = 0;
  for (const material of built.queries) {
    const own = applicationsOf.get(material) ?? new Set<string>();
    const ids = vocabulary.applications.map((entry) => entry.id).filter((id) => !own.has(id));
    candidates += ids.length;
    const labels = ids.map((id) => positives.has(`${material}|${id}`));
    const scores: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    for (const application of ids) {
      const pop = built.popularity.get(application) ?? 0;
      let collaborative = 0;
      let adamicAdar = 0;
      for (const other of materialsOf.get(application) ?? []) {
        if (other === material) continue;
        let shared = false;
        for (const sharedApplication of applicationsOf.get(other) ?? []) {
          if (!own.has(sharedApplication)) continue;
          shared = true;
          adamicAdar += 1 / Math.log(materialsOf.get(sharedApplication)?.size ?? 1);
        }
        if (shared) collaborative += 1;
      }
      scores.random?.push(0);
      scores.popularity?.push(pop);
      scores.preferentialAttachment?.push(pop * own.size);
      scores.collaborativeFiltering?.push(collaborative);
      scores.adamicAdar?.push(adamicAdar);
    }
    for (const name of names) rankings[name]?.push({ query: material, scores: scores[name] ?? [], labels });
  }
  return {
    cutoff: built.truth.cutoff,
    queries: built.queries.length,
    queriesWithPositives: new Set(built.truth.positives.map((p) => p.material)).size,
    candidates,
    positives: built.truth.positives.length,
    tieHandling: 'expected value over a uniformly random order of equally scored candidates',
    baselines: Object.fromEntries(
      names.map((name) => [
        name,
        { description: BASELINE_DESCRIPTIONS[name], ...computeMetrics(rankings[name] ?? []) },
      ]),
    ),
  };
}
