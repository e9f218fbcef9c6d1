import type { ChatGraphReader, GraphStore, PassageSpan } from '../../graph/index.ts';
import type { EntityRef } from './chat-tool-results.ts';
import type { Embedder } from './embedder.ts';
import { toEntityRef } from './entity-resolver.ts';
import { locateQuery, spanOfChunk } from './passage-format.ts';
import { ChunkRankFusion } from './reciprocal-rank-fusion.ts';

/** Hits far below the best full-text hit matched only common words of the query. */
const minRelativeTextScore = 0.35;
/** Entities below half the best entity score are too loose a match to expand the search through. */
const minRelativeEntityScore = 0.5;

export interface PassageSearchSources {
  store: Pick<GraphStore, 'searchChunks' | 'searchEntities'>;
  reader: Pick<ChatGraphReader, 'chunksMentioning' | 'vectorSearch'>;
  embedder?: Embedder;
}

export interface PassageSearch {
  /** The retrievers that answered: `full-text`, `graph`, `vector` or `vector-unavailable`. */
  methods: string[];
  /** The entities the query names, through which the graph expansion searched. */
  entities: EntityRef[];
  passages: Array<{ span: PassageSpan; score: number }>;
}

/**
 * Hybrid passage search: full-text, graph expansion through the entities the query names, and vectors
 * when an embedder is configured, fused by reciprocal rank and narrowed to the sentences that match.
 */
export async function searchPassageSpans(
  sources: PassageSearchSources,
  input: { query: string; limit: number; kinds?: string[] },
): Promise<PassageSearch> {
  const { query, limit, kinds } = input;
  const filter = { limit: limit * 3, ...(kinds ? { kinds } : {}) };
  const methods = ['full-text'];
  const [textHits, entityHits] = await Promise.all([
    sources.store.searchChunks(query, filter),
    sources.store.searchEntities(query, { limit: 6 }),
  ]);
  const topEntityScore = entityHits[0]?.score ?? 0;
  const entities = entityHits
    .filter((hit) => hit.score >= topEntityScore * minRelativeEntityScore)
    .map((hit) => toEntityRef(hit.entity));
  const fusion = new ChunkRankFusion();
  const topTextScore = textHits[0]?.score ?? 0;
  fusion.add(
    textHits
      .filter((hit) => hit.score >= topTextScore * minRelativeTextScore)
      .map((hit) => ({ chunk: hit.chunk, focus: locateQuery(hit.chunk, query) })),
  );
  if (entities.length > 0) {
    methods.push('graph');
    fusion.add(
      await sources.reader.chunksMentioning(
        entities.map((entity) => entity.id),
        filter,
      ),
    );
  }
  if (sources.embedder) {
    try {
      const vector = await sources.embedder.embedQuery(query);
      const nearest = await sources.reader.vectorSearch(vector, filter);
      fusion.add(nearest.map((hit) => ({ chunk: hit.chunk, focus: locateQuery(hit.chunk, query) })));
      methods.push('vector');
    } catch {
      // No vector index yet (nothing embedded) or the provider failed: full-text and graph still answer.
      methods.push('vector-unavailable');
    }
  }
  const passages = fusion
    .ranked()
    .slice(0, limit)
    .map((entry) => ({
      span: spanOfChunk(entry.chunk, entry.focus ?? { start: entry.chunk.start, end: entry.chunk.start }),
      score: Number(entry.score.toFixed(5)),
    }));
  return { methods, entities, passages };
}
