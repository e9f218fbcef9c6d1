import type {
  ComparisonResult,
  CompetitorsResult,
  LandscapeResult,
  OrganizationCount,
  RequirementsResult,
  TrendsResult,
  YearlyCountsResult,
} from './chat-tool-results.ts';
import { describeSource, type NumberedPassage, shortQuote } from './passage-format.ts';

/** The answers of the aggregate questions: a few lines, numbers, and a `[n]` behind every count from documents. */

export const answerableQuestions =
  'who works on a material or application ("Who is patenting cyclic olefin copolymer?"), which applications are growing ("Which applications are growing fastest in the news?"), what an application needs ("What properties does a battery separator need?"), how many documents mention something ("How many patents mention polyethylene each year?"), what competes with a material ("What competes with polypropylene in syringes?"), comparisons ("Compare polypropylene and polyethylene"), where a material is used and what else it could be used for, and why a product is suggested for an application';

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function cite(passage: NumberedPassage | undefined): string {
  return passage ? ` [${passage.n}]` : '';
}

function years(first: string | undefined, last: string | undefined): string {
  if (!first && !last) return 'undated';
  if (first === last || !last) return String(first);
  if (!first) return String(last);
  return `${first}–${last}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function quoteOf(passage: NumberedPassage | undefined, length = 140): string {
  return passage
    ? `   > “${shortQuote(passage.span.quote, length)}” (${describeSource(passage.span.document)}) [${passage.n}]`
    : '';
}

function documentCounts(documents: Record<string, number>): string {
  const patents = documents.patent ?? 0;
  const news = documents.news ?? 0;
  return `${plural(patents, 'patent')} and ${plural(news, 'news item')}`;
}

function organizationLine(organization: OrganizationCount, index: number, noun: string): string {
  return `${index + 1}. **${organization.name}**: ${plural(organization.documents, noun)}, ${years(organization.firstYear, organization.lastYear)}${cite(organization.passage)}`;
}

/** Who works on the entity: top assignees and news organisations. */
export function landscapeAnswer(result: LandscapeResult, name: string): string {
  const lines = [`**${capitalise(name)}** is mentioned in ${documentCounts(result.documents)}.`];
  const cited = result.assignees.filter((organization) => organization.passage);
  if (cited.length > 0) {
    lines.push('', 'Top patent assignees (patents that mention it, first–last year):');
    cited.forEach((organization, index) => {
      lines.push(organizationLine(organization, index, 'patent'));
    });
    if (result.patentsWithoutAssignee > 0)
      lines.push(`(${plural(result.patentsWithoutAssignee, 'patent')} name no assignee.)`);
  } else if ((result.documents.patent ?? 0) > 0) {
    lines.push('', 'None of its patents names an assignee.');
  }
  const news = result.newsOrganizations.filter((organization) => organization.passage);
  if (news.length > 0) {
    lines.push('', 'Organisations in news about it:');
    news.slice(0, 6).forEach((organization, index) => {
      lines.push(organizationLine(organization, index, 'news item'));
    });
  }
  const producers = result.producers.filter((organization) => organization.passage);
  if (producers.length > 0) {
    lines.push('', 'Organisations the documents say make or supply it:');
    producers.slice(0, 6).forEach((organization, index) => {
      lines.push(organizationLine(organization, index, 'document'));
    });
  }
  const inventors = result.inventors.filter((inventor) => inventor.passage);
  if (inventors.length > 0) {
    lines.push('', 'Inventors on its patents that name no assignee:');
    inventors.slice(0, 6).forEach((inventor, index) => {
      lines.push(organizationLine(inventor, index, 'patent'));
    });
  }
  if (cited.length === 0 && news.length === 0 && producers.length === 0 && inventors.length === 0)
    lines.push('', 'No assignee or organisation is linked to the documents that mention it.');
  return lines.join('\n');
}

/** Applications (or materials) ranked by growth. */
export function growingAnswer(result: TrendsResult): string {
  const what = result.label === 'Material' ? 'Materials' : 'Applications';
  const where =
    result.kinds.length === 1 ? (result.kinds[0] === 'news' ? 'news items' : 'patents') : 'documents';
  const recent = `${result.recentWindow.from}–${result.recentWindow.to}`;
  const previous = `${result.previousWindow.from}–${result.previousWindow.to}`;
  const ranked = result.ranked.filter((entry) => entry.passage);
  if (ranked.length === 0)
    return `No ${what.toLowerCase()} are mentioned in at least two dated ${where} of ${recent}; ${plural(result.undatedDocuments, 'undated document')} are left out of trends.`;
  const lines = [
    `${what} growing fastest in ${where}: ${recent} against ${previous} (dated ${where} only; ${plural(result.undatedDocuments, 'undated document')} left out):`,
    '',
  ];
  ranked.slice(0, 6).forEach((entry, index) => {
    const perYear = entry.years
      .filter((year) => Number(year.year) >= result.previousWindow.from)
      .map((year) => `${year.year}: ${year.documents}`)
      .join(', ');
    lines.push(
      `${index + 1}. **${capitalise(entry.name)}**: ${entry.recent} in ${recent} vs ${entry.previous} in ${previous} (×${entry.growth.toFixed(1)})${cite(entry.passage)}${perYear ? `; per year ${perYear}` : ''}`,
    );
  });
  return lines.join('\n');
}

function valueText(values: Array<{ value: number; unit?: string }>): string {
  if (values.length === 0) return '';
  return `; stated: ${values
    .slice(0, 3)
    .map((value) => `${value.value}${value.unit ? ` ${value.unit}` : ''}`)
    .join(', ')}`;
}

/** What an application needs, with the products that have it. */
export function requirementsAnswer(result: RequirementsResult, name: string): string {
  const cited = result.properties.filter((property) => property.passages.length > 0);
  const lines = [`What documents say **${name}** requires:`, ''];
  for (const property of cited.slice(0, 8)) {
    const markers = property.passages
      .slice(0, 3)
      .map((passage) => `[${passage.n}]`)
      .join('');
    const products =
      property.products.length > 0
        ? `; catalog products with it: ${property.products.map((product) => product.name).join(', ')}`
        : '';
    lines.push(
      `- **${capitalise(property.name)}** (${plural(property.documents, 'document')}${valueText(property.values)}${products}) ${markers}`,
      quoteOf(property.passages[0]),
    );
  }
  return lines.join('\n');
}

/** Documents mentioning the entity per year. */
export function yearlyCountsAnswer(result: YearlyCountsResult, name: string): string {
  const only = result.kinds.length === 1 ? result.kinds[0] : undefined;
  const noun = only === 'patent' ? 'Patents' : only === 'news' ? 'News items' : 'Documents';
  const years = result.years.filter((year) => year.passage);
  const lines = [
    `${noun} mentioning **${name}** per year${only ? '' : ' (patents / news)'}, each with an example passage:`,
    '',
  ];
  for (const year of years) {
    const counts = only ? `${year.total}` : `${plural(year.patents, 'patent')}, ${year.news} news`;
    lines.push(`- ${year.year}: ${counts} [${year.passage?.n}]`);
  }
  const total = only
    ? plural(result.total.total, only === 'patent' ? 'patent' : 'news item')
    : `${plural(result.total.patents, 'patent')} and ${plural(result.total.news, 'news item')}`;
  const undated = result.undated.total;
  lines.push(
    '',
    `In all: ${total}${undated > 0 ? `, of which ${undated} ${undated === 1 ? 'has' : 'have'} no date and ${undated === 1 ? 'is' : 'are'} in no year` : ''}.`,
  );
  return lines.join('\n');
}

/** Materials competing with the one asked about (or used in the application asked about). */
export function competitorsAnswer(result: CompetitorsResult, subject: string): string {
  const cited = result.competitors.filter((competitor) => competitor.passage);
  const lead = result.material
    ? `Materials used where **${subject}** is used${result.application ? ` in ${result.application.name}` : ''} (shared applications, documents each):`
    : `Materials used in **${subject}**, most documents first:`;
  const lines = [lead, ''];
  cited.slice(0, 8).forEach((competitor, index) => {
    const applications = competitor.applications
      .slice(0, 3)
      .map((application) => `${application.name} (${application.documents})`)
      .join(', ');
    lines.push(
      `${index + 1}. **${capitalise(competitor.name)}**: ${result.material ? applications : plural(competitor.documents, 'document')}${cite(competitor.passage)}`,
    );
  });
  return lines.join('\n');
}

/** Two materials or products side by side. */
export function comparisonAnswer(result: ComparisonResult): string {
  const lines: string[] = [];
  for (const side of result.sides) {
    if (!side.entity) {
      lines.push(`**${side.label}**: not found in the graph.`, '');
      continue;
    }
    const assignees = side.assignees
      .filter((organization) => organization.passage)
      .map((organization) => `${organization.name} (${organization.documents})${cite(organization.passage)}`)
      .join(', ');
    lines.push(
      `**${side.label}**: mentioned in ${documentCounts(side.mentions)}${assignees ? `; top assignees: ${assignees}` : ''}.`,
    );
    const applications = side.applications.filter((link) => link.passage);
    if (applications.length > 0)
      lines.push(
        `- Used in: ${applications.map((link) => `${link.name} (${plural(link.documents, 'document')})${cite(link.passage)}`).join('; ')}`,
      );
    const properties = side.properties.filter((link) => link.passage);
    if (properties.length > 0)
      lines.push(
        `- Properties stated: ${properties.map((link) => `${link.name}${cite(link.passage)}`).join('; ')}`,
      );
    if (applications.length === 0 && properties.length === 0)
      lines.push('- No applications or properties are linked to it by evidence yet.');
    lines.push('');
  }
  const [left, right] = result.sides;
  if (left?.entity && right?.entity) {
    const shared = result.sharedApplications.filter((application) => application.passages.length > 0);
    lines.push(
      shared.length > 0
        ? `Both are linked to: ${shared
            .map(
              (application) =>
                `${application.name} ${application.passages.map((passage) => `[${passage.n}]`).join('')}`,
            )
            .join('; ')}.`
        : 'The documents link them to no common application.',
    );
  }
  return lines.join('\n').trim();
}
