import { describe, expect, it } from 'vitest';
import {
  createGlobMatcher,
  globProblem,
  globSchemaPattern,
  InvalidGlobError,
} from '../../../ingest/schedule/glob-pattern.ts';

describe('globProblem', () => {
  it.each([
    ['************************Q', /runs of three or more '\*'/],
    ['***.md', /runs of three or more '\*'/],
    ['{a,b', /a '\{' has no matching '\}'/],
    ['a,b}', /a '\}' has no matching '\{'/],
    ['[abc.md', /a '\[' has no matching '\]'/],
    ['x'.repeat(201), /longer than 200 characters/],
    ['a**b.md', /'\*\*' must be a whole path segment/],
    ['**/x/**/*.md', /'\*\*' at most once/],
    ['*a*b*c.md', /at most 2 '\*' per path segment/],
    ['{*a,b}*{c*,d}', /at most 2 '\*' per path segment/],
    ['{a,b}{c,d}{e,f}{g,h}{i,j}', /expand to more than 16 patterns/],
    ['{a,aa}*{a,aa}*/{a,aa}*{a,aa}*/{a,aa}*{a,aa}*', /expand to more than 16 patterns/],
    ['*(a|aa).md', /use \{a,b\} for choices/],
    ['/etc/*.md', /drop the leading '\/'/],
    ['../*.md', /'\.\.' segments are not allowed/],
    ['a\\', /lone '\\'/],
    ['{a}.md', /at least two choices/],
    ['', /empty/],
  ])('refuses %j', (glob, reason) => {
    expect(globProblem(glob)).toMatch(reason);
    expect(() => createGlobMatcher(glob)).toThrow(InvalidGlobError);
  });

  it.each([
    '*.md',
    '2024/**/*.{xml,md}',
    'ipg*.xml',
    '*-grant-*.xml',
    '**/*.xml',
    'news/*/[0-9]?.md',
    'a\\*b.md',
  ])('accepts %j', (glob) => {
    expect(globProblem(glob)).toBeUndefined();
  });
});

describe('createGlobMatcher', () => {
  it('matches like a shell glob, segment by segment', () => {
    const cases: Array<[string, string, boolean]> = [
      ['*.md', 'a/b/c.md', true],
      ['*.md', 'c.xml', false],
      ['2024/**/*.{xml,md}', '2024/01/02/x.xml', true],
      ['2024/**/*.{xml,md}', '2024/x.md', true],
      ['2024/**/*.{xml,md}', '2025/01/x.md', false],
      ['2024/*.md', '2025/x.md', false],
      ['2024/*.md', '2024/01/x.md', false],
      ['**/*.xml', 'x.xml', true],
      ['**/*.xml', 'a/b/x.xml', true],
      ['news/*/[0-9]?.md', 'news/june/4b.md', true],
      ['news/*/[0-9]?.md', 'news/june/xb.md', false],
      ['*-grant-*.xml', 'us-grant-2024.xml', true],
      ['a\\*b.md', 'a*b.md', true],
      ['a\\*b.md', 'axxb.md', false],
      ['.hidden/*.md', '.hidden/a.md', true],
      ['{a,b}/**/{c,d}/*.md', 'b/x/y/d/z.md', true],
      ['{a,b}/**/{c,d}/*.md', 'b/x/y/e/z.md', false],
    ];
    for (const [glob, file, expected] of cases) {
      expect([glob, file, createGlobMatcher(glob)(file)]).toEqual([glob, file, expected]);
    }
  });

  it('stays fast on the slowest globs it accepts, against long names and deep paths', () => {
    const longName = 'a'.repeat(255);
    const deepPath = `${`${'a'.repeat(200)}/`.repeat(19)}${longName}`;
    const globs = [
      '*a*Q',
      '{a,aa}*{a,aa}*/*a*a/a*a*',
      '**/*a*b',
      'a*a*/**/*a*a',
      '{*a,a*}/{*a,a*}/{*a,a*}/{*a,a*}',
    ];
    for (const glob of globs) {
      const matches = createGlobMatcher(glob);
      const started = performance.now();
      for (const file of [longName, deepPath, `${longName}/${longName}`]) matches(file);
      expect([glob, performance.now() - started < 250]).toEqual([glob, true]);
    }
  });

  it('would refuse the 24-star glob, and picomatch alone would not even need to: it is refused first', () => {
    expect(() => createGlobMatcher('************************Q')).toThrow(
      "invalid glob '************************Q': runs of three or more '*' are not allowed ('*' or '**' say it all)",
    );
  });
});

describe('globSchemaPattern (the OpenAPI pattern of folder-source globs)', () => {
  const pattern = new RegExp(globSchemaPattern);

  it('admits the globs people write and refuses the ones globProblem refuses', () => {
    for (const glob of [
      '*.xml',
      '2024/**/*.{xml,md}',
      '**',
      '*/x.md',
      '[ab]*.md',
      'ipg??????.zip',
      'a b.md',
    ]) {
      expect(pattern.test(glob), glob).toBe(true);
      expect(globProblem(glob), glob).toBeUndefined();
    }
    for (const glob of [
      '************************Q',
      'a{b',
      '**/**',
      'x/../y',
      '.',
      'a/*b*c*',
      '/abs',
      'a(b)',
    ]) {
      expect(pattern.test(glob), glob).toBe(false);
      expect(globProblem(glob), glob).toBeDefined();
    }
  });

  it('never admits a glob that globProblem refuses (20,000 generated globs, seeded)', () => {
    const tokens = [
      'a',
      'Z',
      '7',
      '.',
      '-',
      '_',
      ' ',
      '*',
      '**',
      '?',
      '[ab]',
      '[!x]',
      '{a,b}',
      '{.,x}',
      '{x}',
      '{',
      '}',
      '[',
      ']',
      '(',
      '/',
      '/',
      '..',
      '\\',
      '{a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q}',
    ];
    let seed = 14;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let admitted = 0;
    for (let round = 0; round < 20_000; round++) {
      const length = 1 + Math.floor(next() * 8);
      const glob = Array.from({ length }, () => tokens[Math.floor(next() * tokens.length)]).join('');
      if (!pattern.test(glob)) continue;
      admitted += 1;
      expect(globProblem(glob), glob).toBeUndefined();
    }
    // Enough of them fit the pattern for the implication to mean something.
    expect(admitted).toBeGreaterThan(1000);
  });
});
