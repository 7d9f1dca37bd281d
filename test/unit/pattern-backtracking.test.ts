import { describe, expect, it } from 'vitest';
import { checkBacktracking } from '../../src/match-patterns.js';

describe('checkBacktracking', () => {
  it.each([
    // a quantifier repeated inside a repetition
    ['/release\\/(\\d+\\.?)+/', '\\d+ repeats inside (\\d+\\.?)+'],
    ['/(a+)+/', 'a+ repeats inside (a+)+'],
    ['/(?:.*)*x/', '.* repeats inside (?:.*)*'],
    ['/(x+x+)+y/', 'x+ and x+ can match the same text, repeatedly'],
    // alternatives of a repetition that can match the same text
    ['/(a|aa)+/', 'the alternatives a and aa of (a|aa)+ can match the same text'],
    ['/(a|a)*/', 'the alternatives a and a of (a|a)* can match the same text'],
    ['/(\\w|\\d)+/', 'the alternatives \\w and \\d of (\\w|\\d)+ can match the same text'],
    ['/(a|a){2,40}/', 'the alternatives a and a of (a|a){2,40} can match the same text'],
    // the same in extglobs, through the regex minimatch makes of them
    ['+(a|aa)', 'the alternatives a and aa of (?:a|aa)+ can match the same text'],
    ['feature/*(x|xx)', 'the alternatives x and xx of (?:x|xx)* can match the same text'],
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
    '/(a|ab)*/',
    '/release\\/.*-rc.*/',
    '/\\d+\\d+/',
    '/(main|master)/',
    '/((ab)*)*/',
    '/(a)\\1+/',
    '/(?<=x)(ab)+(?=c)/',
  ])('accepts %s', (pattern) => {
    expect(() => checkBacktracking(pattern)).not.toThrow();
  });
});
