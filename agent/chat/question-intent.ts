/** What a question asks for; the deterministic planner answers each kind with its own tools. */
export type ChatIntent = 'suggest' | 'uses' | 'explain' | 'search' | 'compare' | 'trend';

export interface ParsedQuestion {
  intent: ChatIntent;
  /** Named things in the order the question gives them (e.g. product then application for `explain`). */
  subjects: string[];
  /** The question without its intent words: keywords for search and entity look-up. */
  topic: string;
  /** For `uses`: the question also asks what else the subject could be used for. */
  alsoNew?: boolean;
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
  /\b(new\s+(?:applications?|uses?|markets?|opportunit(?:y|ies))|(?:suggest|propose|recommend)(?:ed|ions?)?\b|opportunit(?:y|ies)|what\s+else|other\s+(?:applications?|uses?)|where\s+else|could\s+.+\s+be\s+used|applications?\s+(?:could|might|should|can)|white\s*spaces?)/i;
const explainWords = /\b(why|explain|justify|justification|rationale|evidence)\b/i;
const compareWords = /\b(compare|comparison|versus|vs\.?|difference between)\b/i;

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
