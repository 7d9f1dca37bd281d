/** What the config check reports: problems (nothing may be sent) and warnings. */

export type ConfigCheckName = 'declared' | 'version' | 'reached' | 'order' | 'loop' | 'config';

/** Entries a fix deletes from a workflow (a move): the YAML alone cannot say "delete". */
export interface Removal {
  workflow: string;
  /** the entries, by `name:`, else key; every `requires:` of them in the workflow goes too */
  jobs: string[];
}

export interface Finding {
  /** the rule it concerns; undefined for the file as a whole */
  rule: string | undefined;
  /**
   * declared, version (pipeline parameters need 2.1), reached, order (deploy order), loop, or
   * config (the file itself could not be checked)
   */
  check: ConfigCheckName;
  /** one line: what is wrong, naming the parameter, job or workflow, and what CircleCI would do */
  message: string;
  /** the YAML that fixes it, when there is one (merged into the config: it adds or replaces) */
  fix: string | undefined;
  /** what the fix deletes from the config, said in the message too */
  remove?: Removal;
  /** what to change in the rule instead of the config (the rules file's JSON), said in the message too */
  ruleFix?: Record<string, unknown>;
}

export interface ConfigCheckResult {
  /** what would make the trigger fail or loop: `validate` and `run` exit 2 */
  problems: Finding[];
  /** what may go wrong, depending on values the check cannot know */
  warnings: Finding[];
}

/** A finding as people read it: the message, then its fix indented below it. */
export function findingAsText(finding: Finding): string {
  if (finding.fix === undefined) return finding.message;
  const fix = finding.fix.replace(/\n$/, '').replace(/^/gm, '    ');
  return `${finding.message}\n${fix}`;
}

/** `2 problems, 1 warning` */
export function countsOf(check: ConfigCheckResult): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${count(check.problems.length, 'problem')}, ${count(check.warnings.length, 'warning')}`;
}
