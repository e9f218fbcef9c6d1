const monthNames = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function validDay(year: number, month: number, day: number): string | undefined {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function monthIndex(name: string): number {
  return monthNames.indexOf(name.slice(0, 3).toLowerCase() as (typeof monthNames)[number]) + 1;
}

/**
 * Normalises a date as publishers write it to `YYYY-MM-DD`, or to a full UTC ISO timestamp when the
 * value carries a time with a zone. Returns undefined when the value is not a recognisable date.
 */
export function normalizeDate(value: string | undefined | null): string | undefined {
  const text = (value ?? '').trim();
  if (!text) return undefined;
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i.exec(
      text,
    );
  if (iso) {
    const day = validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (!day) return undefined;
    // Without a zone the wall-clock time cannot be placed on the UTC axis, so only the day is kept.
    if (iso[4] && iso[7]) {
      const zone = iso[7].toUpperCase() === 'Z' ? 'Z' : iso[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
      const parsed = new Date(`${day}T${iso[4]}:${iso[5]}:${iso[6] ?? '00'}${zone}`);
      if (!Number.isNaN(parsed.getTime())) return parsed.toISOString();
    }
    return day;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return validDay(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return findDateInText(text);
}

/** Finds the first written-out date ("April 25, 2024", "25 April 2024", "26-FEB-1987") in free text. */
export function findDateInText(text: string): string | undefined {
  const monthDayYear =
    /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i.exec(
      text,
    );
  const dayMonthYear =
    /\b(\d{1,2})(?:st|nd|rd|th)?[\s-]+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[\s-]+(\d{4})\b/i.exec(
      text,
    );
  const candidates: Array<{ index: number; date: string | undefined }> = [];
  if (monthDayYear) {
    candidates.push({
      index: monthDayYear.index,
      date: validDay(Number(monthDayYear[3]), monthIndex(monthDayYear[1] ?? ''), Number(monthDayYear[2])),
    });
  }
  if (dayMonthYear) {
    candidates.push({
      index: dayMonthYear.index,
      date: validDay(Number(dayMonthYear[3]), monthIndex(dayMonthYear[2] ?? ''), Number(dayMonthYear[1])),
    });
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates.find((candidate) => candidate.date)?.date;
}

/** Date written in a URL or path: `/2019/11/19/`, `/2024/0425/`, `2019-11-19`. */
export function findDateInPath(path: string): string | undefined {
  const patterns = [
    /(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{2})[/_-](\d{2})(?=$|[/_.-])/,
    /(?:^|\/)((?:19|20)\d{2})\/(\d{2})(\d{2})(?=\/)/,
    /(?:^|\/)((?:19|20)\d{2})(\d{2})(\d{2})(?=\/)/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(path);
    if (!match) continue;
    const day = validDay(Number(match[1]), Number(match[2]), Number(match[3]));
    if (day) return day;
  }
  return undefined;
}

// Month names as wires write them: "May", "Sept.", "JANUARY".
const month =
  '(?:[Jj]an|JAN|[Ff]eb|FEB|[Mm]ar|MAR|[Aa]pr|APR|[Mm]ay|MAY|[Jj]un|JUN|[Jj]ul|JUL|[Aa]ug|AUG|[Ss]ep|SEP|[Oo]ct|OCT|[Nn]ov|NOV|[Dd]ec|DEC)[A-Za-z]*\\.?';
const writtenOrIsoDate = `(\\d{4}-\\d{2}-\\d{2}|${month}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${month},?\\s+\\d{4})`;
// "HOUSTON, " / "Berlin, Germany – ": a place ends with a comma or a spaced dash right before the date.
const placePrefix = "(?:[A-Z][\\w .,'&()/-]{0,100}?(?:,|\\s[-–—])\\s*)?";
// "/PRNewswire/" or "(BUSINESS WIRE)" after the date.
const wireSuffix = '(?:\\s*(?:/[^/\\n]{1,60}/|\\([^)\\n]{1,60}\\)))?';
const labelPrefix = '(?:(?:Date|Dated|Published|Posted|Released)\\s*:\\s*)?';
const datelineAtStart = new RegExp(
  `^${labelPrefix}${placePrefix}${writtenOrIsoDate}${wireSuffix}\\s*(?:--|[-–—:]|$)`,
);
const dateOnly = new RegExp(`^\\s*${labelPrefix}${writtenOrIsoDate}\\s*$`);

function dayOfMatch(text: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? normalizeDate(text) : findDateInText(text);
}

/**
 * The date of a dateline opening a paragraph: `May 1, 2025 --`, `HOUSTON, May 1, 2025 /PRNewswire/ --`,
 * `20 January 2026 –`, `2026-01-20 —`. Only at the start, so a date mentioned in the story is never taken.
 */
export function leadingDatelineDate(paragraph: string): string | undefined {
  const match = datelineAtStart.exec(paragraph.trimStart().slice(0, 260));
  return match?.[1] ? dayOfMatch(match[1]) : undefined;
}

/** The date of a line that holds nothing but a date (`2026-01-20`, `Date: May 1, 2025`). */
export function dateOnlyLine(line: string): string | undefined {
  const match = dateOnly.exec(line);
  return match?.[1] ? dayOfMatch(match[1]) : undefined;
}
