import { Cron } from 'croner';
import { InvalidCronError } from './ingest-scheduler.ts';

/** A cron field's values (croner's ranges) and its largest step (croner refuses steps above it). */
interface CronField {
  name: string;
  min: number;
  max: number;
  maxStep: number;
}

const secondField: CronField = { name: 'second', min: 0, max: 59, maxStep: 60 };
const fields: CronField[] = [
  { name: 'minute', min: 0, max: 59, maxStep: 60 },
  { name: 'hour', min: 0, max: 23, maxStep: 24 },
  { name: 'day of month', min: 1, max: 31, maxStep: 31 },
  { name: 'month', min: 1, max: 12, maxStep: 12 },
  // 0 and 7 are both Sunday.
  { name: 'day of week', min: 0, max: 7, maxStep: 7 },
];

/**
 * A regular expression (ASCII classes only, no `\d`, so ECMAScript and Python read it alike) for the
 * decimal numbers lo..hi written without leading zeros; lo and hi are below 100.
 */
function numberRange(lo: number, hi: number): string {
  const parts: string[] = [];
  const digit = (from: number, to: number) => (from === to ? String(from) : `[${from}-${to}]`);
  if (lo <= 9) parts.push(digit(lo, Math.min(hi, 9)));
  const firstTen = Math.max(1, Math.floor(lo / 10));
  const lastTen = Math.floor(hi / 10);
  let fullFrom: number | undefined;
  const flushFull = (through: number) => {
    if (fullFrom === undefined) return;
    parts.push(`${digit(fullFrom, through)}[0-9]`);
    fullFrom = undefined;
  };
  for (let ten = firstTen; ten <= lastTen; ten++) {
    const from = ten === Math.floor(lo / 10) && lo >= 10 ? lo % 10 : 0;
    const to = ten === lastTen ? hi % 10 : 9;
    if (from === 0 && to === 9) {
      fullFrom ??= ten;
      continue;
    }
    flushFull(ten - 1);
    parts.push(`${ten}${digit(from, to)}`);
  }
  flushFull(lastTen);
  return parts.length === 1 ? (parts[0] as string) : `(?:${parts.join('|')})`;
}

/** `*`, `*\/s`, `n`, `a-b` with a ≤ b, `a-b/s`; comma-separated lists of those. */
function fieldPattern(field: CronField): string {
  const step = `/${numberRange(1, field.maxStep)}`;
  const ranges: string[] = [];
  for (let from = field.min; from <= field.max; from++) {
    ranges.push(`${from}-${numberRange(from, field.max)}`);
  }
  const item = `(?:\\*(?:${step})?|(?:${ranges.join('|')})(?:${step})?|${numberRange(field.min, field.max)})`;
  return `${item}(?:,${item})*`;
}

/**
 * The cron expressions schedules accept, as one anchored pattern: 5 fields (minute hour day month
 * weekday), or 6 with seconds first, single spaces between them, numbers only (no names, `?`, `L`, `W`,
 * `#`). With `fixedSecond` a 6-field expression must name exactly one second, so nothing runs more than
 * once a minute.
 */
export function cronPattern(options: { fixedSecond: boolean }): string {
  const seconds = options.fixedSecond
    ? numberRange(secondField.min, secondField.max)
    : fieldPattern(secondField);
  const rest = fields.map(fieldPattern).join(' ');
  return `^(?:${seconds} )?${rest}$`;
}

const compiled = new Map<boolean, RegExp>();
function cronRegExp(fixedSecond: boolean): RegExp {
  let pattern = compiled.get(fixedSecond);
  if (!pattern) {
    pattern = new RegExp(cronPattern({ fixedSecond }));
    compiled.set(fixedSecond, pattern);
  }
  return pattern;
}

/** What the pattern allows, for error messages and documentation. */
export function describeCronSyntax(options: { fixedSecond: boolean }): string {
  return (
    '5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, separated by single ' +
    'spaces; each field `*`, `*/step`, a number, a range `a-b` (a ≤ b) with an optional `/step`, or a ' +
    'comma list of those; numbers only (minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-7)' +
    (options.fixedSecond ? '; a 6-field expression names one second (`0 */5 * * * *`)' : '')
  );
}

/** How many upcoming runs are compared when measuring the shortest interval. */
const sampledRuns = 500;

/** The shortest time between two of the next runs, in seconds; undefined when it runs fewer than twice. */
export function shortestCronInterval(
  cron: string,
  timezone?: string,
  from: Date = new Date(),
): number | undefined {
  const job = new Cron(cron, { timezone, paused: true });
  try {
    const runs = job.nextRuns(sampledRuns, from);
    let shortest: number | undefined;
    for (let index = 1; index < runs.length; index++) {
      const gap = ((runs[index] as Date).getTime() - (runs[index - 1] as Date).getTime()) / 1000;
      shortest = shortest === undefined ? gap : Math.min(shortest, gap);
    }
    return shortest;
  } finally {
    job.stop();
  }
}

/**
 * Why a cron expression is refused: outside the accepted syntax, or runs closer together than
 * `minIntervalSeconds`; undefined when it is fine.
 */
export function cronScheduleProblem(
  cron: string,
  timezone: string | undefined,
  minIntervalSeconds: number,
): string | undefined {
  const fixedSecond = minIntervalSeconds >= 60;
  if (!cronRegExp(fixedSecond).test(cron)) {
    if (fixedSecond && cronRegExp(false).test(cron)) {
      return (
        `cron '${cron}' would run more than once a minute; schedules must be at least ${minIntervalSeconds} s ` +
        'apart (a 6-field expression names one second, e.g. `0 */5 * * * *`)'
      );
    }
    return `invalid cron expression '${cron}': expected ${describeCronSyntax({ fixedSecond })}`;
  }
  // Every accepted expression runs at most once a minute when the seconds are fixed; only a longer minimum
  // (or a shorter one, with free seconds) needs the runs measured.
  const sixFields = cron.split(' ').length === 6;
  if (minIntervalSeconds === 60 || (minIntervalSeconds < 60 && !sixFields)) return undefined;
  const interval = shortestCronInterval(cron, timezone);
  if (interval !== undefined && interval < minIntervalSeconds) {
    return `cron '${cron}' would run every ${interval} s; schedules must be at least ${minIntervalSeconds} s apart`;
  }
  return undefined;
}

/** Throws InvalidCronError with the reason when cronScheduleProblem finds one. */
export function checkCronSchedule(
  cron: string,
  timezone: string | undefined,
  minIntervalSeconds: number,
): void {
  const problem = cronScheduleProblem(cron, timezone, minIntervalSeconds);
  if (problem) throw new InvalidCronError(problem);
}
