/** A catalog file that cannot be read at all (bad JSON, wrong shape, no header); per-row problems are not thrown. */
export class CatalogFormatError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CatalogFormatError';
  }
}
