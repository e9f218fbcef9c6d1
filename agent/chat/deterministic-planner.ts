import { formatScore } from '../suggest/score-format.ts';
import {
  answerableQuestions,
  comparisonAnswer,
  competitorsAnswer,
  growingAnswer,
  landscapeAnswer,
  requirementsAnswer,
  yearlyCountsAnswer,
} from './aggregate-answers.ts';
import type {
  EntityRef,
  MaterialUsesResult,
  NeighbourhoodResult,
  NeighbourSummary,
  ProductSummary,
  SuggestionSummary,
} from './chat-tool-results.ts';
import type { ChatToolbox } from './chat-toolbox.ts';
import { dateLabel, describeSource, type NumberedPassage, shortQuote } from './passage-format.ts';
import { type ChatIntent, type ParsedQuestion, parseQuestion, subjectTopicOf } from './question-intent.ts';

export interface PlannerContext {
  /** The product the conversation is about (request, conversation, or an earlier message). */
  product?: ProductSummary;
}

export interface PlannedAnswer {
  intent: ChatIntent;
  /** Markdown with `[n]` markers, each a passage registered in the toolbox's registry. */
  text: string;
  /** The product the answer was about, for the conversation's context. */
  product?: ProductSummary;
  /** Tool calls made, in order (for logs and tests). */
  steps: string[];
}

const ingestHint =
  'To fill the gap, ingest patents or news that discuss it (`matscout ingest <file|folder|URL>`, or POST /v1/ingest/runs), then ask again.';

function markers(passages: readonly NumberedPassage[], max = 3): string {
  return [...new Set(passages.map((passage) => passage.n))]
    .slice(0, max)
    .map((n) => `[${n}]`)
    .join('');
}

/** A quoted passage line: `prefix“quote” (source) [n]`. */
function quoteLine(passage: NumberedPassage, prefix = '   > '): string {
  return `${prefix}“${shortQuote(passage.span.quote)}” (${describeSource(passage.span.document)}) [${passage.n}]`;
}

function catalogLine(product: ProductSummary): string {
  const known = product.knownApplications.map((application) => application.name).join(', ');
  return `**${product.name}** (${product.owner}; material: ${product.material.name}${known ? `; already known for: ${known}` : ''}; from the catalog)`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The engine's rationale (first sentence only when `brief`) without the "<application> for <product>:"
 * lead of older suggestions. Each sentence keeps its own markers, renumbered to the answer's passages
 * (the rationale's [i] is the suggestion's i-th citation, `passages[i - 1]`), so a claim cites only the
 * passages that support it. A rationale without markers (older, or rewritten) gets `fallback`'s.
 */
function citedReason(
  suggestion: SuggestionSummary,
  brief = true,
  fallback: readonly NumberedPassage[] = suggestion.passages,
): string {
  const withoutLead = suggestion.rationale.replace(/^[^:.]{1,120} for [^:.]{1,120}:\s*/, '');
  const sentences = withoutLead.split(/(?<=\.)\s+/);
  const text = (brief ? sentences.slice(0, 1) : sentences).join(' ').replace(/\.$/, '');
  let marked = false;
  const renumbered = text.replace(/\s*((?:\[\d+\])+)/g, (_match, group: string) => {
    const numbers = [...group.matchAll(/\[(\d+)\]/g)]
      .map((marker) => suggestion.passages[Number(marker[1]) - 1]?.n)
      .filter((n): n is number => n !== undefined);
    if (numbers.length === 0) return '';
    marked = true;
    return ` ${[...new Set(numbers)].map((n) => `[${n}]`).join('')}`;
  });
  return capitalise(marked ? renumbered : `${renumbered} ${markers(fallback)}`.trimEnd());
}

function topComponents(components: Record<string, number>, count = 3): string {
  return Object.entries(components)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, value]) => `${name} ${value.toFixed(2)}`)
    .join(', ');
}

/**
 * Answers without an LLM (LLM_PROVIDER=none): classifies the question, calls the same tools the agent
 * has, and composes a cited answer. Every sentence that states something found in the documents ends
 * with `[n]`; catalog facts are labelled as such; when nothing is found it says so and what to ingest.
 */
export class DeterministicPlanner {
  private readonly tools: ChatToolbox;
  private readonly steps: string[] = [];

