/**
 * The decision skips building a matcher for a name that lacks the pattern's literal start: that
 * shortcut must never change an answer. A differential test against the plain anchored regex
 * and minimatch, over generated patterns and names.
 */
import { Minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/core/match-patterns.js';
import { mayMatch } from '../../src/core/may-match.js';
import { iterations, seededWholes, shown } from '../helpers/generative.js';

const REGEX_PIECES = ['^', '$', 'a', 'b', '-', '/', '@', ' ', '\\d', '.', '*', '+', '?', '{2}'];
const MORE_PIECES = ['|', '(', ')', '(?:', '[ab]', '{1,}', '\\', 'hotfix', 'release/'];
const NAME_PIECES = ['a', 'b', '-', '/', '//', '@', ' ', '1', '22', 'hotfix', 'release/', '.', ''];

describe('the literal start of a pattern', () => {
  const count = iterations(20_000);
  it(`never changes whether a regex pattern matches, for ${shown(count)} generated regexes and names`, () => {
    const next = seededWholes(20261129);
    let compared = 0;
    for (let n = 0; n < count; n++) {
      const pieces = next(3) === 0 ? [...REGEX_PIECES, ...MORE_PIECES] : REGEX_PIECES;
      const source = Array.from({ length: 1 + next(6) }, () => pieces[next(pieces.length)]).join(
        '',
      );
      let plain: RegExp;
      try {
        new RegExp(source);
        plain = new RegExp(`^(?:${source})$`);
      } catch {
        continue;
      }
      const test = compilePattern(`/${source}/`);
      for (let k = 0; k < 4; k++) {
        const name = Array.from(
          { length: next(5) },
          () => NAME_PIECES[next(NAME_PIECES.length)],
        ).join('');
        expect({ source, name, matched: test(name) }).toEqual({
          source,
          name,
          matched: plain.test(name),
        });
        compared++;
      }
    }
    // a quarter of the 4 names of each generated source at least
    expect(compared).toBeGreaterThan(count);
  });

  it(`never changes whether a glob matches, for ${shown(count)} generated globs and names`, () => {
    const next = seededWholes(7);
    const pieces = [
      'a',
      'b',
      '-',
      '/',
      '//',
      '*',
      '**',
      '?',
      '[ab]',
      '{a,b}',
      '@',
      '.',
      '..',
      '+(a)',
    ];
    const options = { dot: true, nocomment: true, nonegate: true, platform: 'linux' } as const;
    for (let n = 0; n < count; n++) {
      const glob = Array.from({ length: 1 + next(6) }, () => pieces[next(pieces.length)]).join('');
      if (glob.startsWith('/')) continue; // a /regex/, or refused
      const test = compilePattern(glob);
      const name = Array.from(
        { length: next(5) },
        () => NAME_PIECES[next(NAME_PIECES.length)],
      ).join('');
      const plain = /[*?[\]{}()!+@\\]/.test(glob)
        ? new Minimatch(glob, options).match(name)
        : name === glob;
      expect({ glob, name, matched: test(name) }).toEqual({ glob, name, matched: plain });
      if (plain)
        expect({ glob, name, may: mayMatch(glob, name) }).toEqual({ glob, name, may: true });
    }
  });

  it.each([
    ['/^hotfix-\\d+$/', 'hotfix-1', true],
    ['/^hotfix-\\d+$/', 'feature/x', false],
    ['/ab*/', 'a', true],
    ['/ab*/', 'b', false],
    ['/a|b/', 'c', true],
    ['release/**', 'release/v1', true],
    ['release/**', 'feature/x', false],
    ['release/**', 'release//v1', true],
    ['main', 'main', true],
    ['main', 'mainline', false],
  ])('%s may match %j: %s', (pattern, name, may) => {
    expect(mayMatch(pattern, name)).toBe(may);
  });
});
