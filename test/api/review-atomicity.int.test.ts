import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../../graph/index.ts';
import { uniqueId } from '../support/graph.ts';
import {
  type ReviewFixture,
  type ReviewTestApp,
  seedReviewFixture,
  startReviewTestApp,
} from './review-fixtures.ts';

/**
 * Ids for the review route: the next value queued by the test when there is one, else a fresh unique id.
 * Queuing an id that an AuditEvent already has makes the audit write fail inside the review's transaction.
 */
function scriptedIds(): { generateId: () => string; next: string[] } {
  const next: string[] = [];
  return { next, generateId: () => next.shift() ?? uniqueId('gen') };
}

describe('a review and its audit event are one transaction; Idempotency-Key makes retries safe', () => {
  let testApp: ReviewTestApp;
  let fixture: ReviewFixture;
  let reviewer: string;
  let otherReviewer: string;
  const ids = scriptedIds();

  const review = async (
    id: string,
    body: unknown,
    options: { key?: string; idempotencyKey?: string } = {},
  ) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.key ?? reviewer}`,
      'content-type': 'application/json',
    };
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const response = await fetch(`${testApp.url}/v1/suggestions/${encodeURIComponent(id)}/reviews`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  const suggestionFor = (name: string) => {
    const found = fixture.suggestions.find((suggestion) => suggestion.applicationId === fixture.app(name));
    if (!found) throw new Error(`no suggestion for ${name}`);
    return found.id;
  };
  const countOf = async (cypher: string, params: Record<string, unknown>) => {
    const { records } = await testApp.store.driver.executeQuery(cypher, params);
    return Number(records[0]?.get('n'));
  };
  const reviewsOf = (id: string) =>
    countOf('MATCH (:Review)-[:REVIEWS]->(:Suggestion {id: $id}) RETURN count(*) AS n', { id });
  const auditEventsOf = (id: string) =>
    countOf("MATCH (e:AuditEvent {type: 'review', targetId: $id}) RETURN count(e) AS n", { id });

  beforeAll(async () => {
    testApp = await startReviewTestApp({ generateId: ids.generateId });
    fixture = await seedReviewFixture(testApp);
    reviewer = await testApp.keyFor('reviewer');
    otherReviewer = await testApp.keyFor('reviewer');
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('a failing audit write saves neither the review nor the status; the retry records exactly one', async () => {
    const id = suggestionFor('syringes');
    // An AuditEvent already holds the id the next review's audit event will get: its CREATE violates the
    // uniqueness constraint inside the review's transaction, as a crash between the two writes would.
    const taken = uniqueId('taken');
    const takenAuditId = `audit:${taken}`;
    const session = testApp.store.driver.session();
    try {
      await session.executeWrite((tx) =>
        recordAuditEvent(tx, {
          id: takenAuditId,
          type: 'review',
          actor: 'someone-else',
          at: '2026-01-01T00:00:00.000Z',
          targetId: 'elsewhere',
          details: {},
        }),
      );
    } finally {
      await session.close();
    }
    // The route asks for the review's id, then the audit event's.
    ids.next.push(uniqueId('r'), taken);
    const key = uniqueId('idem');

    const crashed = await review(id, { decision: 'accept', comment: 'Pursue it.' }, { idempotencyKey: key });
    expect(crashed.status).toBe(500);
    expect(crashed.json.error.code).toBe('INTERNAL');
    expect((await testApp.suggestionStore.getSuggestion(id))?.status).toBe('new');
    expect(await reviewsOf(id)).toBe(0);
    expect(await auditEventsOf(id)).toBe(0);

    const retried = await review(id, { decision: 'accept', comment: 'Pursue it.' }, { idempotencyKey: key });
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(retried.json.status).toBe('accepted');
    expect(await reviewsOf(id)).toBe(1);
    expect(await auditEventsOf(id)).toBe(1);
    const [event] = await testApp.auditLog.listForTarget(id);
    expect(event?.details).toMatchObject({ previousStatus: 'new', status: 'accepted', decision: 'accept' });
    expect(event?.details.reviewId).toBe(retried.json.reviews[0].id);

    const again = await review(id, { decision: 'accept', comment: 'Pursue it.' }, { idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(retried.json);
    expect(await reviewsOf(id)).toBe(1);
    expect(await auditEventsOf(id)).toBe(1);
  });

  it('the same key with a different request is a 409 and changes nothing', async () => {
    const id = suggestionFor('vials');
    const key = uniqueId('idem');
    const first = await review(id, { decision: 'defer' }, { idempotencyKey: key });
    expect(first.status).toBe(200);
    const other = await review(id, { decision: 'reject' }, { idempotencyKey: key });
    expect(other.status).toBe(409);
    expect(other.json.error.message).toMatch(/Idempotency-Key was already used for a different review/);
    const elsewhere = await review(suggestionFor('syringes'), { decision: 'defer' }, { idempotencyKey: key });
    expect(elsewhere.status).toBe(409);
    expect((await testApp.suggestionStore.getSuggestion(id))?.status).toBe('deferred');
    expect(await reviewsOf(id)).toBe(1);
  });

  it('concurrent retries with one key record one review; keys are scoped to the API key', async () => {
    const id = suggestionFor('vials');
    const before = await reviewsOf(id);
    const key = uniqueId('idem');
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        review(id, { decision: 'reject', comment: 'no' }, { idempotencyKey: key }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
    expect(await reviewsOf(id)).toBe(before + 1);
    // Another reviewer's key with the same value is another request.
    const theirs = await review(
      id,
      { decision: 'reject', comment: 'no' },
      { key: otherReviewer, idempotencyKey: key },
    );
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(await reviewsOf(id)).toBe(before + 2);
    expect(await auditEventsOf(id)).toBe(before + 2);
  });

  it('without a key every request is a new review; a malformed key is a 400', async () => {
    const id = suggestionFor('syringes');
    const before = await reviewsOf(id);
    expect((await review(id, { decision: 'defer' })).status).toBe(200);
    expect((await review(id, { decision: 'defer' })).status).toBe(200);
    expect(await reviewsOf(id)).toBe(before + 2);
    const bad = await review(id, { decision: 'defer' }, { idempotencyKey: 'x'.repeat(201) });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/Idempotency-Key/);
  });
});
