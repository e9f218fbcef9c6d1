/** What a question asks for; the deterministic planner answers each kind with its own tools. */
export type ChatIntent =
  | 'suggest'
  | 'uses'
  | 'explain'
  | 'search'
  | 'compare'
  | 'trend'
  | 'landscape'
  | 'growing'
  | 'requirements'
  | 'count'
  | 'competitors';

export interface ParsedQuestion {
  intent: ChatIntent;
  /** Named things in the order the question gives them (e.g. product then application for `explain`). */
  subjects: string[];
  /** The question without its intent words: keywords for search and entity look-up. */
  topic: string;
  /** For `uses`: the question also asks what else the subject could be used for. */
  alsoNew?: boolean;
  /** Document kinds the question restricts itself to ("patents", "in the news"); empty for all. */
  kinds?: Array<'patent' | 'news'>;
  /** For `growing`: what is ranked, and the window in years when the question states one. */
  ranks?: 'application' | 'material';
  window?: number;
}

const tail = String.raw`\s*[?.!]*\s*$`;

const explainPatterns = [
  new RegExp(
    String.raw`\bwhy\s+(?:is|was|would|are|were|does|did|has|have)\s+(.+?)\s+(?:been\s+|be\s+)?(?:suggested|proposed|recommended|ranked|listed|considered|chosen|a\s+(?:good\s+|strong\s+)?(?:fit|candidate|match|suggestion|option))\s+(?:for|in|as|to)\s+(.+?)${tail}`,
    'i',
  ),
  new RegExp(String.raw`\bwhy\s+(.+?)\s+(?:for|in)\s+(.+?)${tail}`, 'i'),
  new RegExp(
    String.raw`\bexplain\s+(?:the\s+)?(?:suggestion\s+)?(?:of\s+|for\s+)?(.+?)\s+(?:for|in)\s+(.+?)${tail}`,
    'i',
  ),
  new RegExp(
    String.raw`\bevidence\s+(?:that\s+|for\s+|of\s+|linking\s+|links?\s+|supporting\s+)?(.+?)\s+(?:is\s+|are\s+)?(?:used\s+|suitable\s+)?(?:in|for|and|with)\s+(.+?)${tail}`,
    'i',
  ),
];

const comparePatterns = [
  new RegExp(String.raw`\bcompare\s+(.+?)\s+(?:and|with|to|vs\.?|versus|against)\s+(.+?)${tail}`, 'i'),
  new RegExp(String.raw`\bdifferences?\s+between\s+(.+?)\s+and\s+(.+?)${tail}`, 'i'),
  new RegExp(
    String.raw`^\s*(?:how\s+does\s+)?(.+?)\s+(?:vs\.?|versus|compared\s+(?:to|with))\s+(.+?)${tail}`,
    'i',
  ),
];

/** "Where is X used", "What is X used for", "uses of X": X is the subject. */
const usesPatterns = [
  /\bwhere\s+(?:is|are|was|were|has|have)\s+(.+?)\s+(?:been\s+|being\s+|currently\s+|commonly\s+|typically\s+|already\s+)*used\b/i,
  /\bwhat\s+(?:is|are|was|were)\s+(.+?)\s+(?:being\s+|currently\s+|commonly\s+|typically\s+)*used\s+(?:for|in|as)\b/i,
  new RegExp(String.raw`\b(?:known\s+|current\s+|existing\s+)?uses\s+of\s+(.+?)(?:[,;]|${tail})`, 'i'),
];

/** "What else could X be used for", "Where else could X be used": X is the subject. */
const elsePatterns = [
  /\b(?:what|where|how)\s+else\s+(?:could|can|might|would|should|may)\s+(.+?)\s+be\s+used\b/i,
  // "Where could our COC go next?", "Where should X go from here?"
  /\bwhere\s+(?:else\s+)?(?:could|can|might|would|should|may)\s+(.+?)\s+go\b/i,
  // "Which markets could X enter / expand into / break into?"
  /\b(?:could|can|might|should)\s+(.+?)\s+(?:enter|expand\s+into|move\s+into|break\s+into|target)\b/i,
  new RegExp(
    String.raw`\b(?:new|other)\s+(?:applications?|uses?|markets?)\s+(?:for|of)\s+(.+?)(?:[,;]|${tail})`,
    'i',
  ),
];

const pronoun = /^(?:it|they|this|that|them|these|those)$/i;

function subjectOf(text: string, patterns: readonly RegExp[]): string | undefined {
  for (const pattern of patterns) {
    const match = text.match(pattern);
    const subject = match?.[1] ? clean(match[1]) : '';
    if (subject && !pronoun.test(subject)) return subject;
  }
  return undefined;
}

const trendWords =
  /\b(trends?|trending|over\s+time|per\s+year|by\s+year|each\s+year|year\s+by\s+year|momentum|growing|growth|timeline|history\s+of|how\s+often|mentions\s+of)\b/i;
