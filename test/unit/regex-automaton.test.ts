/**
 * The linear-time automaton held to JavaScript's regex engine, which stays the authority: on
 * thousands of generated regexes and names, the same answer wherever the automaton answers.
 */
import { describe, expect, it } from 'vitest';
import { anchored } from '../../src/core/match-patterns.js';
import { compileAutomaton, runAutomaton } from '../../src/core/regex-automaton.js';
import { iterations, seededFractions } from '../helpers/generative.js';

const ATOMS = [
  ...['a', 'b', '-', '.', '\\.', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '[ab]', '[^a]', '[a-c]'],
  ...[
    '[\\d-]',
    '[\\b]',
    '[^]',
    '[]',
    '\\n',
    '\\x41',
    '\\u00e9',
    '\\/',
    '\\-',
    ']',
    '}',
    'x{',
    '\\k',
  ],
  ...['^', '$', '\\b', '\\B', '\u00e9', '\u{1f680}', '\\0', '\\t', '[\\s\\S]', '{', '\\u{1f}'],
  // left to JavaScript
  ...['\\1', '(?=a)', '(?!b)', '\\01'],
];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{2}', '{1,3}', '{0,2}', '{2,}', '*?', '+?', '??'];

function generate(next: () => number, depth: number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const item = (): string => {
    const nested = depth > 0 && next() < 0.35;
    const open = pick(['(', '(?:', '(?<n>']);
    const atom = nested ? `${open}${generate(next, depth - 1)})` : pick(ATOMS);
    return `${atom}${pick(QUANTIFIERS)}`;
  };
  const sequence = () => Array.from({ length: Math.floor(next() * 4) }, item).join('');
  return Array.from({ length: next() < 0.7 ? 1 : 2 + Math.floor(next() * 2) }, sequence).join('|');
}

const NAME_CHARS = ['a', 'b', 'c', '-', '.', '1', ' ', '\n', 'A', '_', '\u00e9', '\u{1f680}', '/'];

function name(next: () => number): string {
  return Array.from(
    { length: Math.floor(next() * 8) },
    () => NAME_CHARS[Math.floor(next() * NAME_CHARS.length)],
  ).join('');
}

describe('the regex automaton', () => {
  it('answers as JavaScript does, on generated regexes and names', () => {
    const next = seededFractions(20261205);
    const differ: string[] = [];
    let compared = 0;
    let matched = 0;
    let left = 0;
    const count = iterations(4000);
    for (let n = 0; n < count; n++) {
      const source = anchored(generate(next, 2));
      let regex: RegExp;
      try {
        regex = new RegExp(source);
      } catch {
        continue;
      }
      const automaton = compileAutomaton(source);
      if (automaton === undefined) {
        left++;
        continue;
      }
      for (let k = 0; k < 25; k++) {
        const text = name(next);
        const expected = regex.test(text);
        compared++;
        if (expected) matched++;
        if (runAutomaton(automaton, text) !== expected)
          differ.push(`${source} on ${JSON.stringify(text)}: ${expected}`);
      }
    }
    expect(differ.slice(0, 20)).toEqual([]);
    // of the 25 texts of each generated regex, half compared and a twentieth matched at least
    expect(compared).toBeGreaterThan(count * 12.5);
    expect(matched).toBeGreaterThan(count * 1.25);
    // what it leaves to JavaScript: backreferences, lookarounds, Annex B escapes
    expect(left).toBeGreaterThan(0);
  });

  it.each([
    ['a(?=b)', 'lookahead'],
    ['(a)\\1', 'backreference'],
    ['\\01', 'octal escape'],
    ['\\c', 'control escape'],
    [`(?:${'a{1,9}'.repeat(40)}){9}`, 'too many states'],
  ])('leaves %s to JavaScript (%s)', (source) => {
    expect(compileAutomaton(anchored(source))).toBeUndefined();
  });

  it('decides the regex of the report on a long name in linear time', () => {
    const automaton = compileAutomaton(anchored('^feature\\/.*-.*-.*-.*-.*-[0-9]+$'));
    expect(automaton).toBeDefined();
    if (!automaton) return;
    const started = performance.now();
    expect(runAutomaton(automaton, `feature/${'-'.repeat(990)}`)).toBe(false);
    expect(runAutomaton(automaton, `feature/${'-'.repeat(989)}1`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
