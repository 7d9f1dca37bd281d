import { describe, expect, it } from 'vitest';
import { elapsedText } from '../../src/core/elapsed.js';

describe('elapsedText', () => {
  it.each([
    [0, '0 s'],
    [499, '0 s'],
    [2000, '2 s'],
    [59_499, '59 s'],
    [60_000, '1 min'],
    [65_000, '1 min 5 s'],
    [300_000, '5 min'],
    [3_599_000, '59 min 59 s'],
    [3_600_000, '1 h'],
    [3_725_000, '1 h 2 min'],
    [6 * 3_600_000, '6 h'],
  ])('shows %i ms as %j', (ms, text) => {
    expect(elapsedText(ms)).toBe(text);
  });
});
