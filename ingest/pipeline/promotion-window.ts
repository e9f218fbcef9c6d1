import type { GraphDocument, PendingCandidates } from '../../graph/index.ts';
import type { ParsedDocument } from '../parse/document-parser.ts';
import { entityId } from '../resolve/canonical-keys.ts';
import type { AnalysisOptions, DocumentAnalysis } from './document-analysis.ts';
import { candidateWrites } from './extraction-records.ts';
import { pendingCandidates, surfaceFinder } from './promotion-survey.ts';

/** A document analysed and not yet written. */
export interface HeldDocument {
  parsed: ParsedDocument;
  document: GraphDocument;
  analysis: DocumentAnalysis;
  /** A new version of a stored document (whose stored candidates it replaces). */
  replaces: boolean;
  /** How many promotions of the run had happened when its analysis started. */
  epoch: number;
}

export interface PromotionWindowSteps {
  /** Promotes what the graph and the pending candidates bring to the threshold; resolves with term ids. */
  promote: (pending: PendingCandidates) => Promise<readonly string[]>;
  analyze: (parsed: ParsedDocument, options?: AnalysisOptions) => Promise<DocumentAnalysis>;
  /** Called for each document analysed again. */
  onReanalysed?: () => void;
  /** Starts writing documents (in order, after those started before). */
  write: (documents: HeldDocument[]) => void;
  /** Resolves once every document started is written (promotion counts them from the graph). */
  drain: () => Promise<void>;
  /** Promote and analyse again at most this many times per window (default 3). */
  maxRounds?: number;
  /** True once the run is stopped: the window then promotes, analyses and writes nothing more. */
  stopped?: () => boolean;
}

/**
 * Promotion before writing. A run holds a window of analysed documents; before writing them it counts
 * their mined candidates with the graph's (as if they were stored), promotes those that reach the
 * threshold, starts writing the documents that name no new term, and analyses the others again. Each
 * document of the window is written once, already extracted with the terms it brought, instead of being
 * written and then re-extracted after the run. A promotion can make new candidates (a phrase around a
 * new term) in the documents analysed again: a few rounds at most, each over those documents only.
 */
export class PromotionWindow {
  /** Surfaces of each promotion of the run, in order: a document of epoch e missed those from e on. */
  private readonly promotions: string[][] = [];

  constructor(private readonly steps: PromotionWindowSteps) {}

  /** Promotions made so far in the run (the epoch of a document whose analysis starts now). */
  get epoch(): number {
    return this.promotions.length;
  }

  /** Promotes what the window brings to the threshold and writes the window. */
  async settle(held: HeldDocument[]): Promise<void> {
    const stopped = () => this.steps.stopped?.() === true;
    if (stopped()) return;
    // Documents analysed before an earlier window's promotion may name its terms.
    const first = this.partition(held);
    let documents = [...first.ready, ...(await this.reanalyse(first.stale))];
    const replacing = documents.filter((entry) => entry.replaces).map((entry) => entry.document.id);
    const rounds = Math.max(1, this.steps.maxRounds ?? 3);
    for (let round = 0; round < rounds && documents.length > 0 && !stopped(); round++) {
      const pending = pendingCandidates(
        documents.map((entry) => ({
          id: entry.document.id,
          candidates: candidateWrites(entry.analysis.extraction),
        })),
        replacing,
      );
      if (pending.candidates.length === 0) break;
      // Promotion counts from the graph what this window already wrote.
      await this.steps.drain();
      if (stopped()) return;
      const promoted = new Set(await this.steps.promote(pending));
      if (promoted.size === 0) break;
      this.promotions.push(
        pending.candidates
          .filter((candidate) => promoted.has(entityId(candidate.label, candidate.key)))
          .flatMap((candidate) => candidate.surfaces.map(({ surface }) => surface)),
      );
      const { stale, ready } = this.partition(documents);
      this.steps.write(ready);
      if (stopped()) return;
      documents = await this.reanalyse(stale);
    }
    if (!stopped()) this.steps.write(documents);
  }

  /** Splits held documents into those naming a term promoted since their analysis started, and the rest. */
  private partition(held: HeldDocument[]): { stale: HeldDocument[]; ready: HeldDocument[] } {
    const finders = new Map<number, (text: string) => boolean>();
    const stale: HeldDocument[] = [];
    const ready: HeldDocument[] = [];
    for (const entry of held) {
      let missed = false;
      if (entry.epoch < this.epoch) {
        let finder = finders.get(entry.epoch);
        if (!finder) {
          finder = surfaceFinder(this.promotions.slice(entry.epoch).flat());
          finders.set(entry.epoch, finder);
        }
        missed = finder(`${entry.parsed.title}\n${entry.parsed.text}`);
      }
      (missed ? stale : ready).push(entry);
    }
    return { stale, ready };
  }

  /** Analyses documents again; one whose analysis fails keeps the older one (a later re-extraction updates it). */
  private async reanalyse(stale: HeldDocument[]): Promise<HeldDocument[]> {
    const epoch = this.epoch;
    return Promise.all(
      stale.map(async (entry) => {
        try {
          const analysis = await this.steps.analyze(entry.parsed, { tags: 'reuse' });
          this.steps.onReanalysed?.();
          return { ...entry, analysis, epoch };
        } catch {
          return entry;
        }
      }),
    );
  }
}
