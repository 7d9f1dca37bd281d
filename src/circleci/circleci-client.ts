/**
 * The CircleCI HTTP client, on got. Reads are retried freely; a POST is repeated only when the
 * API surely did not act on it (a 429, a refused connection), or when `findExisting` confirms
 * that nothing was created.
 */
import type { Logger } from '../base/io.js';
import type { ApiOptions } from './api-options.js';
import type { ApiRequest } from './plan-actions.js';
import { userAgentOf } from './request-headers.js';
import { classify, retryDelay } from './retry-policy.js';
import { type AttemptOptions, attemptOnce, type Got } from './send-once.js';
import { finalError, lookUp, notRepeated } from './unknown-outcome.js';

export interface ClientOptions extends AttemptOptions {
  /** names the token's variable in hints; never the value */
  tokenEnv: string;
  /** extra attempts after a retryable failure */
  retries: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** the runner's clock, ms since the epoch */
  now?: () => number;
}

/** How `run` and `doctor` make their client: from their options and the token found. */
export function clientFor(
  token: { name: string; value: string },
  settings: Omit<ApiOptions, 'tokenEnv'>,
  deps: {
    logger: Logger;
    /** the tool's version, sent as `User-Agent: cci-conditional/<version>` */
    version?: string | undefined;
    sleep?: ((ms: number) => Promise<void>) | undefined;
    random?: (() => number) | undefined;
    now?: (() => number) | undefined;
  },
): CircleCiClient {
  return createClient({
    host: settings.host,
    token: token.value,
    tokenEnv: token.name,
    timeoutMs: settings.timeoutSeconds * 1000,
    retries: settings.retries,
    userAgent: userAgentOf(deps.version),
    logger: deps.logger,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
}

/** One send of a POST, for the lookup after its outcome turned out unknown. */
export interface SendAttempt {
  /** when this attempt was sent (runner's clock, ms) */
  sentAt: number;
  /** when the first attempt of this request was sent */
  firstSentAt: number;
}

export interface RequestOptions<T> {
  /**
   * Asked before a POST whose outcome is unknown is repeated: what it finds is taken as the
   * answer; undefined means nothing was created and the POST may go again.
   */
  findExisting?: (attempt: SendAttempt) => Promise<T | undefined>;
  /**
   * Whether a 2xx body names what was started. One that does not, and carries no `message`
   * either, is an unknown outcome (looked up like a lost answer); with a `message` it is returned.
   */
  isAnswer?: (body: unknown) => boolean;
}

export { UnsureError } from '../base/errors.js';

export interface CircleCiClient {
  send<T = unknown>(request: ApiRequest, options?: RequestOptions<T>): Promise<T>;
  /**
   * CircleCI's clock minus the runner's, in ms, from the `Date` header of its latest answer (0
   * before any): what CircleCI's times are compared with is moved by it (ARCHITECTURE.md,
   * "Clock offset").
   */
  clockOffset(): number;
}

let loadGot: Promise<Got> | undefined;

export function createClient(options: ClientOptions): CircleCiClient {
  const { logger, retries } = options;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  let offset = 0;
  const onDate = (date: string) => {
    const at = Date.parse(date);
    if (!Number.isNaN(at)) offset = at - now();
  };
  let sunsetWarned = false;
  const onSunset = (date: string) => {
    if (sunsetWarned) return;
    sunsetWarned = true;
    logger.warn(
      `CircleCI marks the API v1.1 trigger as deprecated (sunset ${date}); after that it answers 410 Gone: move these rules to API v2 (see "Moving from API v1.1 to v2" in the README)`,
    );
  };

  async function send<T>(request: ApiRequest, sendOptions: RequestOptions<T> = {}): Promise<T> {
    // Only runs that send anything pay for loading the HTTP client.
    loadGot ??= import('got').then((module) => module.got);
    const got = await loadGot;
    const label = `${request.method} ${request.path}`;
    const firstSentAt = now();
    // Once a send's outcome was unknown, what it started may exist: no message says "try again".
    let mayExist = false;
    for (let attempt = 0; ; attempt++) {
      const sentAt = attempt === 0 ? firstSentAt : now();
      const outcome = await attemptOnce(got, request, options, sendOptions.isAnswer, {
        onSunset,
        onDate,
      });
      if ('body' in outcome) return outcome.body as T;
      const verdict = classify(outcome.failure);
      if (verdict === 'unknown' && request.method === 'POST') {
        mayExist = true;
        // A POST that may have landed is repeated only after a lookup found nothing: without one
        // say so, rather than "try again later", which could trigger twice.
        const { findExisting } = sendOptions;
        if (!findExisting) throw notRepeated(label, outcome.message);
        const last = attempt >= retries;
        const find = () => findExisting({ sentAt, firstSentAt });
        const existing = await lookUp(logger, `${label}: ${outcome.message}`, find, last);
        if (existing !== undefined) return existing;
        if (last) throw finalError(label, outcome, verdict, options, mayExist);
        continue;
      }
      if (verdict === 'final' || attempt >= retries)
        throw finalError(label, outcome, verdict, options, mayExist);
      const delay = retryDelay(attempt, outcome.failure, random);
      logger.warn(
        { attempt: attempt + 1, delayMs: delay },
        `${label}: ${outcome.message}; retrying in ${(delay / 1000).toFixed(1)} s`,
      );
      await sleep(delay);
    }
  }

  return { send, clockOffset: () => offset };
}
