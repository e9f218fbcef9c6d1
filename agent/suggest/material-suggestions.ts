import type {
  ChunkWithDocument,
  CitationSpan,
  GraphStore,
  PassageSpan,
  SectionName,
  StoredSuggestion,
} from '../../graph/index.ts';
import { nameFromEntityId } from '../../graph/index.ts';
import type { ComputedSuggestions, SuggestionEngine, SuggestOptions } from './suggestion-engine.ts';

/** A named entity of the answer (an application the material is used in). */
export interface NamedApplication {
  id: string;
  name: string;
  /** Documents with a sentence that links the material to it. */
  documents: number;
}

/** Where a bare material is used and what else it could be used for, with citations resolved to passages. */
export interface MaterialSuggestionsResult {
  material: { id: string; name: string };
  /** Applications the graph already links the material to in a sentence, most documents first. */
  usedIn: NamedApplication[];
  model: ComputedSuggestions['model'];
  heldBack: ComputedSuggestions['heldBack'];
  /** Shaped like stored suggestions (status `new`, no reviews) but never saved. */
  suggestions: StoredSuggestion[];
}

export interface MaterialSuggestionsDependencies {
  engine: Pick<SuggestionEngine, 'rankForMaterial'>;
  graph: Pick<GraphStore, 'getChunks' | 'getEntity'>;
}

/**
 * Suggestions for any material in the graph (bundled, catalog, user or mined), read-only: ranking runs in
 * memory and the cited spans are cut from the stored chunk text, so a GET, the CLI and the chat tools
 * never write to the graph.
 */
export class MaterialSuggestions {
  constructor(private readonly deps: MaterialSuggestionsDependencies) {}

  async forMaterial(
    material: { id: string; name: string },
    options: SuggestOptions = {},
  ): Promise<MaterialSuggestionsResult> {
    const computed = await this.deps.engine.rankForMaterial(material, options);
    const chunkIds = [
      ...new Set(computed.suggestions.flatMap((s) => s.citations.map((citation) => citation.chunkId))),
    ];
    const chunks = new Map(
      (chunkIds.length ? await this.deps.graph.getChunks(chunkIds) : []).map((chunk) => [chunk.id, chunk]),
    );
    const names = await this.namesOf([
      ...computed.usedIn.map((use) => use.applicationId),
      ...computed.suggestions.map((suggestion) => suggestion.applicationId),
    ]);
    const suggestions: StoredSuggestion[] = computed.suggestions.map((write) => ({
      id: write.id,
      productId: write.productId,
      applicationId: write.applicationId,
      score: write.score,
      rank: write.rank,
      status: 'new',
      components: write.components,
      rationale: write.rationale,
      createdAt: write.createdAt,
      engineVersion: write.engineVersion,
      model: write.model,
      promptId: write.promptId,
      ...(write.variants ? { variants: write.variants } : {}),
      ...(write.scoreGroups ? { scoreGroups: write.scoreGroups } : {}),
      ...(write.baseRate !== undefined ? { baseRate: write.baseRate } : {}),
      ...(write.confidence ? { confidence: write.confidence } : {}),
      ...(write.support ? { support: write.support } : {}),
      ...(write.analogues ? { analogues: write.analogues } : {}),
      current: true,
      applicationName: names.get(write.applicationId) ?? nameFromEntityId(write.applicationId),
      evidenceDocuments: write.evidenceDocuments,
      citations: write.citations.flatMap((citation) => {
        const chunk = chunks.get(citation.chunkId);
        return chunk ? [passageOf(chunk, citation)] : [];
      }),
      reviews: [],
    }));
    return {
      material,
      usedIn: computed.usedIn.map(({ applicationId: id, documents }) => ({
        id,
        name: names.get(id) ?? nameFromEntityId(id),
        documents,
      })),
      model: computed.model,
      heldBack: computed.heldBack,
      suggestions: suggestions.filter((suggestion) => suggestion.citations.length > 0),
    };
  }

  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const entity = await this.deps.graph.getEntity(id);
      if (entity) names.set(id, entity.name);
    }
    return names;
  }
}

/** The cited span with its quote cut from the chunk (offsets are UTF-16 units into the document text). */
function passageOf(chunk: ChunkWithDocument, citation: CitationSpan): PassageSpan {
  const { document } = chunk;
  return {
    chunkId: chunk.id,
    start: citation.start,
    end: citation.end,
    ...(citation.role ? { role: citation.role } : {}),
    quote: chunk.text.slice(citation.start - chunk.start, citation.end - chunk.start),
    section: chunk.section as SectionName,
    ...(chunk.page ? { page: chunk.page } : {}),
    document: {
      id: document.id,
      title: document.title,
      kind: document.kind,
      ...(document.number ? { number: document.number } : {}),
      ...(document.url ? { url: document.url } : {}),
      ...(document.publishedAt ? { publishedAt: document.publishedAt } : {}),
      source: document.source,
    },
  };
}