  constructor(tools: ChatToolbox) {
    this.tools = tools;
  }

  async answer(question: string, context: PlannerContext = {}): Promise<PlannedAnswer> {
    const parsed = parseQuestion(question);
    const named = await this.tools.productsNamedIn(question);
    this.steps.push('products_named_in');
    const product = named[0] ?? context.product;
    const planned = await this.compose(parsed, question, product, named);
    return { intent: parsed.intent, ...planned, steps: [...this.steps] };
  }

  private async compose(
    parsed: ParsedQuestion,
    question: string,
    product: ProductSummary | undefined,
    named: ProductSummary[],
  ): Promise<{ text: string; product?: ProductSummary }> {
    switch (parsed.intent) {
      case 'suggest':
        return this.suggest(parsed, product);
      case 'uses':
        return this.uses(parsed, named[0]);
      case 'explain':
        return this.explain(parsed, product);
      case 'compare':
        return this.compare(parsed, named);
      case 'trend':
        return this.trend(parsed, question, product);
      case 'search':
        return this.search(parsed, question, product);
      case 'landscape':
        return this.landscape(parsed, question, named[0]);
      case 'growing':
        return this.growing(parsed);
      case 'requirements':
        return this.requirements(parsed, question);
      case 'count':
        return this.count(parsed, question, named[0]);
      case 'competitors':
        return this.competitors(parsed, question, named[0]);
    }
  }

  /**
   * What an aggregate question is about: a named product (as its material), else the entities of the
   * wanted labels the question names as a phrase, else the closest entity to its subject words.
   */
  private async subjectsOf(
    parsed: ParsedQuestion,
    question: string,
    labels: readonly string[],
  ): Promise<{ names: Array<{ reference: string; name: string; label: string }>; approximate: boolean }> {
    const query = parsed.subjects[0] ?? subjectTopicOf(question);
    const named = await this.tools.entitiesNamedIn(question, query || question, labels);
    this.steps.push('entities_named_in');
    if (named.length > 0)
      return {
        names: named.map((entity) => ({ reference: entity.id, name: entity.name, label: entity.label })),
        approximate: false,
      };
    if (!query) return { names: [], approximate: false };
    for (const label of labels) {
      const closest = await this.tools.resolveEntity(query, label);
      if (closest)
        return { names: [{ reference: closest.id, name: closest.name, label }], approximate: true };
    }
    return { names: [], approximate: false };
  }

  private approximateNote(asked: string, name: string): string {
    return `No entity in the graph is named "${asked}"; the closest is **${name}**.\n\n`;
  }

  private notFound(asked: string, what: string): { text: string } {
    return {
      text: `I found no ${what} named "${asked}" in the graph. ${ingestHint}`,
    };
  }

  /** "Who is patenting X?": top assignees and news organisations of a material, application or product. */
  private async landscape(parsed: ParsedQuestion, question: string, product: ProductSummary | undefined) {
    const asked = parsed.subjects[0] ?? parsed.topic;
    const subject = product
      ? { names: [{ reference: product.id, name: product.name, label: 'Product' }], approximate: false }
      : await this.subjectsOf(parsed, question, ['Material', 'Application', 'Property']);
    const first = subject.names[0];
    if (!first) return this.notFound(asked, 'material, application or product');
    const result = await this.tools.landscape({ entity: first.reference, limit: 8 });
    this.steps.push('landscape');
    const name = product ? `${product.name} (${product.material.name})` : first.name;
    const note = subject.approximate ? this.approximateNote(asked, first.name) : '';
    return { text: note + landscapeAnswer(result, name), ...(product ? { product } : {}) };
  }

  /** "Which applications are growing fastest?": growth of dated mentions, recent window vs the one before. */
  private async growing(parsed: ParsedQuestion) {
    const result = await this.tools.trends({
      kind: parsed.ranks ?? 'application',
      window: parsed.window ?? 3,
      kinds: parsed.kinds ?? [],
      limit: 8,
    });
    this.steps.push('trends');
    return { text: growingAnswer(result) };
  }

