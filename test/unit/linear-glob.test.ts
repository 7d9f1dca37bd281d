/**
 * The linear-time test of a glob's parts held to minimatch, which stays the authority: on
 * thousands of generated globs and names, the same answer as the regex minimatch made of each
 * part, and as minimatch's own match of the whole glob.
 */
import { Minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { linearPartTest, type PartRegExp } from '../../src/core/glob-segment.js';
import { GLOB_OPTIONS, makeGlob } from '../../src/core/linear-glob.js';
import { iterations, seededFractions } from '../helpers/generative.js';

const GLOB_PIECES = [
  ...['a', 'b', '-', '.', '1', '*', '*', '?', '[ab]', '[!a]', '[a-c]', '[^-]', '[.]'],
  ...['\\*', '\\?', '\\[', '[[:digit:]]', '[[:alpha:]]', 'é', '\u{1f680}', '[]', '[a', '#'],
  // what is left to minimatch's regex: a POSIX class that is a pair of classes, an extglob
  ...['[[:graph:]]', '@(a|b)'],
];
const NAME_PIECES = ['a', 'b', '-', '.', '1', 'é', '\u{1f680}', 'x', '*', '?', '['];

/** minimatch's glob, or undefined for one it throws on (`#` and a POSIX class: validate refuses it). */
function minimatchOf(pattern: string): Minimatch | undefined {
  try {
    return new Minimatch(pattern, GLOB_OPTIONS);
  } catch {
    return undefined;
  }
}

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

function partGlob(next: () => number): string {
  return Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(next, GLOB_PIECES)).join('');
}

function partName(next: () => number): string {
  const special = next();
  if (special < 0.05) return '.';
  if (special < 0.1) return '..';
  return Array.from({ length: Math.floor(next() * 7) }, () => pick(next, NAME_PIECES)).join('');
}

describe('linearPartTest', () => {
  it('answers as the regex minimatch makes of the part, on generated parts and names', () => {
    const next = seededFractions(20261203);
    const differ: string[] = [];
    let linear = 0;
    let other = 0;
    const count = iterations(3000);
    for (let n = 0; n < count; n++) {
      const glob = partGlob(next);
      const built = minimatchOf(glob);
      const [part] = built?.set[0] ?? [];
      if (!(part instanceof RegExp)) continue;
      const test = linearPartTest(part as PartRegExp);
      if (test === undefined) {
        other++;
        continue;
      }
      linear++;
      for (let k = 0; k < 20; k++) {
        const name = partName(next);
        const expected = RegExp.prototype.test.call(part, name);
        if (test(name) !== expected) differ.push(`${glob} on ${JSON.stringify(name)}: ${expected}`);
      }
    }
    expect(differ).toEqual([]);
    // most parts are read, a few (POSIX classes that combine, invalid classes) are not
    expect(linear).toBeGreaterThan(count / 2);
    expect(other).toBeGreaterThan(0);
  });

  it.each([
    ['*-*-*-*-*-[0-9]', `${'-'.repeat(990)}x`, false],
    ['*-*-*-*-*-[0-9]', `${'-'.repeat(990)}7`, true],
    ['feature/*-*-*-*-*-[0-9]', `feature/${'-'.repeat(240)}`, false],
    ['*', '.', false],
    ['*', '..', false],
    ['.*', '..', false],
    ['*', '.x', true],
    ['?', '\u{1f680}', false],
    ['??', '\u{1f680}', true],
    ['[[:alpha:]]', 'é', true],
    ['[[:alpha:]]', '\u{1f680}', false],
    ['a\\*b', 'a*b', true],
  ])('matches %s against %#: %s', (glob, name, expected) => {
    expect(makeGlob(glob).match(name)).toBe(expected);
    // minimatch's regex agrees, where it answers in reasonable time
    const short = name.length > 20 ? name.slice(-20) : name;
    expect(makeGlob(glob).match(short)).toBe(new Minimatch(glob, GLOB_OPTIONS).match(short));
  });
});

function glob(next: () => number): string {
  const parts = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
    next() < 0.2 ? '**' : partGlob(next),
  );
  const text = parts.join(next() < 0.1 ? '//' : '/');
  return next() < 0.1 ? `{${text},${partGlob(next)}}` : next() < 0.1 ? `/${text}` : text;
}

function name(next: () => number): string {
  const parts = Array.from({ length: Math.floor(next() * 5) }, () => partName(next));
  return (next() < 0.1 ? '/' : '') + parts.join('/') + (next() < 0.1 ? '/' : '');
}

describe('makeGlob', () => {
  it('matches as minimatch does, on generated globs and names', () => {
    const next = seededFractions(20261204);
    const differ: string[] = [];
    let matched = 0;
    const count = iterations(3000);
    for (let n = 0; n < count; n++) {
      const pattern = glob(next);
      const theirs = minimatchOf(pattern);
      if (theirs === undefined) continue;
      const ours = makeGlob(pattern);
      for (let k = 0; k < 10; k++) {
        const candidate = next() < 0.3 ? pattern.replace(/[*?[\]{}!\\]/g, 'a') : name(next);
        const expected = theirs.match(candidate);
        if (expected) matched++;
        if (ours.match(candidate) !== expected)
          differ.push(`${pattern} on ${JSON.stringify(candidate)}: ${expected}`);
      }
    }
    expect(differ).toEqual([]);
    // a thirtieth of the 10 candidates of each glob at least
    expect(matched).toBeGreaterThan(count / 3);
  });
});
