/** Sets of UTF-16 code units as sorted ranges, for the regex checks. Pure. */
import type { Ranges } from './regex-structure.js';

/** Sorted, merged ranges: sets stay small however often they are combined. */
export function union(...sets: Ranges[]): Ranges {
  const merged: Array<[number, number]> = [];
  for (const [lo, hi] of sets.flat().sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

/** The code units both sets hold. */
export function intersection(a: Ranges, b: Ranges): Ranges {
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of a) {
    for (const [lo2, hi2] of b) {
      if (lo <= hi2 && lo2 <= hi) out.push([Math.max(lo, lo2), Math.min(hi, hi2)]);
    }
  }
  return out;
}