  /** "What properties does X need?": REQUIRES facts of the application, passages, and products that fit. */
  private async requirements(parsed: ParsedQuestion, question: string) {
    const asked = parsed.subjects[0] ?? parsed.topic;
    const subject = await this.subjectsOf(parsed, question, ['Application']);
    const first = subject.names[0];
    if (!first) return this.notFound(asked, 'application');
    const result = await this.tools.requirements({ application: first.reference, limit: 10 });
    this.steps.push('application_requirements');
    const note = subject.approximate ? this.approximateNote(asked, first.name) : '';
    if (result.properties.some((property) => property.passages.length > 0))
      return { text: note + requirementsAnswer(result, first.name) };
    const named = (result.namedWith ?? []).filter((property) => property.passages.length > 0);
    if (named.length > 0) {
      // No stated requirement, but the documents name properties with it: say so, and let the
      // passages show how each relates (a property named near an application is not yet a requirement).
      const lines = [
        `${note}No document states a requirement of **${first.name}** as such. Properties the documents name together with it:`,
        '',
      ];
      named.slice(0, 8).forEach((property, index) => {
        const [passage] = property.passages;
        const products =
          property.products.length > 0
            ? `; catalog products with it: ${property.products.map((p) => p.name).join(', ')}`
            : '';
        lines.push(
          `${index + 1}. **${property.name}** (${property.documents} ${property.documents === 1 ? 'document' : 'documents'}${products}) [${passage?.n}]`,
        );
        if (passage)
          lines.push(
            `   > “${shortQuote(passage.span.quote, 200)}” (${describeSource(passage.span.document)})`,
          );
      });
      return { text: lines.join('\n') };
    }
    // No stated requirement: the passages that discuss the application's needs are the next best answer.
    const found = await this.tools.searchPassages({ query: first.name, limit: 4 });
    this.steps.push('search_passages');
    const lines = [
      `${note}No document in the graph states a requirement of **${first.name}** that I could extract (no REQUIRES fact).`,
    ];
    if (found.passages.length > 0) {
      lines.push('', 'Passages about it:');
      for (const passage of found.passages)
        lines.push(
          `- “${shortQuote(passage.span.quote, 200)}” (${describeSource(passage.span.document)}) [${passage.n}]`,
        );
    }
    return { text: lines.join('\n') };
  }

  /** "How many patents mention X each year?": documents per year and kind, undated ones apart. */
  private async count(parsed: ParsedQuestion, question: string, product: ProductSummary | undefined) {
    const asked = parsed.subjects[0] ?? parsed.topic;
    const subject = product
      ? { names: [{ reference: product.id, name: product.name, label: 'Product' }], approximate: false }
      : await this.subjectsOf(parsed, question, ['Material', 'Application', 'Property', 'Organization']);
    const first = subject.names[0];
    if (!first) return this.notFound(asked, 'material, application, property or organisation');
    const result = await this.tools.yearlyCounts({ entity: first.reference, kinds: parsed.kinds ?? [] });
    this.steps.push('yearly_counts');
    const note = subject.approximate ? this.approximateNote(asked, first.name) : '';
    if (result.total.total === 0)
      return { text: `${note}No document mentions **${first.name}** yet. ${ingestHint}` };
    return { text: note + yearlyCountsAnswer(result, first.name), ...(product ? { product } : {}) };
  }

  /** "What competes with X (in Y)?": materials used in the same applications, with evidence. */
  private async competitors(parsed: ParsedQuestion, question: string, product: ProductSummary | undefined) {
    const asked = parsed.subjects[0] ?? parsed.topic;
    const subject = await this.subjectsOf(parsed, question, ['Material', 'Application']);
    const material = product
      ? { reference: product.id, name: product.name }
      : subject.names.find((entry) => entry.label === 'Material');
    const application = subject.names.find((entry) => entry.label === 'Application');
    if (!material && !application) return this.notFound(asked, 'material or application');
    const result = await this.tools.competitors({
      ...(material ? { material: material.reference } : {}),
      ...(application ? { application: application.reference } : {}),
      limit: 8,
    });
    this.steps.push('competitors');
    // "Alternatives to X in Y" where no document uses X in Y: what is used in Y is the answer.
    if (material && application && !result.competitors.some((competitor) => competitor.passage)) {
      const ownId = result.material?.id;
      const usedThere = await this.tools.competitors({ application: application.reference, limit: 9 });
      this.steps.push('competitors');
      const own = usedThere.competitors.find((competitor) => competitor.id === ownId && competitor.passage);
      const others = { ...usedThere, competitors: usedThere.competitors.filter((c) => c.id !== ownId) };
      // The asked material is used there and nothing else is: no competitor yet, which is the answer.
      if (own?.passage && !others.competitors.some((competitor) => competitor.passage))
        return {
          text: `Only **${material.name}** is linked to **${application.name}** by evidence so far [${own.passage.n}]; no competing material is named there yet. ${ingestHint}`,
          ...(product ? { product } : {}),
        };
      if (others.competitors.some((competitor) => competitor.passage))
        return {
          text: `${own?.passage ? `Materials used in **${application.name}** besides **${material.name}** [${own.passage.n}]` : `No document uses **${material.name}** in **${application.name}**; materials that are used there`}:\n\n${competitorsAnswer(others, application.name).split('\n').slice(2).join('\n')}`,
          ...(product ? { product } : {}),
        };
    }
    const name = material?.name ?? application?.name ?? asked;
    const note = subject.approximate ? this.approximateNote(asked, name) : '';
    if (!result.competitors.some((competitor) => competitor.passage))
      return {
        text: `${note}No other material is linked by evidence to the applications of **${name}** yet. ${ingestHint}`,
        ...(product ? { product } : {}),
      };
    return { text: note + competitorsAnswer(result, name), ...(product ? { product } : {}) };
  }

