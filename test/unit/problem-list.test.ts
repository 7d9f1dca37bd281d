import { describe, expect, it } from 'vitest';
import { listedProblems } from '../../src/base/problem-list.js';

describe('listedProblems', () => {
  it.each([
    ['nothing', [], []],
    ['different problems as they are', ['a: x', 'b: y', 'c'], ['a: x', 'b: y', 'c']],
    ['the same problem twice, once with its count', ['a: x', 'a: x'], ['a: x (2 times)']],
    [
      'repeats in the order they first came',
      ['b: y', 'a: x', 'b: y', 'a: x', 'a: x'],
      ['b: y (2 times)', 'a: x (3 times)'],
    ],
  ])('lists %s', (_, problems, listed) => {
    expect(listedProblems(problems)).toEqual(listed);
  });

  it('lists 20 places of one problem, then counts the rest, keeping the others', () => {
    const places = Array.from({ length: 25 }, (_, i) => `rules[${i}].jobs: unknown key`);
    expect(listedProblems(['first', ...places, 'last: other'])).toEqual([
      'first',
      ...places.slice(0, 20),
      '... and 5 more: unknown key',
      'last: other',
    ]);
  });

  it('lists exactly 20 places without a count', () => {
    const places = Array.from({ length: 20 }, (_, i) => `rules[${i}]: needs "job"`);
    expect(listedProblems(places)).toEqual(places);
  });

  it('writes large counts with thousands separators', () => {
    expect(listedProblems(Array(12_345).fill('x: y'))).toEqual(['x: y (12,345 times)']);
  });
});
