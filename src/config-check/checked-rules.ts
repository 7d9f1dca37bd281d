/**
 * The rules the config check applies to: v2 triggers of this project (a v1.1 job runs outside
 * workflows, another project has its own config, an approve rule starts no pipeline). Apart from
 * the check, so that deciding whether to load it loads nothing.
 */
import type { Rule } from '../core/rules.js';

export function checkedRules(rules: readonly Rule[]): Rule[] {
  return rules.filter((r) => r.api === 'v2' && r.project === undefined && r.approve === undefined);
}

/** The CircleCI config read when --config is not given. */
export const DEFAULT_CONFIG_PATH = '.circleci/config.yml';

/** Which config to check: the path, and whether the user named it (then it must exist). */
export interface ConfigSource {
  path: string;
  /** named by --config or CCI_CONDITIONAL_CONFIG: a missing file is exit 2 */
  explicit: boolean;
  /** the command can send without the check (run's --no-config-check), so a message may say so */
  skippable?: boolean;
}
