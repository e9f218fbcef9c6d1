import picomatch from 'picomatch';

/** A folder source's glob that cannot be used; `reason` says what to change. */
export class InvalidGlobError extends Error {
  readonly glob: string;
  readonly reason: string;
  constructor(glob: string, reason: string) {
    super(`invalid glob '${glob.slice(0, 80)}': ${reason}`);
    this.name = 'InvalidGlobError';
    this.glob = glob;
    this.reason = reason;
  }
}

/** Tests a `/`-separated path relative to the source folder. */
export type GlobMatcher = (relativePath: string) => boolean;

export const maxGlobLength = 200;
const maxExpansions = 16;
const maxStarsPerSegment = 2;

/**
 * Splits `{a,b}` groups into the patterns they stand for (nested groups too), keeping escapes and
 * bracket classes as they are. Throws InvalidGlobError for unbalanced groups or too many patterns.
 */
function expandBraces(glob: string, original = glob): string[] {
  let open = -1;
  let depth = 0;
  let inClass = false;
  const commas: number[] = [];
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (char === '\\') {
      index += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
      // `[]…]` and `[!]…]` keep their first `]` inside the class.
      if (glob[index + 1] === '!' || glob[index + 1] === '^') index += 1;
      if (glob[index + 1] === ']') index += 1;
    } else if (char === '{') {
      if (depth === 0) open = index;
      depth += 1;
    } else if (char === ',' && depth === 1) commas.push(index);
    else if (char === '}') {
      if (depth === 0) throw new InvalidGlobError(original, "a '}' has no matching '{'");
      depth -= 1;
      if (depth === 0) {
        const prefix = glob.slice(0, open);
        const suffix = glob.slice(index + 1);
        const bounds = [open, ...commas, index];
        const alternatives = bounds.slice(1).map((end, at) => glob.slice((bounds[at] as number) + 1, end));
        if (alternatives.length === 1) {
          throw new InvalidGlobError(
            original,
            `a brace group needs at least two choices: {${alternatives[0]}}`,
          );
        }
        const expanded: string[] = [];
        for (const alternative of alternatives) {
          for (const pattern of expandBraces(`${prefix}${alternative}${suffix}`, original)) {
            expanded.push(pattern);
            if (expanded.length > maxExpansions) {
              throw new InvalidGlobError(
                original,
                `its brace groups expand to more than ${maxExpansions} patterns`,
              );
            }
          }
        }
        return expanded;
      }
    }
  }
  if (inClass) throw new InvalidGlobError(original, "a '[' has no matching ']'");
  if (depth > 0) throw new InvalidGlobError(original, "a '{' has no matching '}'");
  return [glob];
}

/** Splits on `/` outside escapes (brace groups are expanded and classes refused `/` before this). */
function segmentsOf(pattern: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '\\') {
      current += char + (pattern[index + 1] ?? '');
      index += 1;
    } else if (char === '/') {
      segments.push(current);
      current = '';
    } else current += char;
  }
  segments.push(current);
  return segments;
}

function unescapedStars(segment: string): number[] {
  const runs: number[] = [];
  let run = 0;
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index];
    if (char === '\\') {
      index += 1;
      if (run) runs.push(run);
      run = 0;
    } else if (char === '*') run += 1;
    else {
      if (run) runs.push(run);
      run = 0;
    }
  }
  if (run) runs.push(run);
  return runs;
}

interface CompiledPattern {
  /** Without a `/`, a pattern tests the file name at any depth (`*.md` finds `a/b.md`). */
  basename: boolean;
  prefix: Array<(segment: string) => boolean>;
  /** Present when the pattern has a `**` segment: the segments after it, tested against the path's end. */
  suffix?: Array<(segment: string) => boolean>;
}

const segmentOptions = { dot: true, noextglob: true, nonegate: true, strictBrackets: true } as const;

function compilePattern(glob: string, pattern: string): CompiledPattern {
  const segments = segmentsOf(pattern);
  let globstar = -1;
  segments.forEach((segment, index) => {
    if (segment === '**') {
      if (globstar >= 0) throw new InvalidGlobError(glob, "use '**' at most once");
      globstar = index;
      return;
    }
    if (segment === '..' || segment === '.') {
      throw new InvalidGlobError(
        glob,
        `'${segment}' segments are not allowed: globs match inside the folder`,
      );
    }
    const runs = unescapedStars(segment);
    if (runs.some((run) => run > 2)) {
      throw new InvalidGlobError(glob, "runs of three or more '*' are not allowed ('*' or '**' say it all)");
    }
    if (runs.some((run) => run === 2)) {
      throw new InvalidGlobError(glob, "'**' must be a whole path segment, as in 'a/**/b.md'");
    }
    if (runs.length > maxStarsPerSegment) {
      throw new InvalidGlobError(
        glob,
        `at most ${maxStarsPerSegment} '*' per path segment ('${segment.slice(0, 40)}' has ${runs.length})`,
      );
    }
  });
  const toMatcher = (segment: string) => {
    try {
      const test = picomatch(segment, segmentOptions);
      return (name: string) => test(name);
    } catch (error) {
      throw new InvalidGlobError(glob, (error as Error).message);
    }
  };
  if (segments.length === 1) return { basename: true, prefix: segments.map(toMatcher) };
  if (globstar < 0) return { basename: false, prefix: segments.map(toMatcher) };
  return {
    basename: false,
    prefix: segments.slice(0, globstar).map(toMatcher),
    suffix: segments.slice(globstar + 1).map(toMatcher),
  };
}

