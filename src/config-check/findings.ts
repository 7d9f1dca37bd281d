/** What the config check reports: problems (nothing may be sent) and warnings. */

export type CheckName = 'declared' | 'reached' | 'loop' | 'config';

export interface Finding {
  /** the rule it concerns; undefined for the file as a whole */
  rule: string | undefined;
  /** declared, reached, loop, or config (the file itself could not be checked) */
  check: CheckName;
  /** one line: what is wrong, naming the parameter, job or workflow, and what CircleCI would do */
  message: string;
  /** the YAML that fixes it, when there is one */
  fix: string | undefined;
}

export interface ConfigCheck {
  /** what would make the trigger fail or loop: `validate` and `run` exit 2 */
  problems: Finding[];
  /** what may go wrong, depending on values the check cannot know */
  warnings: Finding[];
}

/** A finding as people read it: the message, then the fix indented below it. */
export function findingAsText(finding: Finding): string {
  if (finding.fix === undefined) return finding.message;
  const fix = finding.fix.replace(/\n$/, '').replace(/^/gm, '    ');
  return `${finding.message}\n${fix}`;
}

/** `2 problems, 1 warning` */
export function countsOf(check: ConfigCheck): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${count(check.problems.length, 'problem')}, ${count(check.warnings.length, 'warning')}`;
}
