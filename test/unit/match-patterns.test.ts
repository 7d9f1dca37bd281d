import { describe, expect, it } from 'vitest';
import { compileList, compilePattern } from '../../src/core/match-patterns.js';

describe('compilePattern', () => {
  it.each([
    // plain names are compared exactly, case included
    ['main', 'main', true],
    ['main', 'Main', false],
    ['main', 'main2', false],
    ['#123-fix', '#123-fix', true],
    ['.hidden', '.hidden', true],
    // globs: * stays within one part, ** spans parts
    ['feature/*', 'feature/a', true],
    ['feature/*', 'feature/a/b', false],
    ['feature/*', 'feature/', false],
    ['feature/**', 'feature/a', true],
    ['feature/**', 'feature/a/b', true],
    ['feature/**', 'features/a', false],
    ['Feature/*', 'feature/a', false],
    ['release-*', 'Release-1', false],
    // nocomment: a leading # is a character, not a comment
    ['#123-*', '#123-fix', true],
    ['#*', '#7', true],
    // dot: * and ** match names and parts that start with a dot
    ['*', '.hidden', true],
    ['release/*', 'release/.x', true],
    ['release/**', 'release/a/.x', true],
    // ? [...] {a,b} and extglobs
    ['v?', 'v1', true],
    ['v?', 'v12', false],
    ['hotfix-[0-9]', 'hotfix-7', true],
    ['hotfix-[0-9]', 'hotfix-x', false],
    ['{main,develop}', 'develop', true],
    ['{main,develop}', 'master', false],
    ['release/{a,b}/*', 'release/b/1', true],
    ['+(a|b)', 'abba', true],
    ['+(a|b)', 'abc', false],
    ['release/!(legacy)', 'release/new', true],
    ['release/!(legacy)', 'release/legacy', false],
    ['v@(1|2).*', 'v2.0', true],
    ['v@(1|2).*', 'v3.0', false],
    ['v*.*.*', 'v1.2.3', true],
    ['v*.*.*', 'v1.2', false],
    // /regex/ must match the whole name
    ['/v\\d+/', 'v12', true],
    ['/v\\d+/', 'v1x', false],
    ['/v\\d+/', 'xv1', false],
    ['/a|b/', 'a', true],
    ['/a|b/', 'ab', false],
    ['/^hotfix-\\d+$/', 'hotfix-12', true],
    ['/^hotfix-\\d+$/', 'hotfix-12a', false],
    ['/release\\/.*/', 'release/a/b', true],
    ['/main/', 'MAIN', false],
    ['/feature/.+/', 'feature/x', true],
  ])('%s on %s: %s', (pattern, name, expected) => {
    expect(compilePattern(pattern)(name)).toBe(expected);
  });

  it.each([
    ['/main/i', '"/main/i" starts with / but is not a /regex/ (write /.../, without flags)'],
    ['/main', '"/main" starts with / but is not a /regex/ (write /.../, without flags)'],
    ['//', '"//" starts with / but is not a /regex/ (write /.../, without flags)'],
    ['/(/', 'invalid regular expression /(/: Unterminated group'],
    ['/a{2,1}/', 'invalid regular expression /a{2,1}/: numbers out of order in {} quantifier'],
    // compiled on its own first: anchored, `main)|(.*` would become a regex that matches anything
    ['/main)|(.*/', "invalid regular expression /main)|(.*/: Unmatched ')'"],
  ])('refuses %s with a readable message', (pattern, message) => {
    expect(() => compilePattern(pattern)).toThrow(message);
  });

  it('accepts a pattern of 1000 characters, the longest allowed', () => {
    expect(compilePattern(`/${'a'.repeat(998)}/`)('a'.repeat(998))).toBe(true);
  });

  it('refuses a longer pattern, regex or glob, quoting only its start', () => {
    expect(() => compilePattern(`/${'a'.repeat(999)}/`)).toThrow(
      `"/${'a'.repeat(39)}…" (1001 characters) is too long: patterns have at most 1000 characters`,
    );
    expect(() => compilePattern('*'.repeat(1_000_000))).toThrow(
      `"${'*'.repeat(40)}…" (1000000 characters) is too long: patterns have at most 1000 characters`,
    );
  });

  it('escapes control characters of an invalid regex in its message', () => {
    expect(() => compilePattern('/\u001b\\[2J(/')).toThrow(
      'invalid regular expression /\\u001b\\[2J(/: Unterminated group',
    );
  });
});

describe('compileList', () => {
  const staging = compileList(['main', 'release/**', '!release/legacy-*']);

  it.each([
    ['main', { matched: true, matchedBy: 'main' }],
    ['release/2.0', { matched: true, matchedBy: 'release/**' }],
    [
      'release/legacy-1',
      { matched: false, matchedBy: 'release/**', excludedBy: '!release/legacy-*' },
    ],
    ['develop', { matched: false }],
  ])('explains how %s fares against the staging list', (name, result) => {
    expect(staging(name)).toEqual(result);
  });

  it.each([
    [['!release/legacy-*', 'release/**']],
    [['release/**', '!release/legacy-*']],
    [['!release/legacy-*', 'main', 'release/**']],
  ])('excludes whatever the position of the ! pattern: %j', (patterns) => {
    const matcher = compileList(patterns);
    expect([matcher('release/legacy-1').matched, matcher('release/1').matched]).toEqual([
      false,
      true,
    ]);
  });

  it('excludes with a ! regex', () => {
    const matcher = compileList(['**', '!/^wip-.*/']);
    expect([matcher('wip-x').matched, matcher('x-wip-y').matched]).toEqual([false, true]);
  });

  it('holds a ! regex to the whole name too: !/^wip-/ excludes only "wip-" itself', () => {
    const matcher = compileList(['**', '!/^wip-/']);
    expect([matcher('wip-').matched, matcher('wip-x').matched]).toEqual([false, true]);
  });

  it('reports the first positive pattern that matched', () => {
    expect(compileList(['/m.*/', 'main'])('main')).toEqual({ matched: true, matchedBy: '/m.*/' });
  });

  it('reads ! only as the first character: a ! inside a glob is an extglob', () => {
    const matcher = compileList(['feature/!(wip)']);
    expect([matcher('feature/x').matched, matcher('feature/wip').matched]).toEqual([true, false]);
  });

  it('matches nothing with an empty list', () => {
    expect(compileList([])('main')).toEqual({ matched: false });
  });
});
