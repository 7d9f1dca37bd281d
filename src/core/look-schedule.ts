/**
 * When to look for what a send whose outcome is unknown created, and how far back lists are
 * read. Nothing shows how fast CircleCI lists a new pipeline or build, nor its workflows; an
 * answer may also come after the client gave up, the pipeline with it. Pure.
 * See ARCHITECTURE.md, "Late lists and the look schedule".
 */

/** Looks after each send whose outcome is unknown: at once, then this long after the send. */
export const LOOKS_AFTER_SEND_MS: readonly number[] = [0, 3000, 10_000, 30_000, 60_000];
/** A matching pipeline whose workflows are not listed yet is read again this long after. */
export const YOUNG_READS_AFTER_MS: readonly number[] = [3000, 10_000, 30_000];
/** A pipeline created this long before the first send may still be it (clocks that differ). */
export const CLOCK_MARGIN_MS = 60_000;
/** An answer may come this long after the client's own timeout gave up on it. */
export const LATE_ANSWER_MS = 10_000;

/**
 * The times (runner's clock, ms) to look at after a send at `sentAt` whose outcome is unknown:
 * 0, 3, 10, 30 and 60 s after it, and `timeout` + 10 s after it when that is later.
 */
export function lookTimes(sentAt: number, timeoutMs: number): number[] {
  const times = LOOKS_AFTER_SEND_MS.map((delay) => sentAt + delay);
  const late = sentAt + timeoutMs + LATE_ANSWER_MS;
  if (late > (times[times.length - 1] ?? 0)) times.push(late);
  return times;
}

/**
 * Reading a branch's pipelines or builds back, newest first, for an earlier trigger of this
 * commit: everything of this commit comes after its push, so the reading may stop at a push of
 * another commit older than every entry of this commit seen so far (at least one seen: the
 * running pipeline counts).
 */
export function branchWindow(sha: string, runningAt: number | undefined) {
  let oldest = runningAt;
  let end: number | undefined;
  return {
    /** true once everything older than this entry is older than the commit's first build */
    passes(entry: { at: number | undefined; revision: string | undefined; push: boolean }) {
      if (end !== undefined) return true;
      if (entry.revision === sha) {
        if (entry.at !== undefined) oldest = Math.min(oldest ?? entry.at, entry.at);
        return false;
      }
      if (entry.push && entry.at !== undefined && oldest !== undefined && entry.at < oldest) {
        end = entry.at;
        return true;
      }
      return false;
    },
    /** the time of the push that ended the window, once one did */
    get end() {
      return end;
    },
  };
}