const suggestWords =
  /\b(new\s+(?:applications?|uses?|markets?|opportunit(?:y|ies))|(?:suggest|propose|recommend)(?:ed|ions?)?\b|opportunit(?:y|ies)|what\s+else|other\s+(?:applications?|uses?)|where\s+else|could\s+.+\s+be\s+used|applications?\s+(?:could|might|should|can)|white\s*spaces?|where\s+(?:else\s+)?(?:could|can|might|would|should|may)\s+.+\s+go\b|go\s+next|(?:could|can|might|should)\s+.+\s+(?:enter|expand\s+into|move\s+into|break\s+into)\b)/i;
const explainWords = /\b(why|explain|justify|justification|rationale|evidence)\b/i;
const compareWords = /\b(compare|comparison|versus|vs\.?|difference between)\b/i;

const competitorWords =
  /\b(?:compet(?:e|es|ed|ing|itors?|ition|itive)|rivals?|rivalry|alternatives?\s+(?:to|for)|substitutes?\s+(?:to|for)|displac(?:e|es|ing)|vying)\b/i;
const requirementWords =
  /\b(?:withstand|tolerate|endure|requirements?|require[sd]?|requiring|needs?|needed|must\s+(?:have|withstand|meet|offer|be|resist|survive|pass)|specs?|specifications?|criteria|demands?\s+(?:of|on|for)|(?:what|which)\s+(?:material\s+)?(?:properties|performance|characteristics|attributes)|properties\s+(?:does|do|should|must|are|is)|should\s+(?:have|offer|withstand))\b/i;
const countWords = /\b(?:how\s+many|number\s+of|count\s+of|counts?\s+(?:per|by|each)|tally)\b/i;
const landscapeWords =
  /\bwho\b|\b(?:which|what)\s+(?:\w+\s+)?(?:compan(?:y|ies)|firms?|organi[sz]ations?|assignees?|applicants?|players?|manufacturers?|makers?|producers?|suppliers?|patentees?|corporations?|businesses)\b|\b(?:top|leading|main|major|key|biggest|largest|active)\s+(?:\w+\s+)?(?:assignees?|applicants?|players?|compan(?:y|ies)|firms|patentees|filers|organi[sz]ations|manufacturers|producers|suppliers|makers)\b|\blandscape\b|\bassignees?\b|\bpatentees?\b|\bpatent\s+holders?\b/i;
const growthWords =
  /\b(?:grow\w*|fast(?:est|er)|rising|rise|emerging|momentum|hot(?:test)?|trending|gaining|booming|boom|accelerat\w*|surg\w+|expanding|increasing(?:ly)?|up[- ]and[- ]coming|tak(?:e|ing)\s+off|picking\s+up|on\s+the\s+rise|most\s+(?:active|attention|mentioned|discussed))\b/i;
const rankingClass =
  /\b(?:applications?|markets?|uses?|areas?|fields?|segments?|sectors?|end[- ]?uses?|topics?|industr(?:y|ies)|materials?|polymers?|chemicals?|resins?|opportunit(?:y|ies))\b/i;
const rankingCue = /\b(?:which|what|top|most|fastest|list|rank\w*|where)\b/i;
const patentWords = /\bpatent(?:s|ed|ing|ees?)?\b|\bassignees?\b|\bfilings?\b|\bapplicants?\b/i;
const newsWords = /\bnews\b|\bpress\b|\barticles?\b|\bmedia\b|\bannouncements?\b|\bheadlines?\b/i;

