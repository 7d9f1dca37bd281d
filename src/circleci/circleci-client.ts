/**
 * The CircleCI HTTP client, on got. Reads are retried freely; a POST is repeated only when the
 * API surely did not act on it (a 429, a refused connection), or when `findExisting` confirms
 * that nothing was created.
 */
import type { Logger } from 'pino';
import type { ApiRequest } from '../core/plan-actions.js';
import { ApiError } from '../errors.js';
import { hintFor } from './api-hints.js';
import { userAgentOf } from './api-paths.js';
import { classify, retryDelay } from './retry-policy.js';
import { attemptOnce, type Got, type Outcome } from './send-once.js';

export interface ClientOptions {
  /** API origin, validated by the CLI: https://circleci.com */
  host: string;
  token: string;
  /** names the token's variable in hints; never the value */
  tokenEnv: string;
  /** limit for one request */
  timeoutMs: number;
  /** extra attempts after a retryable failure */
  retries: number;
  /** `cci-conditional/<version>`: requests name the tool */
  userAgent: string;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** How `run` and `doctor` make their client: from their options and the token found. */
export function clientFor(
  token: { name: string; value: string },
  settings: { host: string; timeoutSeconds: number; retries: number },
  deps: {
    logger: Logger;
    /** the tool's version, sent as `User-Agent: cci-conditional/<version>` */
    version?: string | undefined;
    sleep?: ((ms: number) => Promise<void>) | undefined;
    random?: (() => number) | undefined;
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
  });
}

export interface SendOptions<T> {
  /**
   * Asked before a POST whose outcome is unknown is repeated: what it finds is taken as the
   * answer; undefined means nothing was created and the POST may go again.
   */
  findExisting?: () => Promise<T | undefined>;
  /**
   * Whether a 2xx body names what was started. One that does not, and carries no `message`
   * either, is an unknown outcome (looked up like a lost answer); with a `message` it is returned.
   */
  isAnswer?: (body: unknown) => boolean;
}

/** A lookup that found more than one candidate: it says so, and nothing is sent again. */
export class UnsureError extends ApiError {}

export interface CircleCiClient {
  send<T = unknown>(request: ApiRequest, options?: SendOptions<T>): Promise<T>;
}

let loadGot: Promise<Got> | undefined;

export function createClient(options: ClientOptions): CircleCiClient {
  const { logger, retries } = options;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  let sunsetWarned = false;
  const onSunset = (date: string) => {
    if (sunsetWarned) return;
    sunsetWarned = true;
    logger.warn(
      `CircleCI marks the API v1.1 trigger as deprecated (sunset ${date}); after that it answers 410 Gone: move these rules to API v2 (see "Moving from API v1.1 to v2" in the README)`,
    );
  };

  async function send<T>(request: ApiRequest, sendOptions: SendOptions<T> = {}): Promise<T> {
    // Only runs that send anything pay for loading the HTTP client.
    loadGot ??= import('got').then((module) => module.got);
    const got = await loadGot;
    const label = `${request.method} ${request.path}`;
    for (let attempt = 0; ; attempt++) {
      const outcome = await attemptOnce(got, request, options, sendOptions.isAnswer, onSunset);
      if ('body' in outcome) return outcome.body as T;
      const verdict = classify(outcome.failure);
      if (verdict === 'unknown' && request.method === 'POST') {
        // A POST that may have landed is repeated only after a lookup found nothing: without one
        // say so, rather than "try again later", which could trigger twice.
        if (!sendOptions.findExisting) throw notRepeated(label, outcome.message);
        const last = attempt >= retries;
        const existing = await lookUp(label, outcome.message, sendOptions.findExisting, last);
        if (existing !== undefined) return existing;
        if (last) throw finalError(label, outcome, verdict, options);
        continue;
      }
      if (verdict === 'final' || attempt >= retries)
        throw finalError(label, outcome, verdict, options);
      const delay = retryDelay(attempt, outcome.failure, random);
      logger.warn(
        { attempt: attempt + 1, delayMs: delay },
        `${label}: ${outcome.message}; retrying in ${(delay / 1000).toFixed(1)} s`,
      );
      await sleep(delay);
    }
  }

  async function lookUp<T>(
    label: string,
    message: string,
    findExisting: () => Promise<T | undefined>,
    last: boolean,
  ): Promise<T | undefined> {
    const unknown = `${label}: ${message}, so CircleCI may have acted on it`;
    try {
      const existing = await findExisting();
      if (existing !== undefined) logger.info(`${unknown}: it did, using what it created`);
      else if (last) logger.info(`${unknown}: nothing was created, and no attempt is left`);
      else logger.info(`${unknown}: nothing was created, sending it again`);
      return existing;
    } catch (error) {
      if (error instanceof UnsureError) throw new UnsureError(`${unknown}: ${error.message}`);
      throw new ApiError(
        `${unknown}, and looking that up failed (${(error as Error).message}); not repeating it, to never trigger twice: check CircleCI before rerunning`,
      );
    }
  }

  return { send };
}

function notRepeated(label: string, message: string): ApiError {
  return new ApiError(
    `${label}: ${message}, so CircleCI may have acted on it; not repeating it, to never trigger twice: check CircleCI before rerunning`,
  );
}

function finalError(
  label: string,
  outcome: Extract<Outcome, { failure: unknown }>,
  verdict: string,
  options: ClientOptions,
): ApiError {
  const { status } = outcome.failure;
  const attempts = options.retries + 1;
  const tries =
    verdict === 'final' ? '' : ` (after ${attempts} attempt${attempts === 1 ? '' : 's'})`;
  const hint = hintFor(status, label, options);
  return new ApiError(`${label}: ${outcome.message}${tries}${hint ? `: ${hint}` : ''}`, status);
}
