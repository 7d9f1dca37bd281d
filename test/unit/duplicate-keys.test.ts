/** Keys written twice in one object of a rules file, found at any depth and in file order. */
import { describe, expect, it } from 'vitest';
import { duplicateKeys } from '../../src/core/duplicate-keys.js';
import { formatPath } from '../../src/core/parse-rules.js';

describe('duplicateKeys', () => {
  it.each<[string, string, string[]]>([
    ['none', '{"rules": [{"branches": ["main"], "job": "a"}]}', []],
    [
      'at the top',
      '{"rules": [], "match": "all", "rules": []}',
      ['rules: appears twice (the last one counts)'],
    ],
    [
      'in a rule, with its index',
      '{"rules": [{"job": "a"}, {"job": "a", "name": "x", "job": "b"}]}',
      ['rules[1].job: appears twice (the last one counts)'],
    ],
    [
      'in file order, each time it is written again',
      '{"b": {"x": 1, "x": 2, "x": 3}, "a": 1, "a": 2}',
      [
        'b.x: appears twice (the last one counts)',
        'b.x: appears twice (the last one counts)',
        'a: appears twice (the last one counts)',
      ],
    ],
    ['the same key in two objects is no duplicate', '[{"a": 1}, {"a": 2}]', []],
    ['a value equal to a key is no duplicate', '{"a": "a", "b": "a"}', []],
    [
      'after a byte order mark',
      '\uFEFF{"a": 1, "a": 2}',
      ['a: appears twice (the last one counts)'],
    ],
    ['with comments', '{"a": 1, /* "a" */ "b": 2 // "a"\n}', []],
    [
      'in a broken file, as far as it goes',
      '{"a": 1, "a": [1, 2',
      ['a: appears twice (the last one counts)'],
    ],
    ['a stray closing bracket', ']}{"a": 1, "a": 2}', ['a: appears twice (the last one counts)']],
  ])('%s', (_, text, expected) => {
    expect(duplicateKeys(text)).toEqual(expected);
  });

  it('an empty key written twice, and no string value taken for a key', () => {
    expect(duplicateKeys('{"": "", "": "x", "x": 1}')).toEqual([
      `${formatPath([''])}: appears twice (the last one counts)`,
    ]);
  });

  it.each([5_000, 100_000])('finds a key written twice after arrays nested %i deep', (depth) => {
    const text = `{"rules": [${'['.repeat(depth)}${']'.repeat(depth)}], "rules": []}`;
    expect(duplicateKeys(text)).toEqual(['rules: appears twice (the last one counts)']);
  });

  it('finds a key written twice inside objects nested 100,000 deep, with its path', () => {
    const depth = 100_000;
    const text = `${'{"a": '.repeat(depth)}{"k": 1, "k": 2}${'}'.repeat(depth)}`;
    const [problem, ...rest] = duplicateKeys(text);
    expect(rest).toEqual([]);
    expect(problem).toBe(
      `${Array(depth).fill('a').join('.')}.k: appears twice (the last one counts)`,
    );
  });
});
