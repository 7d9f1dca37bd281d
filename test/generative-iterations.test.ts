/** CCI_TEST_ITERATIONS sets how many inputs the generative tests try (test/helpers/generative.ts). */
import { describe, expect, it } from 'vitest';
import { iterations } from './helpers/generative.js';

describe('iterations', () => {
  it.each<[string | undefined, number]>([
    [undefined, 3000],
    ['', 3000],
    ['500', 500],
    [' 500 ', 500],
    ['1', 1],
    ['10x', 30_000],
    ['0.1x', 300],
    ['.5x', 1500],
    ['1x', 3000],
    ['0.0001x', 1],
    ['0.0005x', 2],
  ])('makes 3000 by default %j of CCI_TEST_ITERATIONS into %i', (value, count) => {
    expect(iterations(3000, { CCI_TEST_ITERATIONS: value })).toBe(count);
  });

  it.each(['0', 'ten', '-5', '1e3', '10X', 'x', '0x', '1.5', '99999999999999999'])(
    'refuses %j with a sentence naming it',
    (value) => {
      expect(() => iterations(3000, { CCI_TEST_ITERATIONS: value })).toThrow(
        `CCI_TEST_ITERATIONS=${value} is neither a count of generated inputs (500) nor a factor of the defaults (10x)`,
      );
    },
  );
});
