import { describe, expect, it } from 'vitest';
import { checkBacktracking } from '../../src/core/match-patterns.js';

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
    '/release\\/.*-rc.*/',
    '/\\d+\\d+/',
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

  it('answers for patterns as long as allowed, however nested or wide', () => {
    const nested = `/${'(?:a'.repeat(240)}${')*'.repeat(240)}/`;
    expect(() => checkBacktracking(nested)).toThrow('((?:a)* repeats inside (?:a(?:a)*)*)');
    const wide = `/(?:${Array.from({ length: 200 }, (_, i) => `x${i}y`).join('|')})+/`;
    expect(wide.length).toBeGreaterThan(990);
    expect(() => checkBacktracking(wide)).not.toThrow();
  });
});
