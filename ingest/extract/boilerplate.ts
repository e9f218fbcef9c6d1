/**
 * The company boilerplate of a press release: the "About <Company>" section a wire release ends with
 * ("[ About SIGMA Corporation ]", "## About Acme Inc.", "**About the Company**"). Every release of a
 * company repeats it word for word, so what it names would gain support from repetition, not from
 * independent documents; it describes the company, not a use stated by the release.
 */

// A heading line of its own: optional Markdown or bracket decoration, "About", a name of up to 80
// characters that is no sentence (a full stop only after a legal form), optional colon.
const aboutHeading =
  /^[ \t]*(?:#{1,6}[ \t]+|\*\*|__|\[[ \t]*)?About[ \t]+(?:the[ \t]+|us\b)?[\p{Lu}\p{N}][^\n]{0,80}?(?:[ \t]*\]|\*\*|__)?[ \t]*:?[ \t]*$/gmu;
const legalFormEnd = /(?:Inc|Corp|Ltd|Co|S\.A|K\.K|N\.V|B\.V|S\.p\.A|LLC|AG|GmbH|plc|SE)\.?[\s\]*_:]*$/;

/**
 * Where the "About <Company>" section of a text starts (the offset of its heading line), or
 * `text.length` when the text has none. A heading on the first line is a title, not boilerplate.
 */
export function boilerplateStart(text: string): number {
  for (const match of text.matchAll(aboutHeading)) {
    const line = match[0].trim();
    if (match.index === 0 || text.slice(0, match.index).trim() === '') continue;
    if (/[.!?][\s\]*_:]*$/.test(line) && !legalFormEnd.test(line)) continue;
    return match.index;
  }
  return text.length;
}
