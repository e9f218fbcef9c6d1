/** The bytes of one document are not well-formed XML (often a truncated download or a cut weekly file). */
export class MalformedXmlError extends Error {
  override readonly name = 'MalformedXmlError';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`truncated or malformed XML: ${detail}`, options);
  }
}
