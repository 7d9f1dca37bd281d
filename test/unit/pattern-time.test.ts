/**
 * Deciding any rule against any branch or tag name takes at most 50 ms: measured here over
 * generated worst cases (the patterns that backtrack on names of many repeated characters, as
 * long as names may be), each decided from scratch (the matcher built too), the fastest of a few
 * runs so that a busy machine does not count. Patterns the checks refuse are not decided at all.
 */
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../src/core/decide.js';
import { checkPattern } from '../../src/core/match-patterns.js';
import { MAX_NAME_BYTES } from '../../src/core/name-length.js';
import { checkBacktracking } from '../../src/core/pattern-time.js';
import { rulesOf } from './fixtures.js';

const BOUND_MS = 50;
const RUNS = 3;

interface Case {
  patterns: string[];
  name: string;
  /** what the checks must refuse: it is left to a regex that backtracks */
  refused?: boolean;
}

/** Names as long as allowed: a prefix, then one character repeated, then maybe another. */
function namesOf(prefix: string, repeated: string, ends: readonly string[]): string[] {
  return ends.map((end) => {
    const bytes = (text: string) => Buffer.byteLength(text);
    const room = Math.floor((MAX_NAME_BYTES - bytes(prefix) - bytes(end)) / bytes(repeated));
    return `${prefix}${repeated.repeat(room)}${end}`;
  });
}

function worstCases(): Case[] {
  const cases: Case[] = [];
  const add = (patterns: string[], names: string[], refused = false) => {
    for (const name of names) cases.push({ patterns, name, refused });
  };
  for (const sep of ['-', '.', 'a', '_']) {
    for (const stars of [2, 3, 5, 10, 40, 160, 330]) {
      for (const tail of ['[0-9]', 'x', '*', '?', '']) {
        const pattern = `feature/${`*${sep}`.repeat(stars)}${tail}`;
        add([pattern], namesOf('feature/', sep, ['', 'x', '7', `${sep}/`]));
      }
    }
  }
  add(['?'.repeat(999)], namesOf('', 'a', ['', 'ab']));
  add([`${'*[!-]'.repeat(180)}x`], namesOf('', '-a', ['', 'x']));
  add([`${'*[a-c]'.repeat(150)}d`], namesOf('', 'abc', ['', 'd']));
  add([`${'*[[:alpha:]]'.repeat(70)}1`], namesOf('', '\u00e9', ['', '1']));
  add([`${'*\u00e9'.repeat(300)}x`], namesOf('', '\u00e9', ['', 'x']));
  // braces at their bounds: 64 patterns, or 4000 characters
  add([`${'*-'.repeat(28)}{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}`], namesOf('', '-', ['', 'acegik']));
  add([`{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}${'*-'.repeat(27)}x`], namesOf('acegik', '-', ['']));
  add([`${'*-'.repeat(495)}{a,b}{c,d}`], namesOf('', '-', ['', 'ac']));
  add(['**/a/**', '**/*-*-*/**'], namesOf('', 'a/', ['..', '.', 'a-a-a']));
  // two ** in each of 8 patterns (the most): minimatch walks every way the parts between them fit
  const braces = '{a,b}{c,d}{e,f}';
  add([`**/${braces}*/**`, `**/${braces}*a*a*a*a*/**`], namesOf('', 'a/', ['..']));
  add([`**/${braces}/*/**`, `**/*/${braces}/**`], namesOf('', 'ace/', ['..', 'x']));
  // and 64 with one **
  add([`**/{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}*`], namesOf('', 'a/', ['..', 'acegik']));
  add([`**/${'*a'.repeat(150)}b/**`], namesOf('', 'a/', ['..', 'aaab/x']));
  add(['+(a|b)', '@(x|y)-+(a|b)', 'release/!(legacy)'], namesOf('', 'ab', ['', 'c']));
  // an extglob part is minimatch's regex: refused when its stars backtrack
  add([`release/${'*-'.repeat(200)}!(x)`], namesOf('release/', '-', ['', 'x']), true);
  // regexes that pass the checks, on the names that make them work hardest
  add(
    ['/^feature\\/.*-[0-9]+$/', '/^feature\\/[a-z-]*\\d{1,3}$/'],
    namesOf('feature/', '-', ['x', '1']),
  );
  add(['/^v\\d+\\.\\d+\\.\\d+(-rc\\.\\d+)?$/'], namesOf('v1.', '1', ['', '.x', '-rc.x']));
  add(['/^.*\\d{1,3}$/', '/^(\\w+)-\\1$/', '/^(?:[a-z]+-)+\\d+$/'], namesOf('', '1', ['x', '-x']));
  add(['/^(?:\\.[0-9]+|-rc[0-9]*)*$/', '/(?:a|b|c|d|e|f)*x/'], namesOf('', '.1', ['', 'y']));
  add([`/^${'a?'.repeat(300)}${'a'.repeat(300)}$/`], namesOf('', 'a', ['', 'b']));
  // the patterns of the report, each decided in linear time
  const report = ['feature/*-*-*-*-*-[0-9]', '/^feature\\/.*-.*-.*-.*-.*-[0-9]+$/'];
  add(report, [`feature/${'-'.repeat(240)}`, ...namesOf('feature/', '-', ['', '1'])]);
  add([`/^${'.*-'.repeat(300)}\\d$/`], namesOf('', '-', ['', '1']));
  // a regex with a lookaround is JavaScript's: refused when it can backtrack polynomially
  add(['/^(?=f).*-.*-.*-[0-9]+$/'], namesOf('f', '-', ['']), true);
  add(['/^(?=f)[a-z]*-\\d+$/'], namesOf('f', '-', ['', 'x1']));
  return cases;
}

/** Whether the checks of validate, check and run let every pattern through. */
function accepted(patterns: readonly string[]): boolean {
  try {
    for (const pattern of patterns) {
      checkPattern(pattern);
      checkBacktracking(pattern);
    }
    return true;
  } catch {
    return false;
  }
}

/** The fastest of a few decisions of one rule, each with its matchers built anew. */
function decisionMs({ patterns, name }: Case): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run++) {
    const ruleSet = rulesOf({ rules: [{ branches: [...patterns], job: 'deploy' }] });
    const started = performance.now();
    evaluateRules(ruleSet, { kind: 'branch', name });
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

describe('the time to decide a rule', () => {
  it(`is at most ${BOUND_MS} ms over generated worst cases`, () => {
    const cases = worstCases();
    const decided = cases.filter((c) => accepted(c.patterns));
    expect(cases.filter((c) => !accepted(c.patterns))).toEqual(cases.filter((c) => c.refused));
    expect(decided.length).toBeGreaterThan(500);
    let worst = { ms: 0, case: decided[0] };
    for (const c of decided) {
      expect(Buffer.byteLength(c.name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
      const ms = decisionMs(c);
      if (ms > worst.ms) worst = { ms, case: c };
    }
    console.log(
      `worst decision over ${decided.length} cases: ${worst.ms.toFixed(2)} ms for ${JSON.stringify(worst.case?.patterns).slice(0, 120)} on a name of ${worst.case?.name.length} characters`,
    );
    expect(worst.ms).toBeLessThan(BOUND_MS);
  });
});
