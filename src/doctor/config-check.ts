/**
 * Check 2, config: the config check (docs/config.md, "The config check") for the v2 rules of
 * this project. The check itself comes in as one function (`ConfigChecker`); this module turns its verdict into a line.
 */
import { checkedRules } from '../config-check/checked-rules.js';
import type { RuleSet } from '../core/rules.js';
import type { Check } from './report.js';

/** What the config check says about a rule set. */
export type ConfigVerdict =
  | {
      checked: true;
      /** the config file that was checked */
      file: string;
      /** each names the rule and the YAML that fixes it; any one makes the check a problem */
      problems: string[];
      warnings: string[];
    }
  | {
      checked: false;
      /** why not: no config file, a setup config, ... */
      why: string;
    };

export interface ConfigCheckInput {
  /** the whole rule set; the check picks the v2 rules of this project itself */
  ruleSet: RuleSet;
  /** --config as given; undefined: the default `.circleci/config.yml`, which may be missing */
  configPath: string | undefined;
  readFile: (path: string) => Promise<string>;
}

/** Throws a UsageError (exit 2) for an explicit --config that cannot be read. */
export type ConfigChecker = (input: ConfigCheckInput) => Promise<ConfigVerdict>;

export async function runConfigCheck(
  ruleSet: RuleSet | undefined,
  input: Omit<ConfigCheckInput, 'ruleSet'>,
  checkConfig: ConfigChecker,
): Promise<Check> {
  if (!ruleSet) return configCheck('warning', 'not checked: the rules file is invalid (see rules)');
  const rules = checkedRules(ruleSet.rules);
  if (rules.length === 0)
    return configCheck('ok', 'nothing to check: no v2 rule triggers this project');
  const verdict = await checkConfig({ ...input, ruleSet });
  if (!verdict.checked) return configCheck('warning', `not checked (${verdict.why})`);
  const { file, problems, warnings } = verdict;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (problems.length > 0) {
    const found = `${file}: ${count(problems.length, 'problem')}`;
    const more =
      warnings.length > 0 ? `; ${count(warnings.length, 'warning')}: ${warnings.join('; ')}` : '';
    return configCheck('problem', `${found}: ${problems.join('; ')}${more}`);
  }
  if (warnings.length > 0) {
    return configCheck(
      'warning',
      `${file}: ${count(warnings.length, 'warning')}: ${warnings.join('; ')}`,
    );
  }
  const names = rules.map((rule) => `"${rule.name}"`).join(', ');
  return configCheck('ok', `${file} declares and gates what rule(s) ${names} send`);
}

function configCheck(status: Check['status'], message: string): Check {
  return { name: 'config', status, message };
}
