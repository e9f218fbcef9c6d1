/**
 * Sentence splitting of the discovery task README (step 1): a segment is cut at bullet signs, then at
 * `.`, `!` or `?` (with closing quotes or brackets) followed by white space and an upper-case letter,
 * digit or opening quote/bracket, unless the word before the period is a known abbreviation or a
 * single letter.
 */

const ABBREVIATIONS = new Set(
  [
    'e.g',
    'i.e',
    'fig',
    'figs',
    'no',
    'nos',
    'u.s',
    'al',
    'pat',
    'wt',
    'vol',
    'approx',
    'ca',
    'etc',
    'vs',
    'cf',
    'mr',
    'mrs',
    'ms',
    'dr',
    'prof',
    'inc',
    'ltd',
    'co',
    'corp',
    'jan',
    'feb',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'oct',
    'nov',
    'dec',
  ].map((word) => word.toLowerCase()),
);

const BOUNDARY = /[.!?]["'\u201d\u2019)\]]*\s+(?=["'\u201c\u2018([]?[\p{Lu}\p{N}])/gu;

export function splitSentences(segment: string): string[] {
  const sentences: string[] = [];
  for (const part of segment.split('\u2022')) {
    let start = 0;
    for (const match of part.matchAll(BOUNDARY)) {
      const end = match.index;
      if (part[end] === '.') {
        const before = /([\p{L}.]+)$/u.exec(part.slice(start, end))?.[1] ?? '';
        const word = before.replace(/^\.+/, '').toLowerCase();
        if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
      }
      const sentence = part.slice(start, end + 1).trim();
      if (sentence) sentences.push(sentence);
      start = end + match[0].length;
    }
    const rest = part.slice(start).trim();
    if (rest) sentences.push(rest);
  }
  return sentences;
}