const numberWords: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** "over the last 5 years", "past three years" → 5, 3; undefined when the question names no window. */
function windowOf(text: string): number | undefined {
  const match = text.match(
    /\b(?:last|past|previous|recent)\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+years?\b/i,
  );
  if (!match?.[1]) return undefined;
  const word = match[1].toLowerCase();
  const value = numberWords[word] ?? Number(word);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The kinds a question restricts itself to: patents, news, or (both or neither) all. */
function kindsOf(text: string): Array<'patent' | 'news'> {
  const patents = patentWords.test(text);
  const news = newsWords.test(text);
  if (patents === news) return [];
  return patents ? ['patent'] : ['news'];
}

/** Words of the aggregate questions that never name the subject. */
const aggregateWords = new Set(
  `patenting patented patentee patentees filing filings files filed companies company firms firm players player
  assignee assignees organisations organizations organisation organization applicants applicant manufacturers
  manufacturer makers maker producers producer suppliers supplier making makes make made producing produces
  produce manufacturing manufactures manufacture supplying supplies supply selling sells sell active working
  work works holds hold holding leading leaders leader main major key top biggest largest landscape who
  requirements requirement require requires required requiring need needs needed must withstand meet offer
  properties property specs spec specification specifications criteria characteristics attributes performance
  demands demand should many number count counts tally each every annual annually mentioned mentioning articles
  article items item compete competes competing competitors competitor competition rivals rival alternatives
  alternative substitutes substitute fastest fast faster rising rise emerging hot hottest gaining booming boom
  expanding increasing right now currently today recently recent last past previous decade typical typically
  materials material kind kinds type types does do did publications publication press media headlines`.split(
    /\s+/,
  ),
);

/** The question's content words without intent words and aggregate words: what names the subject. */
export function subjectTopicOf(question: string): string {
  return topicOf(question)
    .split(' ')
    .filter((word) => word && !aggregateWords.has(word.toLowerCase()) && !/^\d{4}$/.test(word))
    .join(' ');
}

const stopWords = new Set(
  `a an the of for in on to and or with by from about into is are was were be been being do does did have has had
  what which who whom whose when where why how can could would should might may will shall it its this that these
  those there their they them we our us you your i me my show tell give list find any some more most other else new
  applications application uses use used using suggest suggested suggestions suggestion propose proposed recommend
  recommended opportunities opportunity markets market please trend trends trending over time per year years
  yearly growth growing momentum timeline history often mentions mention compare comparison versus vs difference
  between explain evidence why rationale justify passages passage documents document patents patent news about
  get see look let know`.split(/\s+/),
);

function clean(subject: string): string {
  return subject
    .replace(/^(?:the|a|an|our|my)\s+/i, '')
    .replace(/\s+(?:have|has|get|see|find)$/i, '')
    .replace(/["'“”‘’]/g, '')
    .trim();
}

/** The question's content words (intent and function words removed). */
export function topicOf(question: string): string {
  return question
    .split(/[^\p{L}\p{N}:+\-/.]+/u)
    .map((word) => word.replace(/^[.\-/]+|[.\-/]+$/g, ''))
    .filter((word) => word.length > 0 && !stopWords.has(word.toLowerCase()))
    .join(' ');
}

/** Classifies a question as suggest / explain / search / compare / trend (first match, in that order of checks). */
export function classifyIntent(question: string): ChatIntent {
  return parseQuestion(question).intent;
}

/** Classifies the question and pulls out what it names (see ParsedQuestion). */
export function parseQuestion(question: string): ParsedQuestion {
  const text = question.trim();
  const topic = topicOf(text);
  if (compareWords.test(text)) {
    for (const pattern of comparePatterns) {
      const match = text.match(pattern);
      if (match?.[1] && match[2])
        return { intent: 'compare', subjects: [clean(match[1]), clean(match[2])], topic };
    }
    return { intent: 'compare', subjects: [], topic };
  }
  const aggregate = aggregateIntentOf(text);
  if (aggregate) return aggregate;
  if (trendWords.test(text) && !explainWords.test(text))
    return { intent: 'trend', subjects: topic ? [topic] : [], topic };
  if (explainWords.test(text)) {
    for (const pattern of explainPatterns) {
      const match = text.match(pattern);
      if (match?.[1] && match[2])
        return { intent: 'explain', subjects: [clean(match[1]), clean(match[2])], topic };
    }
    return { intent: 'explain', subjects: [], topic };
  }
  const used = subjectOf(text, usesPatterns);
  if (used) return { intent: 'uses', subjects: [used], topic, alsoNew: suggestWords.test(text) };
  if (suggestWords.test(text)) {
    const subject = subjectOf(text, elsePatterns) ?? topic;
    return { intent: 'suggest', subjects: subject ? [subject] : [], topic };
  }
  return { intent: 'search', subjects: topic ? [topic] : [], topic };
}

/** Pulls the two sides out of "X or Y, which …" / "X and Y: which is better …" comparisons. */
const whichOfTwo =
  /^\s*(?:should\s+(?:i|we)\s+use\s+)?(.+?)\s+or\s+(.+?)(?:\s*[,:;?]\s*|\s+)(?:which|what|for)\b/i;

/**
 * The aggregate questions: competitors, requirements, counts, landscape (who), growth ranking. Checked
 * after comparisons and before the older intents; undefined when the question is none of them.
 */
function aggregateIntentOf(text: string): ParsedQuestion | undefined {
  const topic = topicOf(text);
  const subject = subjectTopicOf(text);
  const kinds = kindsOf(text);
  const subjects = subject ? [subject] : [];
  const base = { subjects, topic, kinds };
  if (competitorWords.test(text)) return { intent: 'competitors', ...base };
  const pair = text.match(whichOfTwo);
  if (
    pair?.[1] &&
    pair[2] &&
    /\b(?:better|best|preferred|stronger|more|cheaper|suited|suitable)\b/i.test(text)
  )
    return { intent: 'compare', subjects: [clean(pair[1]), clean(pair[2])], topic };
  if (countWords.test(text)) return { intent: 'count', ...base };
  if (requirementWords.test(text) && !explainWords.test(text)) return { intent: 'requirements', ...base };
  if (landscapeWords.test(text) && !explainWords.test(text)) return { intent: 'landscape', ...base };
  if (growthWords.test(text) && rankingClass.test(text) && rankingCue.test(text)) {
    const window = windowOf(text);
    const ranks = /\b(?:materials?|polymers?|chemicals?|resins?)\b/i.test(text) ? 'material' : 'application';
    return { intent: 'growing', ...base, ranks, ...(window ? { window } : {}) };
  }
  return undefined;
}
