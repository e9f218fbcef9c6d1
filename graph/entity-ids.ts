/** Lower-case ASCII slug: diacritics dropped, every run of other characters becomes one hyphen. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A stable entity id from a reference that is either an id already (`material:pet`) or a name
 * (`Cyclic olefin copolymer` → `material:cyclic-olefin-copolymer`). Returns '' for an empty reference.
 */
export function toEntityId(prefix: string, reference: string): string {
  const trimmed = reference.trim();
  const marker = `${prefix}:`;
  if (trimmed.toLowerCase().startsWith(marker)) {
    const slug = slugify(trimmed.slice(marker.length));
    return slug ? `${prefix}:${slug}` : '';
  }
  const slug = slugify(trimmed);
  return slug ? `${prefix}:${slug}` : '';
}

/** A readable name for an id when no name was given (`material:cyclic-olefin-copolymer` → `cyclic olefin copolymer`). */
export function nameFromEntityId(id: string): string {
  const slug = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
  return slug.replace(/-+/g, ' ').trim();
}
