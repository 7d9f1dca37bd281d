/**
 * What a rule with `paths` needs besides its patterns. Its base is the commit of its job's last
 * successful deploy on the build's branch, a commit of this checkout: so it is a branch rule (a
 * tag build has no such deploy to compare with), names the `job` whose deploys are looked up,
 * and triggers in this project (another project's pipelines show that project's commits). Pure.
 */
import type { Rule } from './rules.js';

const NONE: readonly string[] = [];

export function checkPathsRule(rule: Rule): readonly string[] {
  if (rule.paths === undefined) return NONE;
  const at = `rules[${rule.index}].paths`;
  const problems: string[] = [];
  if (rule.tags !== undefined) {
    problems.push(
      `${at}: only branch rules take "paths" (a tag build has no earlier deploy of its branch to compare with); put "tags" in a rule of its own`,
    );
  }
  if (rule.approve !== undefined) {
    problems.push(
      `${at}: cannot be combined with "approve" (an approval starts no deploy whose commit could be compared with)`,
    );
  } else if (rule.job === undefined) {
    problems.push(
      `${at}: needs "job": the changed paths are taken since that job's last successful deploy`,
    );
  }
  if (rule.project !== undefined) {
    problems.push(
      `${at}: cannot be combined with "project": the paths are compared in this checkout, and another project's deploys are of its own commits`,
    );
  }
  return problems;
}
