/**
 * The CircleCI HTTP client, on got. Reads are retried freely; a POST is repeated only when the
 * API surely did not act on it, or when `findExisting` confirms that nothing was created.
 */
import type { Logger } from 'pino';
import { ApiError } from './errors.js';
import type { ApiRequest } from './plan-actions.js';
import { type AttemptFailure, classify, retryDelay } from './retry-policy.js';

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
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface SendOptions<T> {
  /**
   * Asked before a POST whose outcome is unknown is repeated: what it finds is taken as the
   * answer; undefined means nothing was created and the POST may go again.
   */
  findExisting?: () => Promise<T | undefined>;
}

export interface CircleCiClient {
  send<T = unknown>(request: ApiRequest, options?: SendOptions<T>): Promise<T>;
}

type Got = typeof import('got').got;
let loadGot: Promise<Got> | undefined;

export function createClient(options: ClientOptions): CircleCiClient {
  const { logger, retries } = options;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  async function send<T>(request: ApiRequest, sendOptions: SendOptions<T> = {}): Promise<T> {
    // Only runs that send anything pay for loading the HTTP client.
    loadGot ??= import('got').then((module) => module.got);
    const got = await loadGot;
    const label = `${request.method} ${request.path}`;
    for (let attempt = 0; ; attempt++) {
      const outcome = await attemptOnce(got, request, options);
      if ('body' in outcome) return outcome.body as T;
      const verdict = classify(outcome.failure);
      const unknownPost = verdict === 'unknown' && request.method === 'POST';
      // A POST that may have landed is repeated only after a lookup: without one (or without
      // attempts left) say so, rather than "try again later", which could trigger twice.
      if (unknownPost && (!sendOptions.findExisting || attempt >= retries))
        throw notRepeated(label, outcome.message);
      if (verdict === 'final' || attempt >= retries)
        throw finalError(label, outcome, verdict, options);
      const delay = retryDelay(attempt, outcome.failure, random);
      logger.warn(
        { attempt: attempt + 1, delayMs: delay },
        `${label}: ${outcome.message}; retrying in ${(delay / 1000).toFixed(1)} s`,
      );
      await sleep(delay);
      if (unknownPost && sendOptions.findExisting) {
        const existing = await lookUp(label, outcome.message, sendOptions.findExisting);
        if (existing !== undefined) return existing;
      }
    }
  }

  async function lookUp<T>(
    label: string,
    message: string,
    findExisting: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const unknown = `${label}: ${message}, so CircleCI may have acted on it`;
    try {
      const existing = await findExisting();
      if (existing !== undefined) logger.info(`${unknown}: it did, using what it created`);
      else logger.info(`${unknown}: nothing was created, sending it again`);
      return existing;
    } catch (error) {
      throw new ApiError(
        `${unknown}, and looking that up failed (${(error as Error).message}); not repeating it, to never trigger twice: check CircleCI before rerunning`,
      );
    }
  }

  return { send };
}

type Outcome =
  | { body: unknown }
  | { failure: AttemptFailure; message: string; apiMessage?: string };

async function attemptOnce(
  got: Got,
  request: ApiRequest,
  options: ClientOptions,
): Promise<Outcome> {
  const { logger } = options;
  logger.debug({ body: request.body }, `${request.method} ${options.host}${request.path}`);
  try {
    const response = await got(`${options.host}${request.path}`, {
      method: request.method,
      headers: {
        'circle-token': options.token,
        // CircleCI ignores the body without it (v2) and answers in EDN without Accept (v1.1).
        'content-type': 'application/json',
        accept: 'application/json',
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      timeout: { request: options.timeoutMs },
      retry: { limit: 0 },
      throwHttpErrors: false,
      // A redirect could carry the token to another host: treat it as an error instead.
      followRedirect: false,
      responseType: 'text',
    });
    const body = parseJson(response.body);
    logger.trace({ status: response.statusCode, body }, `answer ${response.statusCode}`);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      if (body === undefined && response.body.trim() !== '') {
        return {
          failure: { status: 502 },
          message: 'the answer was not JSON (is --host the CircleCI API?)',
        };
      }
      return { body };
    }
    const apiMessage = messageOf(body);
    const retryAfter = response.headers['retry-after'];
    return {
      failure: {
        status: response.statusCode,
        ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
      },
      message: `HTTP ${response.statusCode}${apiMessage ? ` ${JSON.stringify(apiMessage)}` : ''}`,
      ...(apiMessage ? { apiMessage } : {}),
    };
  } catch (error) {
    const { code, timings } = error as { code?: string; timings?: { upload?: number } };
    const bodySent = timings?.upload !== undefined;
    logger.trace({ code, bodySent }, 'request failed');
    return {
      failure: { ...(code ? { errorCode: code } : {}), bodySent },
      message:
        code === 'ETIMEDOUT'
          ? `no answer within ${options.timeoutMs / 1000} s`
          : `network error ${code ?? 'unknown'}`,
    };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
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
  const hint = hintFor(status, options);
  return new ApiError(`${label}: ${outcome.message}${tries}${hint ? `: ${hint}` : ''}`, status);
}

function hintFor(status: number | undefined, options: ClientOptions): string | undefined {
  switch (status) {
    case 401:
      return `the API token in ${options.tokenEnv} is invalid or revoked; create a personal API token (User Settings → Personal API Tokens)`;
    case 403:
    case 404:
      return `the project does not exist or the token in ${options.tokenEnv} cannot see it; API v2 needs a personal API token (project tokens get 404)`;
    case 400:
      return 'CircleCI refused the request: check that the branch or tag exists and the parameters are declared in the target config';
    case 429:
      return 'CircleCI kept throttling the requests; try again later or raise --retries';
    case undefined:
      return `CircleCI could not be reached at ${options.host}; check the network or --host, --timeout and --retries`;
    default:
      if (status >= 300 && status < 400)
        return `unexpected redirect: is --host ${options.host} the API origin?`;
      return status >= 500 ? 'CircleCI had a server error; try again later' : undefined;
  }
}
