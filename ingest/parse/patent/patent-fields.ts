/** Normalisers for bibliographic fields shared by every patent format. */

/** `20140318` → `2014-03-18`; partial dates (`19830700`) get day/month 01; anything else → undefined. */
export function toIsoDate(raw: string | undefined): string | undefined {
  const digits = (raw ?? '').replace(/[^0-9]/g, '');
  if (digits.length < 8) return undefined;
  const year = digits.slice(0, 4);
  const month = digits.slice(4, 6) === '00' ? '01' : digits.slice(4, 6);
  const day = digits.slice(6, 8) === '00' ? '01' : digits.slice(6, 8);
  if (Number(month) > 12 || Number(day) > 31 || Number(year) < 1790) return undefined;
  return `${year}-${month}-${day}`;
}

/**
 * An IPC/CPC symbol in the usual printed form `C08L 23/08`, from the many spellings patent offices use:
 * `G06F015/00`, ` 7C 07C  29/44   A` (edition prefix), `H01F  27/14  20060101AFI...`.
 */
export function formatClassificationText(raw: string): string | undefined {
  const match = /([A-H])\s*(\d{2})\s*([A-Z])\s*0*(\d{1,4})\s*\/\s*(\d{1,6})/.exec(raw);
  if (!match) return undefined;
  const [, section, classNumber, subclass, group, subgroup] = match;
  return `${section}${classNumber}${subclass} ${group}/${subgroup}`;
}

/**
 * USPTO's fixed-width IPC without a slash (ST.32 v2.x, APS): subclass, main group right-aligned in three
 * columns, then the subgroup (`H03M 1300` = H03M 13/00, `C12Q  168` = C12Q 1/68). Needs the raw spacing.
 */
export function formatFixedWidthIpc(raw: string): string | undefined {
  const formatted = formatClassificationText(raw);
  if (formatted) return formatted;
  const match = /([A-H]\d{2}[A-Z])([ \d]{3})(\d+)/.exec(raw);
  const group = match?.[2]?.trim();
  return match && group ? `${match[1]} ${Number(group)}/${match[3]}` : undefined;
}

/** A symbol from separate parts (`classification-ipcr`/`classification-cpc` children). */
export function formatClassificationParts(parts: {
  section?: string;
  class?: string;
  subclass?: string;
  mainGroup?: string;
  subgroup?: string;
}): string | undefined {
  const { section, subclass, mainGroup, subgroup } = parts;
  if (!section || !parts.class || !subclass || !mainGroup || !subgroup) return undefined;
  const group = mainGroup.trim().replace(/^0+(?=\d)/, '');
  return `${section.trim()}${parts.class.trim().padStart(2, '0')}${subclass.trim()} ${group}/${subgroup.trim()}`;
}

/** `Last; First` or separate parts → `First Last`. */
export function personName(parts: { first?: string; middle?: string; last?: string }): string | undefined {
  const name = [parts.first, parts.middle, parts.last]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  return name || undefined;
}

/** Keeps the first occurrence of each non-empty value. */
export function uniqueValues(values: Array<string | undefined>): string[] {
  return [
    ...new Set(values.map((value) => value?.trim()).filter((value): value is string => Boolean(value))),
  ];
}
