import type { DocumentBundle, Fact, GraphDocument, SectionName } from '../../graph/index.ts';

export interface NamedEntity {
  id: string;
  name: string;
  /** A material's class (analogues need a chemical basis: the same class, family or a BROADER link). */
  class?: string;
}

export interface UseStatement {
  id: string;
  material: NamedEntity;
  application: NamedEntity;
  /** Undefined makes an undated document (no publishedAt, as the parsers leave it). */
  date: string | undefined;
  /** Default `news`. */
  kind?: 'patent' | 'news';
  /** Default `Use of <material> in <application>`. */
  title?: string;
  /** Appended to the statement and part of the fact's evidence (e.g. injected instructions). */
  extra?: string;
  /** Sentences around the statement in the same chunk, outside the evidence (a quote with text around it). */
  context?: { before: string; after: string };
  /** Section of the body chunk; default `body`. */
  section?: SectionName;
  /** Document fields that differ from the defaults (ingest run, source, number, url, assignees…). */
  document?: Partial<GraphDocument>;
}

/** An entity named after its id: `material:coc-film` → `coc film`. */
export function namedAfterId(id: string): NamedEntity {
  return { id, name: id.replace(/^[a-z]+:/, '').replaceAll('-', ' ') };
}

/**
 * A two-chunk document (title, body) whose body states `A <material> film is used in <application>
 * products.`, with the USED_IN fact whose evidence is that statement and the two mentions inside it.
 */
export function useDocument(statement: UseStatement): DocumentBundle {
  const { id, material, application, date, context } = statement;
  const title = statement.title ?? `Use of ${material.name} in ${application.name}`;
  const sentence = `A ${material.name} film is used in ${application.name} products.${statement.extra ? ` ${statement.extra}` : ''}`;
  const body = context ? `${context.before} ${sentence} ${context.after}` : sentence;
  const text = `${title}\n\n${body}`;
  const bodyStart = title.length + 2;
  const quoteStart = bodyStart + (context ? context.before.length + 1 : 0);
  const quoteEnd = quoteStart + sentence.length;
  const bodyChunkId = `${id}#c1`;
  const fact: Fact = {
    id: `fact:${id}`,
    type: 'USED_IN',
    subjectId: material.id,
    objectId: application.id,
    polarity: 'positive',
    confidence: 0.8,
    extractor: 'test',
    ...(date ? { firstSeen: date, lastSeen: date } : {}),
    evidence: [{ chunkId: bodyChunkId, start: quoteStart, end: quoteEnd }],
  };
  const mention = (entity: NamedEntity) => {
    const at = text.indexOf(entity.name, quoteStart);
    return {
      chunkId: bodyChunkId,
      entityId: entity.id,
      start: at,
      end: at + entity.name.length,
      surface: entity.name,
    };
  };
  return {
    document: {
      id,
      kind: statement.kind ?? 'news',
      title,
      text,
      ...(date ? { publishedAt: date } : {}),
      language: 'en',
      source: 'test',
      contentHash: `h-${id}`,
      ingestRunId: 'run-test',
      cpc: [],
      ipc: [],
      assignees: [],
      inventors: [],
      ...statement.document,
    },
    chunks: [
      {
        id: `${id}#c0`,
        documentId: id,
        text: title,
        start: 0,
        end: title.length,
        section: 'title',
        index: 0,
      },
      {
        id: bodyChunkId,
        documentId: id,
        text: body,
        start: bodyStart,
        end: text.length,
        section: statement.section ?? 'body',
        index: 1,
      },
    ],
    entities: [
      {
        id: material.id,
        label: 'Material',
        name: material.name,
        aliases: [],
        ...(material.class ? { class: material.class } : {}),
      },
      { id: application.id, label: 'Application', name: application.name, aliases: [] },
    ],
    mentions: [mention(material), mention(application)],
    facts: [fact],
  };
}
