/**
 * What every step of the sending works with: the API client, the logger, a clock, and the
 * build's context. The clock comes in so tests can wait minutes without waiting at all.
 */
import type { Logger } from '../base/io.js';
import type { BuildContext } from '../core/read-context.js';
import type { RuleSet } from '../core/rules.js';
import type { CircleCiClient } from './circleci-client.js';

export interface RunTools {
  client: CircleCiClient;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  /** milliseconds since the epoch */
  now: () => number;
  /** --timeout: the limit of one request, in ms */
  timeoutMs: number;
  /** API origin: app URLs are printed only for https://circleci.com */
  host: string;
  ruleSet: RuleSet;
  context: BuildContext;
}
