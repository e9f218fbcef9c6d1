import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { slugify } from './entity-ids.ts';

/** An organisation as assignee names resolve to it: canonical id and name, and the names seen for it. */
export interface OrganizationName {
  id: string;
  name: string;
  aliases: string[];
}

/** A known organisation: its id, name and the names (renamings, subsidiaries, spellings) it goes by. */
export interface KnownOrganization {
  id: string;
  name: string;
  aliases: readonly string[];
}

// Longest first, so "co ltd" goes before "ltd" and "kabushiki kaisha" before "kaisha".
const legalSuffixes = [
  'gmbh and co kg',
  'co kg',
  'kabushiki kaisha',
  'kabushikikaisha',
  'co ltd',
  'co inc',
  'company limited',
  'public limited company',
  'incorporated',
  'corporation',
  'aktiengesellschaft',
  'limited',
  'company',
  'kgaa',
  'gmbh',
  'corp',
  'ltd',
  'llc',
  'llp',
  'inc',
  'plc',
  'k k',
  'kk',
  's a',
  'sa',
  'ag',
  'se',
  'nv',
  'bv',
  'spa',
  'srl',
  'sas',
  'ab',
  'oy',
  'lp',
  'l p',
  'b v',
  'n v',
  'l l c',
  's p a',
  's r l',
  'kg',
  'co',
].sort((a, b) => b.length - a.length);

/**
 * The comparison key of an organisation name: case, accents, punctuation, "&"/"and", a leading "the"
 * and trailing legal forms (Inc., Co., Ltd., GmbH, K.K., Corporation, AG, S.A., LLC, …) removed.
 * "MITSUI CHEMICALS, INC." and "Mitsui Chemicals Inc" give the same key.
 */
export function organizationKey(name: string): string {
  let key = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bk\.\s*k\./g, ' kk ')
    .replace(/\bs\.\s*a\./g, ' sa ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the\s+/, '')
    .replace(/^kabushiki\s+kaisha\s+(?=\S)/, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of legalSuffixes) {
      if (key.endsWith(` ${suffix}`) && key.length > suffix.length + 2) {
        key = key
          .slice(0, -suffix.length - 1)
          .replace(/\s+and$/, '')
          .trim();
        changed = true;
        break;
      }
    }
  }
  return key;
}

/** Legal forms as one word without punctuation ("Co.,Ltd." → "coltd", "K.K." → "kk"). */
const compactSuffixes = new Set([
  ...legalSuffixes.map((suffix) => suffix.replace(/ /g, '')),
  'kabushiki',
  'kaisha',
  'coltd',
  'coinc',
]);

/**
 * Cuts a trailing bracket group the legal-form cut left open: "Omega SA (Omega AG) (Omega Ltd.)" loses
 * "Ltd.)" and then "(Omega" too.
 */
function withoutOpenGroup(text: string): string {
  const open: number[] = [];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '(') open.push(index);
    else if (text[index] === ')') open.pop();
  }
  return open.length > 0 && (open[0] as number) > 0 ? text.slice(0, open[0]).trimEnd() : text;
}

/** The name to show: trailing legal forms and punctuation cut; an all-capitals name is title-cased. */
export function displayOrganizationName(name: string): string {
  const tokens = name
    .trim()
    .replace(/^the\s+/i, '')
    .replace(/^kabushiki\s+kaisha\s+(?=\S)/i, '')
    .split(/\s+/);
  while (tokens.length > 1) {
    const last = (tokens[tokens.length - 1] ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
    if (last !== '' && !compactSuffixes.has(last) && last !== 'and') break;
    tokens.pop();
  }
  const shown = withoutOpenGroup(tokens.join(' ')).replace(/[\s,.;:&]+$/, '') || name.trim();
  if (shown !== shown.toUpperCase() || shown.length <= 4) return shown;
  return shown
    .toLowerCase()
    .replace(/(^|[\s\-/(])(\p{L})/gu, (_all, lead: string, letter: string) => lead + letter.toUpperCase());
}

const dataSchemaNote = 'graph/organization-names.json';

interface OrganizationNamesFile {
  organizations: Array<{ id: string; name: string; aliases: string[] }>;
}

function loadBundled(): KnownOrganization[] {
  const file = fileURLToPath(new URL('./organization-names.json', import.meta.url));
  const data = JSON.parse(readFileSync(file, 'utf8')) as OrganizationNamesFile;
  if (!Array.isArray(data.organizations))
    throw new Error(`${dataSchemaNote}: "organizations" must be a list`);
  return data.organizations.map((entry) => ({
    id: `org:${slugify(entry.id)}`,
    name: entry.name,
    aliases: entry.aliases,
  }));
}

let bundled: KnownOrganization[] | undefined;

/** Renamings and subsidiaries shipped with matscout (graph/organization-names.json). */
export function bundledOrganizations(): KnownOrganization[] {
  bundled ??= loadBundled();
  return bundled;
}

/**
 * Resolves assignee names to organisations: a name whose key matches a known organisation (an
 * `Organization` of the graph or a bundled renaming/subsidiary) takes its id; any other becomes
 * `org:<slug of its key>`, so "Acme Corp." and "ACME CORPORATION" are one organisation.
 */
export class OrganizationNameResolver {
  private readonly byKey = new Map<string, { id: string; name: string }>();

  constructor(known: readonly KnownOrganization[]) {
    // Bundled renamings first, so a graph organisation of the same key (the lexicon's) names it.
    for (const organization of known) {
      for (const name of [organization.name, ...organization.aliases]) {
        const key = organizationKey(name);
        if (key) this.byKey.set(key, { id: organization.id, name: organization.name });
      }
    }
  }

  resolve(name: string): OrganizationName | undefined {
    const key = organizationKey(name);
    if (!key) return undefined;
    const known = this.byKey.get(key);
    const surface = name.trim().replace(/\s+/g, ' ');
    if (known) return { id: known.id, name: known.name, aliases: [surface] };
    return { id: `org:${slugify(key)}`, name: displayOrganizationName(surface), aliases: [surface] };
  }
}
