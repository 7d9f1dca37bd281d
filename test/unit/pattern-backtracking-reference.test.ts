/**
 * The hand-written backtracking checks against the libraries they stand in for (scslre for nested
 * quantifiers and for quantifiers that trade characters, refa's automata for alternatives that
 * match the same text), which are too big to ship: on thousands of generated patterns they must
 * refuse every one the libraries find dangerous.
 */
import { type AST, RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import { isDisjointWith, JS, NFA } from 'refa';
import { analyse } from 'scslre';
import { describe, expect, it } from 'vitest';
import { exponentialBacktracking } from '../../src/core/pattern-backtracking.js';
import { polynomialBacktracking } from '../../src/core/pattern-polynomial.js';
import { iterations, seededFractions } from '../helpers/generative.js';

/** Whether scslre or refa find `source` exponential (or, with `polynomial`, super-linear at all). */
function referenceFinds(source: string, polynomial = false): boolean {
  const parser = new RegExpParser();
  const pattern = parser.parsePattern(source);
  // Move reports are about a search from every start; an anchored regex starts once.
  const { reports } = analyse(
    { pattern, flags: parser.parseFlags('') },
    { reportTypes: { Move: false } },
  );
  return (
    reports.some((report) => polynomial || report.exponential) || overlappingAlternatives(pattern)
  );
}

function overlappingAlternatives(pattern: AST.Pattern): boolean {
  let found = false;
  visitRegExpAST(pattern, {
    onQuantifierEnter(quantifier) {
      const element = quantifier.element;
      if (found || quantifier.max < 2) return;
      if (element.type !== 'Group' && element.type !== 'CapturingGroup') return;
      const starts = element.alternatives.map((alternative) =>
        automaton(`(?:${alternative.raw})(?:${element.raw})*`),
      );
      found = starts.some((a, i) => starts.some((b, j) => j > i && !isDisjointWith(a, b)));
    },
  });
  return found;
}

function automaton(source: string): NFA {
  const { expression, maxCharacter } = JS.Parser.fromLiteral({ source, flags: '' }).parse({
    backreferences: 'disable',
    assertions: 'ignore',
  });
  return NFA.fromRegex(expression, { maxCharacter });
}

const ATOMS = ['a', 'b', 'ab', '\\d', '\\w', '.', '[ab]', '[^a]', '\\.', '-', 'x'];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{2}', '{1,3}', '{2,}', '+?'];

function generate(next: () => number, depth: number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const item = (): string => {
    const atom = depth > 0 && next() < 0.4 ? `(${generate(next, depth - 1)})` : pick(ATOMS);
    return `${atom}${pick(QUANTIFIERS)}`;
  };
  const sequence = () => Array.from({ length: 1 + Math.floor(next() * 3) }, item).join('');
  return Array.from({ length: next() < 0.6 ? 1 : 2 + Math.floor(next() * 2) }, sequence).join('|');
}

describe('exponentialBacktracking against scslre and refa', () => {
  it('refuses every generated pattern they find exponential', () => {
    const next = seededFractions(20261129);
    const missed: string[] = [];
    let dangerous = 0;
    let refusedSafe = 0;
    let safe = 0;
    const count = iterations(2000);
    for (let n = 0; n < count; n++) {
      const source = `^(?:${generate(next, 3)})$`;
      if (referenceFinds(source)) {
        dangerous++;
        if (exponentialBacktracking(source) === undefined) missed.push(source);
      } else {
        safe++;
        if (exponentialBacktracking(source) !== undefined) refusedSafe++;
      }
    }
    expect(missed).toEqual([]);
    // enough of both kinds to mean something, and not a check that refuses everything
    expect(dangerous).toBeGreaterThan(count / 10);
    expect(refusedSafe / safe).toBeLessThan(0.25);
  });
});

describe('polynomialBacktracking against scslre', () => {
  it('refuses, with the exponential check, every generated pattern it finds super-linear', () => {
    const next = seededFractions(20261203);
    const missed: string[] = [];
    let dangerous = 0;
    let refusedSafe = 0;
    let safe = 0;
    const refuses = (source: string) =>
      exponentialBacktracking(source) !== undefined || polynomialBacktracking(source) !== undefined;
    const count = iterations(3000);
    for (let n = 0; n < count; n++) {
      const source = `^(?:${generate(next, 2)})$`;
      if (referenceFinds(source, true)) {
        dangerous++;
        if (!refuses(source)) missed.push(source);
      } else {
        safe++;
        if (refuses(source)) refusedSafe++;
      }
    }
    expect(missed).toEqual([]);
    expect(dangerous).toBeGreaterThan(count / 6);
    expect(safe).toBeGreaterThan(count / 6);
    expect(refusedSafe / safe).toBeLessThan(0.25);
  });
});
