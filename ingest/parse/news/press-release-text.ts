import { dateOnlyLine, findDateInPath, findDateInText, leadingDatelineDate } from './news-dates.ts';

/** What a Markdown or plain-text press release says about itself. */
export interface PressReleaseFields {
  title: string;
  paragraphs: string[];
  /** Date of the dateline, when the release has one. */
  datelineDate?: string;
  /** Distributing wire named in the dateline (`24-7PressRelease`, `NEWMEDIAWIRE`, `News Direct`). */
  wire?: string;
}

const wireMarker =
  /\/\s*([\w.-]*(?:PressRelease|Newswire|NEWSWIRE|PRNewswire|Wire))\s*\/|\(\s*([A-Za-z0-9 .-]*(?:WIRE|Wire|wire|NEWS|News))\s*\)|^-+\s*(News Direct)\s*-+$/;

// "PETALUMA, CA, September 23, 2024 /24-7PressRelease/ --", "DETROIT, MICHIGAN - May 12, 2026 (NEWMEDIAWIRE) -",
// "Coon Rapids, United States - May 13, 2025 / City Wide Auto Spa /": a place, then a date near the start.
const placeThenDate =
  /^[A-Z][\w .,'&()/-]{1,100}?(?:,|\s[-–—])\s*(?:\([^)]{1,40}\)\s*[-–—]\s*)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}/;

/** The trailer every archived release ends with: source link, TLDR, Reddit post, pickups, registration image. */
const trailerMarker =
  /\[Original\/Source Press Release\]|^Pickup - |Blockchain Registration|\[Newsramp\.com TLDR\]|\[Reddit Post\]/m;

const boilerplateLine =
  /^(view (the )?(source version|original release) on .*|--+\s*news direct\s*--+|to view the full press release, visit.*|contact details.*|embargoed until .*)$/i;

/**
 * Removes the parts the discovery benchmark strips before annotation: pickup links, the registration
 * image, Markdown images and links (keeping the link text), bare URLs and e-mail addresses.
 */
export function stripPressBoilerplate(line: string): string {
  return (
    line
      .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      // URLs are often glued to the word before them ("Company Websitehttps://…"), so no \b here.
      .replace(/(?:https?:\/\/|www\.|:\/\/)[^\s)\]]*/gi, ' ')
      .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
      .replace(/^\s*(?:[*+-]|\d+\.)\s+/, '')
      .replace(/^#+\s*/, '')
      .replace(/\*\*|__/g, '')
      .replace(/[ \t]+/g, ' ')
      .trim()
  );
}

function withoutTrailer(lines: string[]): string[] {
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    if (/^\s*---+\s*$/.test(lines[index] ?? '') && trailerMarker.test(lines.slice(index + 1).join('\n'))) {
      return lines.slice(0, index);
    }
  }
  return lines;
}

/** Blocks of consecutive non-blank lines. */
function blocksOf(lines: string[]): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim()) current.push(line);
    else if (current.length) {
      blocks.push(current);
      current = [];
    }
  }
  if (current.length) blocks.push(current);
  return blocks;
}

function findDateline(paragraphs: string[]): { date?: string; wire?: string } {
  for (const paragraph of paragraphs.slice(0, 8)) {
    const wire = wireMarker.exec(paragraph);
    const opening = paragraph.slice(0, 240);
    if (!wire && !placeThenDate.test(opening)) continue;
    const date = findDateInText(opening);
    const wireName = wire ? (wire[1] ?? wire[2] ?? wire[3])?.trim() : undefined;
    if (date || wireName) return { date, wire: wireName };
  }
  for (const paragraph of paragraphs.slice(0, 8)) {
    const date = leadingDatelineDate(paragraph);
    if (date) return { date };
  }
  return {};
}

/** How many leading non-blank lines may hold a bare date line (`2026-01-20`) before the story starts. */
const maxDateLineSearch = 12;

/** Removes the first line that is nothing but a date, near the top, and returns its date. */
function takeDateOnlyLine(lines: string[]): { lines: string[]; date?: string } {
  let seen = 0;
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    if (++seen > maxDateLineSearch) break;
    const date = dateOnlyLine(stripPressBoilerplate(line));
    if (date) return { lines: [...lines.slice(0, index), ...lines.slice(index + 1)], date };
  }
  return { lines };
}

/** The first sentence after a leading dateline, at most about 120 characters, as a title. */
function titleAfterDateline(paragraph: string): string {
  const story = paragraph
    .replace(datelinePrefix, '')
    .replace(/^[\s\-–—:]+/, '')
    .trim();
  const sentence = story.split(/(?<=[.!?])\s+/)[0] ?? story;
  return sentence.length <= 120 ? sentence.replace(/[.!?]$/, '') : `${sentence.slice(0, 117).trimEnd()}…`;
}

/** The dateline at the very start of a paragraph: an optional place and wire, a date, then a dash. */
const datelinePrefix =
  /^(?:[A-Z][\w .,'&()/-]{0,100}?,\s*)?(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})\s*(?:\/[^/]{1,60}\/|\([^)]{1,60}\))?\s*(?:--|[-–—])/;

/** Splits a Markdown/plain-text release into title, body paragraphs, dateline date and wire. */
export function readPressRelease(text: string): PressReleaseFields {
  const dateLine = takeDateOnlyLine(withoutTrailer(text.replace(/\r\n?/g, '\n').split('\n')));
  const lines = dateLine.lines;
  const blocks = blocksOf(lines);
  const headingIndex = blocks.findIndex((block) => /^#\s+\S/.test(block[0] ?? ''));
  const opening = stripPressBoilerplate((blocks[0] ?? []).join(' '));
  // A text that starts with its dateline ("12 February 2026 – A Melbourne builder …") has no title line:
  // the dateline paragraph is the story's first paragraph and its first sentence becomes the title.
  if (headingIndex < 0 && leadingDatelineDate(opening)) {
    const paragraphs = blocks
      .map((block) => stripPressBoilerplate(block.join(' ')))
      .filter((paragraph) => paragraph.length > 0 && !boilerplateLine.test(paragraph))
      .filter((paragraph) => /[\p{L}\p{N}]/u.test(paragraph));
    const dateline = findDateline(paragraphs);
    return {
      title: titleAfterDateline(opening),
      paragraphs,
      datelineDate: dateline.date ?? dateLine.date,
      wire: dateline.wire,
    };
  }
  const titleIndex = Math.max(headingIndex, 0);
  // A heading that wraps onto the next lines ("# Labcon and Polycarbin Partner\nto Advance …") is one title.
  const titleBlock = blocks[titleIndex] ?? [];
  const title = stripPressBoilerplate(titleBlock.join(' '));
  const paragraphs = blocks
    .filter((_, index) => index !== titleIndex)
    .map((block) => stripPressBoilerplate(block.join(' ')))
    .filter((paragraph) => paragraph.length > 0 && !boilerplateLine.test(paragraph))
    .filter((paragraph) => /[\p{L}\p{N}]/u.test(paragraph));
  const dateline = findDateline(paragraphs);
  return { title, paragraphs, datelineDate: dateline.date ?? dateLine.date, wire: dateline.wire };
}

/** Date of a release from its archive path (`…/2024/0425/slug.md`). */
export function pressReleasePathDate(name: string): string | undefined {
  return findDateInPath(name.replace(/\\/g, '/'));
}
