import {
  type EntityLabel,
  type IngestRun,
  type TermDefinition,
  toEntityId,
  type VocabularyChangeResult,
  type VocabularyEntry,
  type VocabularyStore,
} from '../graph/index.ts';
import { entityIdPrefix } from '../ingest/index.ts';

/** Labels as engineers write them. */
export const termLabelNames = ['material', 'application', 'property', 'organization'] as const;
export type TermLabelName = (typeof termLabelNames)[number];

const labels: Record<TermLabelName, EntityLabel> = {
  material: 'Material',
  application: 'Application',
  property: 'Property',
  organization: 'Organization',
};

/** A term as an engineer adds it (CLI flags or the POST body). */
export interface TermInput {
  label: TermLabelName;
  name: string;
  aliases?: string[];
  acronyms?: string[];
  formula?: string;
  class?: string;
  domain?: string;
  unit?: string;
  /** Broader terms of the same label, by id or name. */
  broader?: string[];
}

/** The term an input describes: id from its name (`material:silica-aerogel`), origin `user`. */
export function userTerm(input: TermInput): TermDefinition {
  const label = labels[input.label];
  const prefix = entityIdPrefix(label);
  const id = toEntityId(prefix, input.name);
  return {
    id,
    label,
    name: input.name.trim(),
    aliases: (input.aliases ?? []).map((alias) => alias.trim()).filter(Boolean),
    acronyms: (input.acronyms ?? []).map((acronym) => acronym.trim()).filter(Boolean),
    origin: 'user',
    ...(input.broader?.length ? { broader: input.broader.map((ref) => toEntityId(prefix, ref)) } : {}),
    ...(input.formula ? { formula: input.formula } : {}),
    ...(input.class ? { class: input.class } : {}),
    ...(input.domain ? { domain: input.domain } : {}),
    ...(input.unit ? { unit: input.unit } : {}),
  };
}

/** How the caller re-extracts after a change: now (CLI) or as a queued run (API). */
export type TriggerReextraction = (request: {
  actor: string;
  reason: string;
}) => Promise<{ runId: string; run?: IngestRun }>;

/** A change, the version it made and the re-extraction it started (none when nothing changed). */
export interface VocabularyChangeOutcome {
  term: VocabularyEntry;
  version: number;
  reextraction?: { runId: string; run?: IngestRun };
}

export interface VocabularyService {
  add(input: TermInput, actor: string): Promise<VocabularyChangeOutcome>;
  alias(
    id: string,
    names: { aliases?: string[]; acronyms?: string[] },
    actor: string,
  ): Promise<VocabularyChangeOutcome>;
  merge(id: string, into: string, actor: string): Promise<VocabularyChangeOutcome>;
  retire(id: string, actor: string): Promise<VocabularyChangeOutcome>;
}

/**
 * Vocabulary changes for engineers (CLI and API): each is one audited transaction in the store that
 * bumps the version; then the stored chunks it affects are re-extracted.
 */
export function createVocabularyService(
  store: VocabularyStore,
  reextract: TriggerReextraction,
): VocabularyService {
  const follow = async (result: VocabularyChangeResult, actor: string, reason: string) => ({
    term: result.entry,
    version: result.version,
    ...(result.changed ? { reextraction: await reextract({ actor, reason }) } : {}),
  });
  return {
    async add(input, actor) {
      const term = userTerm(input);
      return follow(await store.add(term, { actor }), actor, `added ${term.id}`);
    },
    async alias(id, names, actor) {
      return follow(await store.addAliases(id, names, { actor }), actor, `aliases of ${id}`);
    },
    async merge(id, into, actor) {
      return follow(await store.merge(id, into, { actor }), actor, `merged ${id} into ${into}`);
    },
    async retire(id, actor) {
      return follow(await store.retire(id, { actor }), actor, `retired ${id}`);
    },
  };
}
