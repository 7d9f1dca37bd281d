/** When the looks after a lost answer happen, and how far back a branch is read. */
import { describe, expect, it } from 'vitest';
import { branchWindow, lookTimes } from '../../src/core/look-schedule.js';

const SHA = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);

describe('lookTimes', () => {
  it.each([
    [5000, [0, 3000, 10_000, 30_000, 60_000]],
    [30_000, [0, 3000, 10_000, 30_000, 60_000]],
    [50_000, [0, 3000, 10_000, 30_000, 60_000]],
    [55_000, [0, 3000, 10_000, 30_000, 60_000, 65_000]],
    [300_000, [0, 3000, 10_000, 30_000, 60_000, 310_000]],
  ])(
    'with --timeout %i ms: at once, 3, 10, 30, 60 s, and --timeout + 10 s after the send',
    (timeout, times) => {
      expect(lookTimes(1000, timeout)).toEqual(times.map((t) => 1000 + t));
    },
  );
});

describe('branchWindow', () => {
  type Entry = { at: number; revision: string; push: boolean };
  const entry = (at: number, revision: string, push: boolean): Entry => ({ at, revision, push });

  it.each<[string, number | undefined, Entry[], number]>([
    [
      "stops at a push of another commit older than this commit's pipelines",
      undefined,
      [entry(90, OTHER, true), entry(80, SHA, false), entry(70, SHA, true), entry(60, OTHER, true)],
      3,
    ],
    [
      'reads past newer pushes of other commits',
      50,
      [entry(90, OTHER, true), entry(80, OTHER, true), entry(40, OTHER, true)],
      2,
    ],
    [
      'reads past API pipelines of other commits',
      50,
      [entry(45, OTHER, false), entry(40, OTHER, true)],
      1,
    ],
    [
      'needs one pipeline of this commit seen first',
      undefined,
      [entry(90, OTHER, true), entry(80, OTHER, true)],
      -1,
    ],
  ])('%s', (_, runningAt, entries, stopsAt) => {
    const window = branchWindow(SHA, runningAt);
    const stops = entries.findIndex((e) => window.passes(e));
    expect(stops).toBe(stopsAt);
    if (stopsAt >= 0) expect(window.end).toBe(entries[stopsAt]?.at);
  });
});
