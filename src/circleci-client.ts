/**
 * The CircleCI HTTP client, on got. Reads are retried freely; a POST is repeated only when the
 * API surely did not act on it (a 429, a refused connection), or when `findExisting` confirms
 * that nothing was created.
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
  /** `cci-conditional/<version>`: requests name the tool */
  userAgent: string;
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
  /**
   * Whether a 2xx body names what was started. One that does not, and carries no `message`
   * either, is an unknown outcome (looked up like a lost answer); with a `message` it is returned.
   */
  isAnswer?: (body: unknown) => boolean;
}

/** A lookup that found more than one candidate: it says so, and nothing is sent again. */
export class UnsureError extends ApiError {}

/** Answers larger than this are a failed request: a deploy step must not buffer gigabytes. */
export const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

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
        const existing = await lookUp(label, outcome.message, sendOptions.findExisting);
        if (existing !== undefined) return existing;
        if (attempt >= retries) throw finalError(label, outcome, verdict, options);
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
  ): Promise<T | undefined> {
    const unknown = `${label}: ${message}, so CircleCI may have acted on it`;
    try {
      const existing = await findExisting();
      if (existing !== undefined) logger.info(`${unknown}: it did, using what it created`);
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

type Outcome =
  | { body: unknown }
  | { failure: AttemptFailure; message: string; apiMessage?: string };

async function attemptOnce(
  got: Got,
  request: ApiRequest,
  options: ClientOptions,
  isAnswer: ((body: unknown) => boolean) | undefined,
  onSunset: (date: string) => void,
): Promise<Outcome> {
  const { logger } = options;
  logger.debug({ body: request.body }, `${request.method} ${options.host}${request.path}`);
  let tooLarge = false;
  try {
    const pending = got(`${options.host}${request.path}`, {
      method: request.method,
      headers: {
        'circle-token': options.token,
        'user-agent': options.userAgent,
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
    pending.on('downloadProgress', (progress) => {
      const size = Math.max(progress.transferred, progress.total ?? 0);
      if (size > MAX_ANSWER_BYTES && !tooLarge) {
        tooLarge = true;
        pending.cancel();
      }
    });
    const response = await pending;
    const body = parseJson(response.body);
    logger.trace({ status: response.statusCode, body }, `answer ${response.statusCode}`);
    const { deprecation, sunset } = response.headers;
    if (request.path.startsWith('/api/v1.1/') && (deprecation || sunset))
      onSunset(typeof sunset === 'string' ? sunset : '2027-02-01');
    if (response.statusCode >= 200 && response.statusCode < 300) {
      if (body === undefined && response.body.trim() !== '') {
        return {
          failure: { status: 502 },
          message: 'the answer was not JSON (is --host the CircleCI API?)',
        };
      }
      if (isAnswer && !isAnswer(body) && messageOf(body) === undefined) {
        return {
          failure: { status: response.statusCode, noAnswer: true },
          message: `HTTP ${response.statusCode} without a build or pipeline in the answer`,
        };
      }
      return { body };
    }
    const apiMessage = messageOf(body) ?? plainText(response.body);
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
    if (tooLarge) {
      // The request arrived and was answered: for a POST, what it started is looked up.
      return {
        failure: { errorCode: 'ETOOLARGE', bodySent: true },
        message: `the answer was larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`,
      };
    }
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

/** A short plain-text error body (a 429 can answer `Rate limited.`); never a page of HTML. */
function plainText(text: string): string | undefined {
  const line = text.trim();
  if (line === '' || line.startsWith('<') || line.startsWith('{')) return undefined;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line.split(/\r?\n/)[0];
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
  const hint = hintFor(status, label, options);
  return new ApiError(`${label}: ${outcome.message}${tries}${hint ? `: ${hint}` : ''}`, status);
}

function hintFor(
  status: number | undefined,
  label: string,
  options: ClientOptions,
): string | undefined {
  const v1 = label.includes(' /api/v1.1/');
  switch (status) {
    case 401:
      return `the API token in ${options.tokenEnv} is invalid, revoked or expired (personal API tokens now expire, at most a year after creation); create a new personal API token (User Settings → Personal API Tokens)`;
    case 403:
    case 404:
      return v1
        ? `the project does not exist or the token in ${options.tokenEnv} cannot see it; API v1.1 takes a personal API token or a project API token of that project`
        : `the project does not exist or the token in ${options.tokenEnv} cannot see it; API v2 needs a personal API token (project tokens get 404)`;
    case 410:
      return v1
        ? 'CircleCI removed the API v1.1 trigger on 2027-02-01: move the rule to API v2 ("api": "v2" with declared pipeline parameters, or "definitionId" for pipeline/run; see "Moving from API v1.1 to v2" in the README)'
        : 'CircleCI removed this endpoint';
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