function compile(glob: string): CompiledPattern[] {
  if (glob.length === 0) throw new InvalidGlobError(glob, 'it is empty');
  if (glob.length > maxGlobLength) {
    throw new InvalidGlobError(glob, `it is longer than ${maxGlobLength} characters`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(glob)) throw new InvalidGlobError(glob, 'it contains control characters');
  if (/(^|[^\\])(\\\\)*\\$/.test(glob)) throw new InvalidGlobError(glob, "it ends with a lone '\\'");
  if (glob.startsWith('/')) {
    throw new InvalidGlobError(glob, "globs are relative to the folder: drop the leading '/'");
  }
  return expandBraces(glob).map((pattern) => {
    if (/\[[^\]]*\//.test(pattern)) {
      throw new InvalidGlobError(glob, "a '[…]' class cannot contain '/'");
    }
    const unescaped = pattern.replace(/\\./g, '');
    if (/[{}]/.test(unescaped)) throw new InvalidGlobError(glob, 'unbalanced braces');
    if (/[()]/.test(unescaped)) {
      throw new InvalidGlobError(glob, "use {a,b} for choices; write '\\(' and '\\)' to match parentheses");
    }
    return compilePattern(glob, pattern);
  });
}

function matches(pattern: CompiledPattern, segments: string[]): boolean {
  if (pattern.basename) {
    return (pattern.prefix[0] as (segment: string) => boolean)(segments[segments.length - 1] ?? '');
  }
  const { prefix, suffix } = pattern;
  if (!suffix) {
    return segments.length === prefix.length && prefix.every((test, index) => test(segments[index] ?? ''));
  }
  if (segments.length < prefix.length + suffix.length) return false;
  const offset = segments.length - suffix.length;
  return (
    prefix.every((test, index) => test(segments[index] ?? '')) &&
    suffix.every((test, index) => test(segments[offset + index] ?? ''))
  );
}

// The documented subset of globs (the API's schema states it as a pattern, so a client or a fuzzer can
// tell a valid glob from the schema alone); every glob it matches passes `globProblem`.
const globChoice = '[._-]*[A-Za-z0-9][A-Za-z0-9._-]*';
const globUnit = `(?:[A-Za-z0-9._ -]|\\?|\\[!?[A-Za-z0-9]+\\]|\\{${globChoice}(?:,${globChoice}){1,15}\\})`;
const globSegment =
  `(?:\\*\\*|(?!\\.{1,2}(?:/|$))(?:${globUnit}+|${globUnit}*\\*${globUnit}*|` +
  `${globUnit}*\\*${globUnit}+\\*${globUnit}*))`;

/**
 * Globs the API accepts, as one regular expression (ECMA-262 and Python alike): segments of letters,
 * digits, `._ -`, `?`, `[…]` classes of letters and digits, at most one `{a,b,…}` group (2–16 choices),
 * at most two single `*` per segment, and `**` as a whole segment at most once; no `.`/`..` segments.
 */
export const globSchemaPattern = `^(?!.*\\{.*\\{)(?!.*\\*\\*.*\\*\\*)${globSegment}(?:/${globSegment})*$`;

/**
 * Why a glob cannot be used, or undefined when it can: unbalanced `{}`/`[]`, longer than 200
 * characters, runs of three or more `*`, `**` other than as a whole segment (and more than once),
 * more than two `*` in one segment, or brace groups expanding to more than 16 patterns.
 */
export function globProblem(glob: string): string | undefined {
  try {
    compile(glob);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidGlobError) return error.reason;
    throw error;
  }
}

/**
 * A matcher for a folder source's glob (`*`, `?`, `[…]`, `{a,b}`, one `**`), built on picomatch one
 * path segment at a time: each segment's expression sees a single file or folder name, and `**` only
 * fixes which path segments the others are tested against, so no path makes matching slow (the limits
 * of globProblem keep each segment's test small). A glob without `/` matches file names at any depth.
 * Throws InvalidGlobError.
 */
export function createGlobMatcher(glob: string): GlobMatcher {
  const patterns = compile(glob);
  return (relativePath) => {
    const segments = relativePath.split('/');
    return patterns.some((pattern) => matches(pattern, segments));
  };
}
