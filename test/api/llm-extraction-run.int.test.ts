import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reextractNow } from '../../api/vocabulary-runs.ts';
import { userTerm } from '../../api/vocabulary-service.ts';
import { type FakeOpenAiServer, startFakeOpenAi, wireText } from '../support/fake-openai-server.ts';
import { openVocabularyWorld, pressRelease, type VocabularyWorld, writeFiles } from './vocabulary-support.ts';

const body = 'Glowmer resin is used in battery packs, the maker said.';

/** The structured-output reply for the body chunk: one grounded fact, one with an invented quote. */
const bodyReply = {
  entities: [{ name: 'Glowmer resin', type: 'material', quote: 'Glowmer resin is used in battery packs' }],
  facts: [
    {
      type: 'USED_IN',
      subject: 'Glowmer resin',
      object: 'battery packs',
      quote: 'Glowmer resin is used in battery packs',
      polarity: 'positive',
      confidence: 0.9,
      value: null,
      unit: null,
    },
    {
      type: 'USED_IN',
      subject: 'Glowmer resin',
      object: 'battery packs',
      quote: 'Glowmer resin powers drones on Mars',
      polarity: 'positive',
      confidence: 0.9,
      value: null,
      unit: null,
    },
  ],
};

/**
 * With LLM_PROVIDER set, ingestion and re-extraction chain the structured-output extractor beside the
 * offline one, through the real ChatOpenAI client against a local OpenAI-wire server.
 */
describe('LLM extraction in runs (OpenAI wire format on loopback)', () => {
  let fake: FakeOpenAiServer;
  let world: VocabularyWorld;
  let documentId = '';

  beforeAll(async () => {
    fake = await startFakeOpenAi((request) => {
      const user = request.messages.filter((message) => message.role === 'user').pop();
      const reply = wireText(user).includes(body) ? bodyReply : { entities: [], facts: [] };
      return { content: JSON.stringify(reply) };
    });
    world = await openVocabularyWorld({
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: fake.baseUrl,
      LLM_MODEL: 'fake-gpt',
    });
  });
  afterAll(async () => {
    await world?.close();
    await fake?.stop();
  });

  it('ingestion calls the model per chunk, keeps located quotes and counts the dropped one', async () => {
    const before = fake.requests.length;
    const [file] = writeFiles('llm-run', {
      'glowmer.md': pressRelease('Glowmer resin maker expands', '2025-05-05', body),
    });
    const run = await world.ingest([file as string]);
    expect(run.status).toBe('succeeded');
    expect(run.counts.added).toBe(1);
    expect(run.counts.droppedFacts).toBe(1);
    // One call per chunk (title and body), each asking for the extraction schema.
    expect(fake.requests.length - before).toBe(2);
    expect(fake.requests.at(-1)?.response_format?.type).toBe('json_schema');

    const rows = await world.graph.driver.executeQuery(
      `MATCH (d:Document {title: 'Glowmer resin maker expands'}) RETURN d.id AS id`,
    );
    documentId = String(rows.records[0]?.get('id'));
    const facts = await world.graph.driver.executeQuery(
      `MATCH (f:Fact {documentId: $documentId})-[:SUBJECT]->(s), (f)-[:OBJECT]->(o)
       RETURN s.id AS subject, o.id AS object, f.extractor AS extractor`,
      { documentId },
    );
    const byModel = facts.records
      .map((record) => record.toObject())
      .filter((fact) => String(fact.extractor).includes('llm-extraction'));
    expect(byModel).toEqual([
      {
        subject: 'material:glowmer-resin',
        object: 'application:battery-pack',
        // Only the model found it: the offline extractor does not know "Glowmer resin" yet.
        extractor: expect.stringMatching(/^llm-extraction@\d/),
      },
    ]);
    expect(await world.graph.getEntity('material:glowmer-resin')).toMatchObject({ origin: 'llm' });
  });

  it('re-extraction after a vocabulary change asks the model again and counts its dropped quote', async () => {
    const before = fake.requests.length;
    const added = await world.vocabulary.add(userTerm({ label: 'material', name: 'Glowmer resin' }), {
      actor: 'test',
    });
    // The model named it first: the entity keeps origin llm, and is now matched offline too.
    expect(added.entry).toMatchObject({ origin: 'llm', matched: true });
    const run = await reextractNow(world, { actor: 'test' }, world.extractor);
    expect(run).toMatchObject({ kind: 're-extract', status: 'succeeded' });
    expect(run.counts.documents).toBe(1);
    expect(run.counts.droppedFacts).toBe(1);
    expect(fake.requests.length - before).toBe(2);
    const mentions = await world.graph.listMentions(documentId);
    expect(
      mentions.filter((mention) => mention.entityId === 'material:glowmer-resin').length,
    ).toBeGreaterThan(0);
    // Both extractors state the fact now: one fact, its extractors joined.
    const facts = await world.graph.driver.executeQuery(
      `MATCH (f:Fact {documentId: $documentId})-[:SUBJECT]->(:Material {id: 'material:glowmer-resin'})
       RETURN f.extractor AS extractor`,
      { documentId },
    );
    expect(facts.records.map((record) => record.get('extractor'))).toEqual([
      expect.stringMatching(/^lexicon-v1\+llm-extraction@\d/),
    ]);
  });
});
