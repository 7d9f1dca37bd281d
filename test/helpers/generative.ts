/**
 * What the generative tests share (the tests that feed a fast path and its authority, or our
 * check and a reference library, the same seeded inputs): their seeded generators, so that a
 * failure can be replayed, and how many inputs each tries. `npm test` runs each test's default;
 * CCI_TEST_ITERATIONS changes them all for one run:
 *
 * - a whole number, `CCI_TEST_ITERATIONS=500`: every generative test tries that many inputs;
 * - a factor of the defaults, `CCI_TEST_ITERATIONS=10x` (a long soak) or `0.1x` (a quick look).
 *
 * The seeds stay the same, so a run with more inputs tries the default ones first.
 */
export const ITERATIONS_VARIABLE = 'CCI_TEST_ITERATIONS';

/** `defaultCount`, or what CCI_TEST_ITERATIONS in `env` makes of it (at least 1). */
export function iterations(
  defaultCount: number,
  env: Record<string, string | undefined> = process.env,
): number {
  const value = env[ITERATIONS_VARIABLE]?.trim() ?? '';
  if (value === '') return defaultCount;
  const factor = /^(?:\d+(?:\.\d*)?|\.\d+)x$/.test(value) ? Number(value.slice(0, -1)) : Number.NaN;
  const count = /^\d+$/.test(value) ? Number(value) : defaultCount * factor;
  if (!(count > 0) || !Number.isSafeInteger(Math.ceil(count))) {
    throw new Error(
      `${ITERATIONS_VARIABLE}=${value} is neither a count of generated inputs (500) nor a factor of the defaults (10x)`,
    );
  }
  // a small factor still tries one input
  return Math.max(1, Math.round(count));
}

/** A count as a test name shows it: 10,000. */
export const shown = (count: number): string => count.toLocaleString('en-US');

/** Numbers in [0, 1) from `seed`, always the same ones (mulberry32). */
export function seededFractions(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whole numbers below the `below` asked for each time, from `seed` (a linear congruential generator). */
export function seededWholes(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.floor(state / 65536) % below;
  };
}
