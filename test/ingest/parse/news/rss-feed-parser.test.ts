import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rssFeedParser } from '../../../../ingest/parse/news/rss-feed-parser.ts';
import { bufferSource, openFileSource } from '../../../../ingest/sources/file-source.ts';
import { repoRoot } from '../../../support/paths.ts';
import { collect, expectParserContract } from '../parser-contract.ts';

const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'news', name);

describe('RssFeedParser', () => {
  it('turns RSS 2.0 items into news documents with the item link as url', async () => {
    const source = await openFileSource(fixture('materials-feed.rss.xml'));
    const documents = await expectParserContract(rssFeedParser, source);
    expect(documents).toHaveLength(3);
    const [epoxy, graphene] = documents;
    expect(epoxy?.title).toBe('Acme launches a recyclable epoxy for wind-turbine blades');
    expect(epoxy?.url).toBe('https://example.org/news/acme-recyclable-epoxy?utm_source=rss');
    expect(epoxy?.publishedAt).toBe('2024-05-14T09:30:00.000Z');
    expect(epoxy?.byline).toBe('Jane Doe');
    // content:encoded wins over the description; HTML is stripped, paragraphs kept apart.
    expect(epoxy?.text).toBe(
      'Acme launches a recyclable epoxy for wind-turbine blades\n\nAcme said its new epoxy resin can be recycled at end of life.\n\nThe resin targets wind-turbine blades and boat hulls.',
    );
    expect(graphene?.text).toContain('graphene oxide membranes & report lower fouling');
    expect(graphene?.publishedAt).toBe('2024-05-15T09:00:00.000Z');
    // An item without a date is kept with an unknown date.
    const undated = documents[2];
    expect(undated?.url).toBe('https://example.org/news/undated');
    expect(undated?.publishedAt).toBeUndefined();
  });

  it('reads Atom entries', async () => {
    const [entry] = await expectParserContract(
      rssFeedParser,
      await openFileSource(fixture('materials-feed.atom.xml')),
    );
    expect(entry?.title).toBe('PEEK implants reach a new clinical milestone');
    expect(entry?.url).toBe('https://example.org/atom/peek-implants');
    expect(entry?.publishedAt).toBe('2024-06-01T08:00:00.000Z');
    expect(entry?.text).toContain('Surgeons reported results with PEEK spinal cages.');
  });

  it('detects feeds by their root element only', () => {
    expect(rssFeedParser.detect(bufferSource('x', Buffer.from('<rdf:RDF xmlns:rdf="x"></rdf:RDF>')))).toBe(
      true,
    );
    expect(rssFeedParser.detect(bufferSource('x.rss', Buffer.from('<!doctype html><html></html>')))).toBe(
      false,
    );
    expect(rssFeedParser.detect(bufferSource('x.rss', Buffer.from('<feed><entry/></feed>')))).toBe(false);
  });

  it('reports an empty or broken feed as one failure', async () => {
    const empty = await collect(rssFeedParser, bufferSource('empty.xml', Buffer.from('')));
    expect(empty).toMatchObject([{ ok: false, item: 'empty.xml' }]);
    const broken = await collect(
      rssFeedParser,
      bufferSource('broken.xml', Buffer.from('<rss><channel><item>')),
    );
    expect(broken).toHaveLength(1);
    expect(broken[0]?.ok).toBe(false);
  });
});
