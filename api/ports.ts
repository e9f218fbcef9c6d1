import type { ApiKey, Citation, HeldBack, SuggestionStatus } from '../graph/index.ts';
import type { ChatRequestBody, ChatResponse, SuggestionView } from './api-schemas.ts';

/** Ports the HTTP app calls into; the composition root (server.ts) supplies implementations. */

/** What POST /v1/ingest/runs asks for, after the API resolved and checked the source. */
export interface IngestionRequest {
  /** Absolute paths and http(s) URLs, as `runIngestion` takes them. */
  inputs: string[];
  /** Label for the run's `source` field. */
  source: string;
  /** Id of the API key that asked (for the audit trail). */
  requestedBy: string;
}

/**
 * Starts an ingestion run in the background and resolves with its id once the IngestRun record exists
 * (so GET /v1/ingest/runs/:id finds it at once). It must not wait for the run to finish, and it must
 * record failures in the run rather than reject after resolving.
 */
export type StartIngestion = (request: IngestionRequest) => Promise<string>;

/** A streamed piece of a chat answer; the route sends `done` (from the result) and `error` itself. */
export type ChatStreamEvent =
  | { type: 'text-delta'; delta: string }
  | { type: 'citation'; citation: Citation };

export interface ChatRequest extends ChatRequestBody {
  /** The calling key (conversations belong to it). */
  principal: ApiKey;
}

export interface ChatAnswerOptions {
  /** Aborted when the client disconnects; stop work and reject (any error) soon after. */
  signal: AbortSignal;
  /** Set for SSE requests: called for each delta and citation, in order, before the answer resolves. */
  onEvent?: (event: ChatStreamEvent) => void;
}

/** Answers a chat message with citations (design.md section 6). */
export interface ChatService {
  answer(request: ChatRequest, options: ChatAnswerOptions): Promise<ChatResponse>;
}

/** Ranked suggestions of a product, with score components and citations. */
export interface SuggestionService {
  /** Best first; the route has already checked that the product exists. */
  list(productId: string, options: { status?: SuggestionStatus; limit: number }): Promise<SuggestionView[]>;
  /** Candidates the last computation did not list, per reason (after `list`, which may compute). */
  heldBack?(productId: string): Promise<HeldBack | undefined>;
}

/** Retracts documents (or a source's documents) with everything derived, and recomputes suggestions. */
export type { RetractionService } from './retraction-service.ts';

/** Answers when the backing services do; throws (any error) when not ready. */
export type ReadinessCheck = () => Promise<void>;
