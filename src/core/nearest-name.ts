/**
 * "Did you mean": the candidate closest to a misspelled name. Case, `-` and `_` count for
 * nothing (`DRYRUN`, `dryRun` and `dry_run` all lead to `dry-run`). Written here because yargs
 * keeps its edit distance to itself (for commands only). Pure.
 */

/**
 * The candidate with the fewest edits from `name` (the first of equals), when it takes at most
 * `maxEdits`; undefined otherwise.
 */
export function nearestName(
  name: string,
  candidates: readonly string[],
  maxEdits = Number.POSITIVE_INFINITY,
): string | undefined {
  const bare = (text: string) => text.toLowerCase().replace(/[-_]/g, '');
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(bare(name), bare(candidate));
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= maxEdits ? best.candidate : undefined;
}

/** Edits a typo may take: 2, or a third of the name when it is longer. */
export function typoEdits(name: string): number {
  return Math.max(2, Math.floor(name.length / 3));
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
