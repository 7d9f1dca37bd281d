/**
 * One HTTP attempt with got, turned into data: the answer's body, or what failed (for
 * retry-policy.ts to judge). Answers are capped in size; v1.1 sunset headers are reported.
 */

import type { Logger } from '../base/io.js';
import type { ApiRequest } from './plan-actions.js';
import { requestHeaders } from './request-headers.js';
import type { AttemptFailure } from './retry-policy.js';

export type Got = typeof import('got').got;

/** What one attempt needs of the client's options. */
export interface AttemptOptions {
  /** API origin, validated by the CLI: https://circleci.com */
  host: string;
  token: string;
  /** limit for one request */
  timeoutMs: number;
  /** `cci-conditional/<version>`: requests name the tool */
  userAgent: string;
  logger: Logger;
}

/** Answers larger than this are a failed request: a deploy step must not buffer gigabytes. */
export const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

export type Outcome =
  | { body: unknown }
  | { failure: AttemptFailure; message: string; apiMessage?: string };

/** What an answer's headers tell beyond the answer itself. */
export interface AnswerHooks {
  /** a v1.1 answer carries `Deprecation` or `Sunset` */
  onSunset: (date: string) => void;
  /** CircleCI's clock, from the `Date` header */
  onDate: (date: string) => void;
}

export async function attemptOnce(
  got: Got,
  request: ApiRequest,
  options: AttemptOptions,
  isAnswer: ((body: unknown) => boolean) | undefined,
  hooks: AnswerHooks,
): Promise<Outcome> {
  const { logger } = options;
  logger.debug({ body: request.body }, `${request.method} ${options.host}${request.path}`);
  let tooLarge = false;
  try {
    const pending = got(`${options.host}${request.path}`, {
      method: request.method,
      headers: requestHeaders(options.token, options.userAgent),
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
    const { deprecation, sunset, date } = response.headers;
    if (typeof date === 'string') hooks.onDate(date);
    // The date is V11_SUNSET_DATE (core/sunset-warnings.ts) written out: importing it here would
    // put that file in the sending code's chunk, and validate and check would load the sending.
    if (request.path.startsWith('/api/v1.1/') && (deprecation || sunset))
      hooks.onSunset(typeof sunset === 'string' ? sunset : '2027-02-01');
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
