/**
 * The config check's entry points: `checkConfig` (pure, a parsed config against the rules) and
 * `checkConfigFile` (reads the file first, within the check's bounds). The CLI loads this folder
 * only when it checks, so the skip path never loads the YAML parser.
 */
import type { GitRef } from '../core/read-context.js';
import type { Rule, RuleSet } from '../core/rules.js';
import { type Clock, deadlineOf, NotChecked } from './bounds.js';
import { checkConfig } from './check-config.js';
import { type ConfigSource, checkedRules } from './checked-rules.js';
import type { ConfigCheckResult, Finding } from './findings.js';
import { beyondBounds, loadConfig } from './read-config.js';

export { type Clock, LIMITS } from './bounds.js';
export { type CheckOptions, checkConfig } from './check-config.js';
export { type ConfigSource, checkedRules, DEFAULT_CONFIG_PATH } from './checked-rules.js';
export { findingAsLine } from './finding-line.js';
export { type ConfigCheckResult, countsOf, type Finding, findingAsText } from './findings.js';
export { configOf, type LoadedConfig, loadConfig } from './read-config.js';

export interface FileCheck extends ConfigCheckResult {
  /** false: the default file is missing, or the file could not be checked (see warnings) */
  checked: boolean;
  /** when not checked, why: `no .circleci/config.yml`, `... is a setup config ...` */
  why?: string;
}

export interface FileCheckOptions {
  rules?: readonly Rule[];
  ref?: GitRef;
  rulesPath?: string;
  /**
   * `validate`: a config that cannot be read within the check's bounds (a parser failure, a
   * bound passed) is a problem; otherwise (`run`, `doctor`) a warning and the run goes on
   */
  strict?: boolean;
  /** the clock the 2 s bound is measured with (tests) */
  clock?: Clock;
}

/**
 * Reads the config and checks it against the rules (default: every rule of the file). A missing
 * default file is no check; an explicit path that is missing throws a UsageError (exit 2).
 */
export async function checkConfigFile(
  source: ConfigSource,
  ruleSet: RuleSet,
  readFile: (path: string) => Promise<string>,
  options: FileCheckOptions = {},
): Promise<FileCheck> {
  const rules = checkedRules(options.rules ?? ruleSet.rules);
  const none = { checked: false, problems: [], warnings: [] };
  if (rules.length === 0) return { ...none, why: 'no v2 rule triggers this project' };
  const deadline = deadlineOf(options.clock);
  const notChecked = (finding: Finding, isFailure: boolean, why = finding.message): FileCheck => ({
    ...none,
    why,
    ...(isFailure && options.strict ? { problems: [finding] } : { warnings: [finding] }),
  });
  const loaded = await loadConfig(source, readFile, deadline);
  if (loaded.status === 'missing') return { ...none, why: `no ${source.path}` };
  if (loaded.status === 'unchecked')
    return notChecked(loaded.warning, loaded.failed, loaded.reason);
  try {
    const check = checkConfig(loaded.config, ruleSet, {
      ...options,
      path: source.path,
      rules,
      deadline,
    });
    return { checked: true, ...check };
  } catch (error) {
    if (error instanceof NotChecked) {
      const message = beyondBounds(source.path, error.message);
      return notChecked({ rule: undefined, check: 'config', message, fix: undefined }, true);
    }
    // A config shaped beyond what the check foresees must not stop a deploy: say so instead.
    const message = `${source.path} could not be checked against the rules (${(error as Error).message}); please report it`;
    return notChecked({ rule: undefined, check: 'config', message, fix: undefined }, false);
  }
}
