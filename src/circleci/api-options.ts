/**
 * The options of the commands that talk to the CircleCI API (`run` and `doctor`): read from the
 * parsed command line and checked here, once, with their bounds.
 * See ARCHITECTURE.md, "One source for each meaning".
 */
import {
  MAX_SECONDS,
  parseCount,
  parseEnvName,
  parseHost,
  parseSeconds,
} from '../core/option-values.js';

/** CircleCI's cloud: `--host` when none is given. */
export const CIRCLECI_HOST = 'https://circleci.com';

/** More retries would keep a deploy step waiting for an outage rather than saying so. */
export const MAX_RETRIES = 20;

export interface ApiOptions {
  /** API origin, already validated: https://circleci.com */
  host: string;
  /** variable holding the token; undefined: CIRCLE_API_TOKEN, then CIRCLE_TOKEN */
  tokenEnv: string | undefined;
  /** limit of one HTTP request */
  timeoutSeconds: number;
  /** extra attempts after a retryable failure */
  retries: number;
}

/**
 * `--host`, `--token-env`, `--timeout` and `--retries` as yargs (or the fast reading of the
 * command line) left them; a bad value is a UsageError naming it under `originOf(name)`.
 */
export function readApiOptions(
  args: Record<string, unknown>,
  originOf: (name: string) => string,
): ApiOptions {
  const tokenEnv = args['token-env'];
  return {
    host: parseHost(String(args.host), originOf('host')),
    tokenEnv:
      tokenEnv === undefined ? undefined : parseEnvName(originOf('token-env'), String(tokenEnv)),
    timeoutSeconds: parseSeconds(originOf('timeout'), String(args.timeout), MAX_SECONDS.timeout),
    retries: parseCount(originOf('retries'), String(args.retries), MAX_RETRIES),
  };
}