  /**
   * "Where is X used (and what else could it be used for)?" about any material in the graph; a named
   * product is answered through its material for the first part and its suggestions for the second.
   */
  private async uses(parsed: ParsedQuestion, product: ProductSummary | undefined) {
    const subject = product?.id ?? parsed.subjects[0] ?? parsed.topic;
    const found = await this.tools.materialUses({ material: subject, limit: 8 });
    this.steps.push('material_uses');
    if (!found.material) {
      return {
        text: `I found no material named "${subject}" in the graph. Add it (\`matscout vocab add material "${subject}"\`) or ingest documents that name it. ${ingestHint}`,
      };
    }
    const lines = this.usedInLines(found.material.name, found.usedIn);
    // The resolver falls back to the nearest name ("silica aerogel" → silica): say so, never pass it off.
    if (!product && found.nameMatched === false)
      lines.unshift(
        `No material in the graph is named "${subject}"; the closest is **${found.material.name}**.`,
        '',
      );
    if (parsed.alsoNew) {
      lines.push('');
      if (product) {
        const suggested = await this.suggest(parsed, product);
        lines.push(suggested.text);
      } else lines.push(...this.newUseLines(found.material.name, found.suggestions));
    }
    return { text: lines.join('\n'), ...(product ? { product } : {}) };
  }

  private usedInLines(name: string, usedIn: MaterialUsesResult['usedIn']): string[] {
    const cited = usedIn.filter((use) => use.passage);
    if (cited.length === 0)
      return [`No document in the graph states a use of **${name}** yet. ${ingestHint}`];
    const lines = [`Where **${name}** is used, according to the documents:`, ''];
    for (const use of cited) {
      const passage = use.passage as NumberedPassage;
      lines.push(
        `- **${capitalise(use.name)}** (${use.documents} document${use.documents === 1 ? '' : 's'}): “${shortQuote(passage.span.quote, 160)}” (${describeSource(passage.span.document)}) [${passage.n}]`,
      );
    }
    return lines;
  }

  private newUseLines(name: string, suggestions: SuggestionSummary[]): string[] {
    const cited = suggestions.filter((suggestion) => suggestion.passages.length > 0);
    if (cited.length === 0)
      return [
        `I found no new applications for **${name}**: no passage links it, or a material like it, to an application it is not already used in.`,
      ];
    const lines = [`What else **${name}** could be used for, best first:`, ''];
    cited.slice(0, 5).forEach((suggestion, index) => {
      lines.push(
        `${index + 1}. **${capitalise(suggestion.applicationName)}**: score ${formatScore(suggestion.score, 2)}. ${citedReason(suggestion)}.`,
      );
      const first = suggestion.passages[0];
      if (first) lines.push(quoteLine(first));
    });
    return lines;
  }

