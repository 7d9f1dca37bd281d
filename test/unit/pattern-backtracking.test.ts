import { describe, expect, it } from 'vitest';
import { checkBacktracking } from '../../src/core/pattern-time.js';

describe('checkBacktracking', () => {
  it.each([
    // a quantifier repeated inside a repetition
    ['/release\\/(\\d+\\.?)+/', '\\d+ repeats inside (\\d+\\.?)+'],
    ['/(a+)+/', 'a+ repeats inside (a+)+'],
    ['/(?:.*)*x/', '.* repeats inside (?:.*)*'],
    ['/(x+x+)+y/', 'x+ repeats inside (x+x+)+'],
    // alternatives of a repetition that can match the same text
    ['/(a|aa)+/', 'the alternatives a and aa of (a|aa)+ can start with the same text'],
    ['/(a|a)*/', 'the alternatives a and a of (a|a)* can start with the same text'],
    ['/(\\w|\\d)+/', 'the alternatives \\w and \\d of (\\w|\\d)+ can start with the same text'],
    ['/(a|a){2,40}/', 'the alternatives a and a of (a|a){2,40} can start with the same text'],
    // the same in extglobs, through the regex minimatch makes of them
    ['+(a|aa)', 'the alternatives a and aa of (?:a|aa)+ can start with the same text'],
    ['feature/*(x|xx)', 'the alternatives x and xx of (?:x|xx)* can start with the same text'],
    ['+(a*)', '[^/]*? repeats inside (?:a[^/]*?)+'],
  ])('refuses %s: %s', (pattern, why) => {
    expect(() => checkBacktracking(pattern)).toThrow(
      `${JSON.stringify(pattern)} can backtrack exponentially (${why}), so a branch or tag name could make matching hang: write it without a repetition inside a repetition or alternatives that overlap`,
    );
  });

  it.each([
    'main',
    'release/**',
    'feature/*',
    '{main,develop}',
    '@(main|master)',
    '+(a|b)',
    '+(+(a))',
    'release/!(legacy)',
    '/v[0-9]+(\\.[0-9]+)*/',
    '/v\\d+\\.\\d+\\.\\d+(-rc\\.\\d+)?/',
    '/(feature|fix)+/',
    '/release\\/.*-rc\\d*/',
    '/^v\\d+\\.\\d+\\.\\d+$/',
    '/^release-.*\\.\\d+$/',
    '/^[a-z]+-[0-9]+-.*$/',
    '/^.*\\d{1,3}$/',
    '/a{0,3}b{0,3}a{0,3}/',
    '/\\d{2}\\d+/',
    '/(?=.*x)/',
    '/(main|master)/',
    '/(a)\\1+/',
    '/(?<=x)(ab)+(?=c)/',
    '/[\\d.]+/',
    '/(?:\\.[0-9]+|-rc[0-9]*)*/',
    '/(main|master)+/',
    '/[(|)]+/',
    '/\\(a+\\)+/',
  ])('accepts %s', (pattern) => {
    expect(() => checkBacktracking(pattern)).not.toThrow();
  });

  it.each([
    // what the engine survives, but a quick look cannot tell from the dangerous ones: refused
    ['/(a|ab)*/', 'the alternatives a and ab of (a|ab)* can start with the same text'],
    ['/((ab)*)*/', '(ab)* repeats inside ((ab)*)*'],
  ])('refuses, to be safe, %s', (pattern, why) => {
    expect(() => checkBacktracking(pattern)).toThrow(`(${why})`);
  });

  it.each([
    // matched by JavaScript's engine (a backreference, a lookaround): two repetitions that can
    // split the same stretch of text between them are refused
    ['/^(\\w+)-.*-.*\\1$/', '.* and .*'],
    ['/(a+)\\1/', 'a+ and \\1'],
    ['/x(?=.*-.*)/', '.* and .*'],
    ['/(?=x).*\\d+/', '.* and \\d+'],
    ['/(?!x)\\d+\\.?\\d+/', '\\d+ and \\d+'],
    [
      '/(?=a)(a|aa)(a|aa)(a|aa)(a|aa)(a|aa)(a|aa)(a|aa)(a|aa)(a|aa)(a|aa)(a|aa)(a|aa)b/',
      '(a|aa) and (a|aa)',
    ],
    [`/(?=a)${'a?'.repeat(20)}${'a'.repeat(20)}/`, 'a? and a?'],
    // bounded ones too, when their choices multiply beyond a few thousand
    [`/(?=a)${'a{0,9}'.repeat(5)}b/`, 'a{0,9} and a{0,9}'],
  ])('refuses %s, which can backtrack polynomially (%s)', (pattern, pair) => {
    expect(() => checkBacktracking(pattern)).toThrow(
      `${JSON.stringify(pattern)} can backtrack polynomially (${pair} can split the same text between them), so a long branch or tag name could make matching hang: let one repetition take any stretch of text, or write a glob (globs are matched in linear time)`,
    );
  });

  it.each([
    // regexes without backreferences and lookarounds run on an automaton, in linear time
    ['/^feature\\/.*-.*-.*-.*-.*-[0-9]+$/'],
    ['/.*-.*/'],
    ['/release\\/.*-rc.*/'],
    ['/\\d+\\.?\\d+/'],
    [`/${'a?'.repeat(300)}${'a'.repeat(300)}/`],
    // and so do globs and extglobs other than !(...)
    ['feature/*-*-*-*-*-[0-9]'],
    ['v*.*.*'],
    ['*a*a*a*a*a*a*a*a*a*a*b'],
    ['**/*-*-*/**'],
    ['{a,b}/*-*-*-*'],
    ['+(a|b)*'],
    ['*-*-@(x|y)'],
  ])('accepts %s, which is matched in linear time', (pattern) => {
    expect(() => checkBacktracking(pattern)).not.toThrow();
  });

  it.each([
    ['*-*-!(x)', '[^/]*? and [^/]*?'],
    ['!(a)*-*-*', '[^/]*? and [^/]*?'],
    // a POSIX class that minimatch makes into a group of two classes leaves the part to its regex
    ['x[[:graph:]a]*x*x*', '[^/]*? and [^/]*?'],
  ])(
    'refuses %s, whose part is left to the regex minimatch makes and backtracks (%s)',
    (pattern, pair) => {
      expect(() => checkBacktracking(pattern)).toThrow(
        `(${pair} can split the same text between them)`,
      );
    },
  );

  it('refuses a glob with more than two ** in one alternative', () => {
    for (const pattern of ['**/a/**/b/**', 'x/**/a/**/b/**/c', '{x,**/a/**/b}/**']) {
      expect(() => checkBacktracking(pattern)).toThrow(
        `${JSON.stringify(pattern)} has more than two ** parts, so a long branch or tag name could make matching hang: write at most two`,
      );
    }
    expect(() => checkBacktracking('**/a/**')).not.toThrow();
  });

  it('refuses a glob whose braces expand to more than 8 patterns with two **', () => {
    const pattern = '**/{a,b}{c,d}{e,f,g}/**';
    expect(() => checkBacktracking(pattern)).toThrow(
      `${JSON.stringify(pattern)} expands to more than 8 patterns with two ** parts, so matching it would take too long: write fewer {a,b} choices`,
    );
    expect(() => checkBacktracking('**/{a,b}{c,d}{e,f}/**')).not.toThrow();
    expect(() => checkBacktracking('{a,b}{c,d}{e,f}{g,h}/**')).not.toThrow();
  });

  it('refuses a glob that minimatch cannot read, rather than fail when it matches', () => {
    expect(() => checkBacktracking('#[[:digit:]]')).toThrow(
      /^"#\[\[:digit:\]\]" is a glob minimatch cannot read \(Invalid regular expression: .*Invalid escape\)$/,
    );
    expect(() => checkBacktracking('v[[:digit:]]*')).not.toThrow();
  });

  it('refuses a glob whose braces expand to more than 64 patterns or 4000 characters', () => {
    const pattern = '{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}';
    expect(() => checkBacktracking(pattern)).toThrow(
      `${JSON.stringify(pattern)} expands to more than 64 patterns or 4000 characters, so matching it would take too long: write fewer {a,b} choices`,
    );
    expect(() => checkBacktracking('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}')).not.toThrow();
    expect(() => checkBacktracking('{1..65}')).toThrow('expands to more than 64 patterns');
    const long = `${'x'.repeat(980)}{a,b}{c,d}{e,f}`;
    expect(() => checkBacktracking(long)).toThrow('or 4000 characters');
    expect(() => checkBacktracking(`${'x'.repeat(990)}{a,b}{c,d}`)).not.toThrow();
  });

  it('answers for patterns as long as allowed, however nested or wide', () => {
    const nested = `/${'(?:a'.repeat(240)}${')*'.repeat(240)}/`;
    expect(() => checkBacktracking(nested)).toThrow('((?:a)* repeats inside (?:a(?:a)*)*)');
    const wide = `/(?:${Array.from({ length: 200 }, (_, i) => `x${i}y`).join('|')})+/`;
    expect(wide.length).toBeGreaterThan(990);
    expect(() => checkBacktracking(wide)).not.toThrow();
  });
});
