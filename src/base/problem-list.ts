/**
 * A list of problems as it is printed: a problem written the same way many times (one key
 * duplicated 91,000 times) is listed once with its count, and one that stands at many places
 * (`rules[i].jobs: unknown key`) at its first 20 places, then counted. Pure.
 */

/** How many places of one problem are listed before the rest is counted. */
export const MAX_LISTED = 20;

export function listedProblems(problems: readonly string[]): string[] {
  const times = new Map<string, number>();
  for (const problem of problems) times.set(problem, (times.get(problem) ?? 0) + 1);
  const perKind = new Map<string, number>();
  for (const problem of times.keys()) {
    const kind = kindOf(problem);
    perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
  }
  const listed: string[] = [];
  const seen = new Map<string, number>();
  for (const [problem, count] of times) {
    const kind = kindOf(problem);
    const shown = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, shown);
    if (shown > MAX_LISTED) continue;
    listed.push(count > 1 ? `${problem} (${count.toLocaleString('en-US')} times)` : problem);
    const places = perKind.get(kind) ?? 0;
    if (shown === MAX_LISTED && places > MAX_LISTED) {
      listed.push(`... and ${(places - MAX_LISTED).toLocaleString('en-US')} more: ${kind}`);
    }
  }
  return listed;
}

/** The problem without its place: `unknown key` of `rules[3].jobs: unknown key`. */
function kindOf(problem: string): string {
  const colon = problem.indexOf(': ');
  return colon < 0 ? problem : problem.slice(colon + 2);
}
