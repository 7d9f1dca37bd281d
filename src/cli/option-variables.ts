/**
 * `CCI_CONDITIONAL_*` variables are options, like flags: one the tool does not know
 * (`CCI_CONDITIONAL_DRYRUN=true`) is refused as a misspelled flag is, never ignored. Pure.
 */

import { UsageError } from '../base/errors.js';
import { nearestName } from '../core/nearest-name.js';
import type { Env } from '../core/read-context.js';
import { optionsOf, variableOf } from './cli-options.js';

/**
 * What `run` exports through $BASH_ENV for later steps (write-outputs.ts writes only these):
 * read back by nobody, refused never.
 */
export const OUTPUT_VARIABLES = [
  'CCI_CONDITIONAL_DECISION',
  'CCI_CONDITIONAL_BUILD_URL',
  'CCI_CONDITIONAL_BUILD_NUM',
  'CCI_CONDITIONAL_PIPELINE_ID',
  'CCI_CONDITIONAL_PIPELINE_NUMBER',
  'CCI_CONDITIONAL_REASON',
  'CCI_CONDITIONAL_BASE',
] as const;

export type OutputVariable = (typeof OUTPUT_VARIABLES)[number];

const PREFIX = 'CCI_CONDITIONAL_';

/**
 * The variable of any command's option counts as known in every command, so a job may set
 * `CCI_CONDITIONAL_ONCE` for all its steps, `validate` included. The prefix is matched in any
 * case: `cci_conditional_dry_run` is a mistake too.
 */
export function checkOptionVariables(env: Env): void {
  const options = [
    ...new Set(Object.values(optionsOf).flatMap((options) => Object.keys(options))),
  ].map(variableOf);
  for (const name of Object.keys(env)) {
    if (!name.toUpperCase().startsWith(PREFIX) || env[name] === undefined) continue;
    if (options.includes(name) || (OUTPUT_VARIABLES as readonly string[]).includes(name)) continue;
    const nearest = nearestName(
      name.slice(PREFIX.length),
      options.map((o) => o.slice(PREFIX.length)),
    );
    throw new UsageError(
      `${name} is not an option variable; did you mean ${PREFIX}${nearest}? (see --help)`,
    );
  }
}