  private async suggest(parsed: ParsedQuestion, product: ProductSummary | undefined) {
    if (!product) {
      const subject = parsed.subjects[0] ?? parsed.topic;
      const found = subject ? await this.tools.materialUses({ material: subject, limit: 8 }) : undefined;
      this.steps.push('material_uses');
      const material = found?.material;
      if (found && material) {
        const lines = [
          ...(found.nameMatched === false
            ? [`No material in the graph is named "${subject}"; the closest is **${material.name}**.`, '']
            : []),
          ...this.newUseLines(material.name, found.suggestions),
          '',
          ...this.usedInLines(material.name, found.usedIn),
        ];
        return { text: lines.join('\n') };
      }
      return {
        text: `I could not tell which product you mean. Name a catalog product (by name, alias or id, e.g. "What new applications could APEL have?") or pass productId. ${parsed.topic ? `Nothing in the graph matched "${parsed.topic}" either.` : ''}`.trim(),
      };
    }
    const listed = await this.tools.listSuggestions({ product: product.id, limit: 5 });
    this.steps.push('list_suggestions');
    const suggestions = listed.suggestions.filter((suggestion) => suggestion.passages.length > 0);
    const freshnessNote = listed.freshness.note;
    if (suggestions.length === 0 && freshnessNote && !listed.freshness.computedAt) {
      return {
        product,
        text: [`I have no stored suggestions for ${catalogLine(product)}.`, freshnessNote].join('\n\n'),
      };
    }
    if (suggestions.length === 0) {
      return {
        product,
        text: [
          `I found no new applications for ${catalogLine(product)} yet.`,
          ...(freshnessNote ? [freshnessNote] : []),
          `The graph has no passages that link ${product.material.name}, or materials similar to it, to applications it is not already known for.`,
          ingestHint,
        ].join('\n\n'),
      };
    }
    const lines = [`New applications for ${catalogLine(product)}, best first:`, ''];
    suggestions.forEach((suggestion, index) => {
      const status = suggestion.status === 'new' ? '' : `, ${suggestion.status}`;
      lines.push(
        `${index + 1}. **${capitalise(suggestion.applicationName)}**: score ${formatScore(suggestion.score, 2)}${status}. ${citedReason(suggestion)}.`,
      );
      const first = suggestion.passages[0];
      if (first) lines.push(quoteLine(first));
    });
    lines.push(
      '',
      `Scores combine evidence count and diversity, recency, analogue strength and property fit. Ask "Why is ${product.name} suggested for ${suggestions[0]?.applicationName}?" for the full evidence.`,
    );
    if (freshnessNote) lines.push('', freshnessNote);
    return { product, text: lines.join('\n') };
  }

  private async explain(parsed: ParsedQuestion, contextProduct: ProductSummary | undefined) {
    const [first, second] = parsed.subjects;
    let product = first ? await this.tools.getProduct(first) : undefined;
    if (!product && first) product = (await this.tools.productsNamedIn(first))[0];
    const subjectIsPronoun = !first || /^(it|this|that|they|this product|the product)$/i.test(first);
    if (!product && subjectIsPronoun) product = contextProduct;
    const applicationText = second ?? parsed.topic;
    if (product && applicationText) {
      const explained = await this.tools.explainSuggestion({
        product: product.id,
        application: applicationText,
      });
      this.steps.push('explain_suggestion');
      const evidence = explained.evidence?.passages ?? [];
      const applicationName =
        explained.suggestion?.applicationName ?? explained.evidence?.application?.name ?? applicationText;
      const lines: string[] = [];
      if (explained.suggestion) {
        const suggestion = explained.suggestion;
        const cited = suggestion.passages.length > 0 ? suggestion.passages : evidence;
        lines.push(
          `**${capitalise(applicationName)}** is suggested for ${catalogLine(product)} with score ${formatScore(suggestion.score, 2)}${suggestion.rank ? ` (rank ${suggestion.rank})` : ''}, status ${suggestion.status}.`,
          '',
          `Reason: ${citedReason(suggestion, false, cited)}.`,
        );
        const components = topComponents(suggestion.components);
        if (components) lines.push(`Strongest score components: ${components}.`);
        const shown = dedupe([...suggestion.passages, ...evidence]);
        if (shown.length > 0) {
          lines.push('', 'Evidence:');
          for (const passage of shown.slice(0, 6)) lines.push(quoteLine(passage, '- '));
        }
        return { product, text: lines.join('\n') };
      }
      if (evidence.length > 0) {
        lines.push(
          `${capitalise(applicationName)} is not among the current suggestions for ${catalogLine(product)} (it may be a known application, already reviewed, or not ranked), but these passages link ${product.material.name} with it:`,
          '',
        );
        for (const passage of evidence) lines.push(quoteLine(passage, '- '));
        return { product, text: lines.join('\n') };
      }
      return {
        product,
        text: `I found no suggestion and no passage linking ${catalogLine(product)} with "${applicationText}". ${ingestHint}`,
      };
    }
    if (first && second) {
      const evidence = await this.tools.getEvidence({ material: first, application: second, limit: 5 });
      this.steps.push('get_evidence');
      if (evidence.passages.length > 0) {
        const lines = [
          `Passages linking **${evidence.material?.name ?? first}** with **${evidence.application?.name ?? second}**${evidence.basis === 'co-mention' ? ' (they are named together; no extracted use fact)' : ''}:`,
          '',
        ];
        for (const passage of evidence.passages) lines.push(quoteLine(passage, '- '));
        return { text: lines.join('\n') };
      }
      return { text: `I found no passage linking "${first}" with "${second}". ${ingestHint}` };
    }
    return this.search(parsed, parsed.topic, contextProduct);
  }

