import { entityId } from '../resolve/canonical-keys.ts';
import type { CpcMapData } from './lexicon-data.ts';

interface CpcParts {
  subclass: string;
  mainGroup?: string;
  subgroup?: string;
}

/** Splits "H01M 50/409", "H01M50/409" or "H01M 4" into subclass, main group and subgroup. */
function parseCpc(code: string): CpcParts | null {
  const match = /^\s*([A-HY]\d{0,2}[A-Z]?)\s*(?:(\d+)\s*(?:\/\s*(\d*))?)?\s*$/i.exec(
    code.replace(/\s+/g, ' '),
  );
  if (!match) return null;
  const parts: CpcParts = { subclass: (match[1] as string).toUpperCase() };
  if (match[2] !== undefined) parts.mainGroup = String(Number(match[2]));
  if (match[3] !== undefined) parts.subgroup = match[3];
  return parts;
}

function matches(prefix: CpcParts, code: CpcParts): boolean {
  if (prefix.mainGroup === undefined) return code.subclass.startsWith(prefix.subclass);
  if (prefix.subclass !== code.subclass || prefix.mainGroup !== code.mainGroup) return false;
  if (prefix.subgroup === undefined) return true;
  return (code.subgroup ?? '').startsWith(prefix.subgroup);
}

/** A CPC prefix plus how specific it is (longer prefixes win). */
interface CompiledPrefix {
  parts: CpcParts;
  specificity: number;
  applications: string[];
}

/** Compiles a CPC map once for repeated look-ups. */
export function compileCpcMap(map: CpcMapData): CompiledPrefix[] {
  const compiled: CompiledPrefix[] = [];
  for (const entry of map.map) {
    const parts = parseCpc(entry.prefix);
    if (!parts) continue;
    compiled.push({
      parts,
      specificity: entry.prefix.replace(/\s+/g, '').length,
      applications: entry.applications.map((id) => entityId('Application', id)),
    });
  }
  return compiled.sort((a, b) => b.specificity - a.specificity);
}

/**
 * Application entity ids hinted by a patent's CPC codes: for each code the most specific matching
 * prefix wins. Hints only: they never become facts without a sentence that states them.
 */
export function applicationsForCpc(map: CpcMapData | CompiledPrefix[], codes: readonly string[]): string[] {
  const compiled = Array.isArray(map) ? map : compileCpcMap(map);
  const result = new Set<string>();
  for (const code of codes) {
    const parts = parseCpc(code);
    if (!parts) continue;
    const best = compiled.find((prefix) => matches(prefix.parts, parts));
    for (const id of best?.applications ?? []) result.add(id);
  }
  return [...result];
}
