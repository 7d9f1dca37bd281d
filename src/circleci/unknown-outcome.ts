/**
 * A POST whose outcome is unknown: what the lookup after it found is used, nothing found lets it
 * go again, and anything unsure stops it. No message advises "try again" once a send may have
 * started something.
 * See ARCHITECTURE.md, "Lost answers".
 */

import { ApiError, UnsureError } from '../base/errors.js';
import type { Logger } from '../base/io.js';
import { hintFor } from './api-hints.js';

const NOT_AGAIN =
  'not sending it again, to never trigger twice: check CircleCI for it before rerunning';
const MAY_EXIST =
  'CircleCI may have started it although nothing was listed: check CircleCI for it before rerunning, to never trigger twice';

/** Runs the lookup after `what` (`POST /path: network error ...`) and says what it found. */
export async function lookUp<T>(
  logger: Logger,
  what: string,
  findExisting: () => Promise<T | undefined>,
  last: boolean,
): Promise<T | undefined> {
  const unknown = `${what}, so CircleCI may have acted on it`;
  try {
    const existing = await findExisting();
    if (existing !== undefined) logger.info(`${unknown}: it did, using what it created`);
    else if (last) logger.info(`${unknown}: nothing it created was listed, and no attempt is left`);
    else logger.info(`${unknown}: nothing it created was listed, sending it again`);
    return existing;
  } catch (error) {
    if (error instanceof UnsureError)
      throw new UnsureError(`${unknown}: ${error.message}; ${NOT_AGAIN}`);
    throw new ApiError(
      `${unknown}, and looking that up failed (${(error as Error).message}); not repeating it, to never trigger twice: check CircleCI before rerunning`,
    );
  }
}

/** A POST that may have landed, and no way to look it up. */
export function notRepeated(label: string, message: string): ApiError {
  return new ApiError(
    `${label}: ${message}, so CircleCI may have acted on it; not repeating it, to never trigger twice: check CircleCI before rerunning`,
  );
}

/** The last failure, with its hint; once a send may have started something, no "try again". */
export function finalError(
  label: string,
  outcome: { failure: { status?: number }; message: string },
  verdict: string,
  options: { retries: number; host: string; tokenEnv: string },
  mayExist: boolean,
): ApiError {
  const { status } = outcome.failure;
  const attempts = options.retries + 1;
  const tries =
    verdict === 'final' ? '' : ` (after ${attempts} attempt${attempts === 1 ? '' : 's'})`;
  const hint = mayExist ? MAY_EXIST : hintFor(status, label, options);
  return new ApiError(`${label}: ${outcome.message}${tries}${hint ? `: ${hint}` : ''}`, status);
}