  private linkLine(link: NeighbourSummary): string {
    const when = link.lastSeen ? `, latest ${link.lastSeen.slice(0, 10)}` : '';
    const passage = link.passage;
    return passage
      ? `- ${link.name} (${link.documents} document${link.documents === 1 ? '' : 's'}${when}): “${shortQuote(passage.span.quote, 120)}” [${passage.n}]`
      : '';
  }

  private async compare(parsed: ParsedQuestion, named: ProductSummary[]) {
    const subjects =
      parsed.subjects.length === 2 ? parsed.subjects : named.slice(0, 2).map((product) => product.id);
    if (subjects.length < 2) {
      return { text: 'Tell me the two products or materials to compare, e.g. "compare APEL and TPX".' };
    }
    if (this.tools.hasAggregates) {
      const [left, right] = subjects as [string, string];
      const result = await this.tools.compareEntities({ left, right });
      this.steps.push('compare_entities');
      const text = comparisonAnswer(result);
      return { text: result.sides.every((side) => !side.entity) ? `${text}\n\n${ingestHint}` : text };
    }
    const sides: Array<{ label: string; result: NeighbourhoodResult }> = [];
    for (const subject of subjects) {
      const result = await this.tools.entityNeighbourhood({ entity: subject, limit: 8 });
      this.steps.push('entity_neighbourhood');
      const label = result.product
        ? `${result.product.name} (${result.product.material.name})`
        : (result.entity?.name ?? subject);
      sides.push({ label, result });
    }
    const lines: string[] = [];
    for (const { label, result } of sides) {
      if (!result.entity) {
        lines.push(`**${label}**: not found in the graph.`, '');
        continue;
      }
      const patents = result.mentions.patent ?? 0;
      const news = result.mentions.news ?? 0;
      const cited = [...result.applications, ...result.properties, ...result.materials].filter(
        (link) => link.passage,
      );
      lines.push(
        `**${label}**: mentioned in ${patents} patent${patents === 1 ? '' : 's'} and ${news} news item${news === 1 ? '' : 's'}${cited[0]?.passage ? ` [${cited[0].passage.n}]` : ''}.`,
      );
      const applications = result.applications.filter((link) => link.passage);
      const properties = result.properties.filter((link) => link.passage);
      if (applications.length > 0) {
        lines.push('Applications:');
        for (const link of applications) lines.push(this.linkLine(link));
      }
      if (properties.length > 0) {
        lines.push('Properties:');
        for (const link of properties) lines.push(this.linkLine(link));
      }
      if (applications.length === 0 && properties.length === 0)
        lines.push('No applications or properties are linked to it by evidence yet.');
      lines.push('');
    }
    const [left, right] = sides;
    if (left?.result.entity && right?.result.entity) {
      const rightById = new Map(
        right.result.applications.filter((l) => l.passage).map((link) => [link.id, link]),
      );
      const shared = left.result.applications.filter((link) => link.passage && rightById.has(link.id));
      if (shared.length > 0) {
        lines.push(
          `Both are linked to: ${shared
            .map(
              (link) =>
                `${link.name} ${markers([link.passage as NumberedPassage, rightById.get(link.id)?.passage as NumberedPassage])}`,
            )
            .join('; ')}.`,
        );
      } else {
        lines.push('The documents link them to no common application.');
      }
    }
    if (sides.every((side) => !side.result.entity)) lines.push(ingestHint);
    return { text: lines.join('\n').trim() };
  }

