/**
 * Ids by key, where nearly every key names one id: the one id is held as it is, and only a key that
 * names several holds a set. A vocabulary late in a backfill has hundreds of thousands of names, each
 * under several keys; with a set under every key, an ingestion thread's resolver took 394 MiB at 250,000
 * mined terms (175 MiB with this), and its key index 127 MiB (54 MiB).
 */
export type IdIndex = Map<string, string | Set<string>>;

/** Adds `id` under `key` (an empty key names nothing). */
export function addId(index: IdIndex, key: string, id: string): void {
  if (key === '') return;
  const held = index.get(key);
  if (held === undefined) index.set(key, id);
  else if (typeof held === 'string') {
    if (held !== id) index.set(key, new Set([held, id]));
  } else held.add(id);
}

/** What a key names: no id, exactly one (which), or several. */
export type IdHit = { kind: 'none' } | { kind: 'one'; id: string } | { kind: 'many' };

/** What `key` names in `index`. */
export function idsUnder(index: IdIndex | undefined, key: string): IdHit {
  const held = index?.get(key);
  if (held === undefined) return { kind: 'none' };
  if (typeof held === 'string') return { kind: 'one', id: held };
  return { kind: 'many' };
}

/** The one id `key` names, or undefined when it names none or several. */
export function onlyId(index: IdIndex | undefined, key: string): string | undefined {
  const held = index?.get(key);
  return typeof held === 'string' ? held : undefined;
}
