import { describe, expect, it } from 'vitest';
import type { RecordMapping } from '../../../../ingest/parse/json/json-record-mapping.ts';
import {
  JsonRecordsParser,
  jsonRecordsParser,
  maxJsonLineCharacters,
} from '../../../../ingest/parse/json/json-records-parser.ts';
import { bufferSource, openFileSource } from '../../../../ingest/sources/file-source.ts';
import { fixture } from '../../../support/paths.ts';
import { collect, expectParserContract } from '../parser-contract.ts';

/** The first 20 lines of the Pap2Pat records file (CC-BY-4.0, Pap2Pat, Robert Bosch GmbH). */
const pap2pat = fixture('pap2pat-patent-paper-pairs', 'pap2pat_metadata_abstract_claims.first20.jsonl.gz');
const fulltext = (file: string) =>
  fixture('pap2pat-patent-paper-pairs', 'fulltext_sample', 'W1998881035-US20150234138', file);

describe('JsonRecordsParser', () => {
  it('streams Pap2Pat records as A1 application publications with abstract and claims', async () => {
    const documents = await expectParserContract(jsonRecordsParser, await openFileSource(pap2pat));
    expect(documents).toHaveLength(20);
    const first = documents[0];
    expect(first?.id).toBe('patent:US20130210636A1');
    expect(first?.title).toBe('Method and Kit for Performing Profiling of Endarterectomy Patients');
    expect(first?.publishedAt).toBe('2012-02-14');
    expect(first?.kindCode).toBe('A1');
    expect(first?.inventors).toContain('Lasse Folkersen');
    const claims = first?.sections.filter((section) => section.name === 'claims') ?? [];
    expect(claims).toHaveLength(13); // n_claims of the record
    expect(claims[1]?.paragraph).toBe('2');
    expect(first?.sections.some((section) => section.name === 'abstract')).toBe(true);
    expect(new Set(documents.map((document) => document.id)).size).toBe(20);
  });

  it('reads Reuters-shaped stories as news with their dates and without the sign-off', async () => {
    // Our own text in the Reuters-21578 JSON shape (the real stories are research-only, never committed).
    const stories = [
      {
        newid: 1,
        date: '26-FEB-1987 15:46:36.16',
        title: 'RESIN MAKER RAISES POLYPROPYLENE OUTPUT',
        dateline: 'HOUSTON, Feb 26 -',
        // Reuters marks paragraphs by indentation and signs off with "Reuter".
        body: 'A resin maker said it would raise\npolypropylene output at its Texas plant by a fifth.\n    The extra resin goes to automotive bumpers and\nappliance housings.\n Reuter',
      },
      {
        newid: 2,
        date: '2-MAR-1987 09:01:00.00',
        title: 'FIBRE PLANT OPENS',
        body: 'An aramid fibre plant opened.',
      },
    ];
    const source = bufferSource(
      'stories.jsonl',
      Buffer.from(stories.map((story) => JSON.stringify(story)).join('\n')),
    );
    const documents = await expectParserContract(jsonRecordsParser, source);
    expect(documents).toHaveLength(2);
    expect(documents[0]).toMatchObject({
      title: 'RESIN MAKER RAISES POLYPROPYLENE OUTPUT',
      publishedAt: '1987-02-26',
      kind: 'news',
    });
    expect(documents[0]?.sections.filter((section) => section.name === 'body')).toHaveLength(2);
    expect(documents[0]?.text).toContain('appliance housings.');
    expect(documents[0]?.text).not.toMatch(/Reuter\s*$/);
    expect(documents[1]?.publishedAt).toBe('1987-03-02');
  });

  it('maps the Pap2Pat full-text patent and paper JSON to sections', async () => {
    const [patent] = await expectParserContract(
      jsonRecordsParser,
      await openFileSource(fulltext('patent.json.gz')),
    );
    expect(patent?.id).toBe('patent:US20150234138A1');
    expect(patent?.sections.filter((section) => section.name === 'claims')).toHaveLength(20);
    expect(patent?.sections.some((section) => section.name === 'description')).toBe(true);
    expect(patent?.text).toContain('FIELD OF THE INVENTION\n\nThe present invention relates');
    const [paper] = await expectParserContract(
      jsonRecordsParser,
      await openFileSource(fulltext('paper.json.gz')),
    );
    expect(paper).toMatchObject({ id: 'report:W1998881035', kind: 'report', publishedAt: '2015-06-07' });
    expect(paper?.url).toBe('https://semopenalex.org/work/W1998881035');
  });

  it('reports a malformed line as <file>:<line> and keeps going', async () => {
    const lines = [
      '{"newid": 1, "date": "26-FEB-1987 15:46:36.16", "title": "A", "body": "Resin prices rose."}',
      '{"newid": 2, "date": ',
      '',
      '{"newid": 3, "date": "27-FEB-1987", "title": "B", "body": "Fibre output fell."}',
      '{"unknown": true}',
    ].join('\n');
    const outcomes = await collect(jsonRecordsParser, bufferSource('stories.jsonl', Buffer.from(lines)));
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true, false]);
    expect(outcomes[1]).toMatchObject({ ok: false, item: 'stories.jsonl:2', retryable: false });
    expect(outcomes[3]).toMatchObject({ item: 'stories.jsonl:5' });
    expect(outcomes[3]?.ok === false && outcomes[3].reason).toMatch(/no record mapping/);
  });

  it('reads the first line after a byte-order mark, and fails a line too long for a record alone', async () => {
    const story = (id: number, body: string) =>
      JSON.stringify({ newid: id, date: '26-FEB-1987 15:46:36.16', title: `Story ${id}`, body });
    // One line past the cap, streamed without being held: the lines around it still read.
    const endless = story(2, 'x'.repeat(maxJsonLineCharacters));
    const text = `\uFEFF${story(1, 'Resin prices rose.')}\n${endless}\r\n${story(3, 'Fibre output fell.')}\n`;
    const source = bufferSource('stories.jsonl', Buffer.from(text, 'utf8'));
    expect(jsonRecordsParser.detect(source)).toBe(true);
    const outcomes = await collect(jsonRecordsParser, source);
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.document.title : outcome.item))).toEqual([
      'Story 1',
      'stories.jsonl:2',
      'Story 3',
    ]);
    expect(outcomes[1]).toEqual({
      ok: false,
      item: 'stories.jsonl:2',
      reason: `ParseInputError: record too large: ${endless.length} characters on one line (at most ${maxJsonLineCharacters})`,
      retryable: false,
    });
  });

  it('accepts a declared mapping and a JSON array', async () => {
    const mapping: RecordMapping = {
      name: 'crawler',
      kind: 'news',
      requiredKeys: ['headline', 'published'],
      fields: { title: 'headline', body: 'text', date: 'published', url: 'link' },
      source: 'crawler-json',
    };
    const parser = new JsonRecordsParser([mapping]);
    const json = JSON.stringify(
      [
        {
          headline: 'PEEK wins',
          published: '2024-05-01',
          text: 'Para one.\n\nPara two.',
          link: 'https://e.org/a',
        },
      ],
      null,
      2,
    );
    const source = bufferSource('items.json', Buffer.from(json));
    const [document] = await expectParserContract(parser, source);
    expect(document).toMatchObject({ title: 'PEEK wins', url: 'https://e.org/a', source: 'crawler-json' });
    expect(document?.sections.filter((section) => section.name === 'body')).toHaveLength(2);
  });

  it('rejects non-JSON in detection and reports an empty or broken JSON file', async () => {
    expect(jsonRecordsParser.detect(bufferSource('x.json', Buffer.from('# Title\n\ntext')))).toBe(false);
    expect(jsonRecordsParser.detect(bufferSource('x.json', Buffer.from('[broken')))).toBe(false);
    const broken = await collect(jsonRecordsParser, bufferSource('x.json', Buffer.from('{\n  "a": ')));
    expect(broken).toMatchObject([{ ok: false, item: 'x.json' }]);
    expect(broken[0]?.ok === false && broken[0].reason).toMatch(/malformed JSON/);
    const empty = await collect(jsonRecordsParser, bufferSource('empty.jsonl', Buffer.from('')));
    expect(empty).toMatchObject([{ ok: false, item: 'empty.jsonl' }]);
  });
});
