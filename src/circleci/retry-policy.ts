/**
 * When and how long to wait before another attempt. Pure, so the numbers are testable.
 * got's own retry cannot ask the API whether a lost POST already landed before repeating it,
 * so the client runs its attempts itself and asks this module about each failure.
 */

/** What one failed attempt tells about the request. */
export interface AttemptFailure {
  /** HTTP status, when the API answered */
  status?: number;
  /** the network error code (ECONNRESET, ETIMEDOUT, ...), when it did not */
  errorCode?: string;
  /** the request body had been sent in full before the failure */
  bodySent?: boolean;
  /** Retry-After header value, when the API sent one */
  retryAfter?: string;
  /** a 2xx whose body names no build or pipeline and carries no message */
  noAnswer?: boolean;
}

/**
 * - `no`: the API surely did not act on it (refused connection, throttled)
 * - `unknown`: it may have acted (timeout or reset after sending; any 5xx, which may come from
 *   behind the API, or a gateway's 520 or 524, after the pipeline was made; a 2xx that names
 *   nothing started)
 * - `final`: do not try again
 */
export type Verdict = 'no' | 'unknown' | 'final';

/** Failures before a connection exists: the request never reached CircleCI. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

export function classify(failure: AttemptFailure): Verdict {
  const { status, errorCode } = failure;
  if (status !== undefined) {
    if (failure.noAnswer) return 'unknown';
    if (status === 429) return 'no';
    if (status >= 500 && status <= 599) return 'unknown';
    return 'final';
  }
  if (errorCode !== undefined && NOT_SENT_CODES.has(errorCode)) return 'no';
  return failure.bodySent ? 'unknown' : 'no';
}

export const BASE_DELAY_MS = 1000;
export const MAX_DELAY_MS = 30_000;
/** a Retry-After longer than this is cut short: a deploy step should not sleep for an hour */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Exponential backoff with jitter (between half and all of 1 s, 2 s, 4 s, ... capped), or Retry-After. */
export function retryDelay(
  attempt: number,
  failure: AttemptFailure,
  random: () => number,
  now = Date.now(),
): number {
  const hinted =
    failure.retryAfter === undefined ? undefined : parseRetryAfter(failure.retryAfter, now);
  if (hinted !== undefined) return Math.min(hinted, MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string, now: number): number | undefined {
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