  private async trend(parsed: ParsedQuestion, question: string, product: ProductSummary | undefined) {
    const subject = parsed.subjects[0] ?? parsed.topic;
    if (this.tools.hasAggregates && !subjectTopicOf(question)) return this.growing(parsed);
    const application: EntityRef | undefined = subject
      ? await this.tools.resolveEntity(subject, 'Application')
      : undefined;
    this.steps.push('resolve_entity');
    // A trend of something that is no application (a material, a product): its documents per year.
    if (this.tools.hasAggregates) {
      const named = await this.tools.entitiesNamedIn(question, subject || question);
      const first = named[0];
      if (product || (first && first.id !== application?.id && first.label !== 'Application'))
        return this.count({ ...parsed, intent: 'count' }, question, product);
    }
    if (!application) {
      return {
        text: `I could not find an application named "${subject}" in the graph. Trends are counted per application (e.g. "trend of medical packaging"). ${ingestHint}`,
        ...(product ? { product } : {}),
      };
    }
    const trend = await this.tools.applicationTrend({ application: application.id });
    this.steps.push('application_trend');
    const years = trend.years.filter((year) => year.passage);
    if (years.length === 0) {
      return {
        text: `No document mentions ${application.name} yet. ${ingestHint}`,
        ...(product ? { product } : {}),
      };
    }
    const lines = [
      `Documents mentioning **${application.name}** per year (patents / news), each with an example passage:`,
      '',
    ];
    for (const year of years) {
      lines.push(
        `- ${year.year}: ${year.patents} patent${year.patents === 1 ? '' : 's'}, ${year.news} news [${year.passage?.n}]`,
        quoteLine(year.passage as NumberedPassage, '  > '),
      );
    }
    const firstYear = years[0];
    const lastYear = years[years.length - 1];
    if (firstYear && lastYear && firstYear !== lastYear) {
      const direction =
        lastYear.total > firstYear.total ? 'rose' : lastYear.total < firstYear.total ? 'fell' : 'held steady';
      lines.push(
        '',
        `Mentions ${direction} from ${firstYear.total} document${firstYear.total === 1 ? '' : 's'} in ${firstYear.year} to ${lastYear.total} in ${lastYear.year} [${firstYear.passage?.n}][${lastYear.passage?.n}].`,
      );
    }
    return { text: lines.join('\n'), ...(product ? { product } : {}) };
  }

  private async search(parsed: ParsedQuestion, question: string, product: ProductSummary | undefined) {
    const query = parsed.topic || question;
    const found = await this.tools.searchPassages({ query, limit: 5 });
    this.steps.push('search_passages');
    if (found.passages.length === 0) {
      return {
        text: `I found no passages about "${query}" in the graph. ${ingestHint} Questions that name a product ("What new applications could APEL have?"), a material or an application work best. I can answer: ${answerableQuestions}.`,
        ...(product ? { product } : {}),
      };
    }
    const lines = [`Passages about "${query}", most relevant first:`, ''];
    for (const passage of found.passages) {
      const document = passage.span.document;
      lines.push(
        `- **${document.title || document.id}** (${document.kind}, ${dateLabel(document.publishedAt)}, ${passage.span.section}): “${shortQuote(passage.span.quote, 220)}” [${passage.n}]`,
      );
    }
    if (found.entities.length > 0) {
      lines.push(
        '',
        `Graph entities that match: ${found.entities.map((entity) => `${entity.name} (${entity.label.toLowerCase()})`).join(', ')}.`,
      );
    }
    const named = await this.tools.entitiesNamedIn(question, query);
    this.steps.push('entities_named_in');
    if (named.length === 0 && !product)
      lines.push(
        '',
        `Nothing the question names is in the graph, so this is a plain passage search. I can answer: ${answerableQuestions}.`,
      );
    return { text: lines.join('\n'), ...(product ? { product } : {}) };
  }
}

function dedupe(passages: NumberedPassage[]): NumberedPassage[] {
  const seen = new Set<number>();
  return passages.filter((passage) => {
    if (seen.has(passage.n)) return false;
    seen.add(passage.n);
    return true;
  });
}
