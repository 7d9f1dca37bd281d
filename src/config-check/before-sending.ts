/**
 * `run`: the config checked against the rules that fired, after the decision and before any
 * request. Warnings are logged; a problem stops the run (exit 2) with nothing sent.
 */

import { UsageError } from '../base/errors.js';
import type { Logger } from '../base/io.js';
import type { GitRef } from '../core/read-context.js';
import type { Rule, RuleSet } from '../core/rules.js';
import type { ConfigSource } from './checked-rules.js';
import { findingAsLine } from './finding-line.js';
import { countsOf } from './findings.js';
import { checkConfigFile } from './index.js';

export async function checkBeforeSending(
  source: ConfigSource,
  ruleSet: RuleSet,
  fired: readonly Rule[],
  ref: GitRef,
  deps: { rulesPath: string; readFile: (path: string) => Promise<string>; logger: Logger },
): Promise<void> {
  const { logger, rulesPath } = deps;
  const check = await checkConfigFile(source, ruleSet, deps.readFile, {
    rules: fired,
    ref,
    rulesPath,
  });
  for (const warning of check.warnings) logger.warn(findingAsLine(warning));
  for (const problem of check.problems) logger.error(findingAsLine(problem));
  if (check.problems.length > 0)
    throw new UsageError(
      `${source.path} does not fit the rule${fired.length === 1 ? '' : 's'} that fired (${countsOf(check)}): nothing sent; fix the config, or --no-config-check to send anyway`,
    );
  logger.debug(
    check.checked
      ? `${source.path} fits the rule(s) that fired`
      : `${source.path} not checked against the rules${check.warnings.length ? '' : ' (no such file)'}`,
  );
}
