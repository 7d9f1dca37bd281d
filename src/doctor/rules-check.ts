/** Check 1, rules: the rules file is valid (as `validate` says) and warns about API v1.1's end. */

import { RulesError, UsageError } from '../base/errors.js';
import { loadRules } from '../core/load-rules.js';
import type { RuleSet } from '../core/rules.js';
import { V11_SUNSET_DATE } from '../core/sunset-warnings.js';
import type { Check } from './report.js';

export interface RulesOutcome {
  check: Check;
  /** undefined when the file could not be read or is invalid */
  ruleSet: RuleSet | undefined;
}

export async function checkRulesFile(
  path: string,
  readFile: (path: string) => Promise<string>,
): Promise<RulesOutcome> {
  let ruleSet: RuleSet;
  try {
    ruleSet = await loadRules(path, readFile);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const why =
      error instanceof RulesError && error.problems.length > 1
        ? `invalid rules file ${path}: ${error.problems.join('; ')}`
        : error.message;
    return {
      check: { name: 'rules', status: 'problem', message: `${why} (fix it; validate lists it)` },
      ruleSet: undefined,
    };
  }
  const apis = [...new Set(ruleSet.rules.map((rule) => rule.api))].join(' and ');
  const valid = `${path} is valid: ${ruleSet.rules.length} rule(s), api ${apis}, match ${ruleSet.match}`;
  const v1 = ruleSet.rules.filter((rule) => rule.api === 'v1.1').map((rule) => `"${rule.name}"`);
  const check: Check =
    v1.length === 0
      ? { name: 'rules', status: 'ok', message: valid }
      : {
          name: 'rules',
          status: 'warning',
          message: `${valid}; rule(s) ${v1.join(', ')} use API v1.1, whose triggers CircleCI removes on ${V11_SUNSET_DATE}: move them to "api": "v2" (with a "definitionId" for GitHub App projects)`,
        };
  return { check, ruleSet };
}
