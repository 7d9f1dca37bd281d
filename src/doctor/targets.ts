/**
 * Which projects the rules trigger, through which API: this project (from --project, else the
 * CIRCLE_* variables) and every rule's `project`. Pure.
 */

import { UsageError } from '../base/errors.js';
import { type Project, slugOf } from '../circleci/api-paths.js';
import { projectOfBuild } from '../circleci/build-project.js';
import { kindOfBuild } from '../core/addressing.js';
import { shown } from '../core/option-values.js';
import type { BuildContext } from '../core/read-context.js';
import type { Api, Rule, RuleSet } from '../core/rules.js';

const SLUG =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused
  /^(gh|bb|github|bitbucket|circleci)\/([^/\s\u0000-\u001f\u007f]+)\/([^/\s\u0000-\u001f\u007f]+)$/;

/** `gh/org/repo`, `bb/org/repo` (or the long `github/`, `bitbucket/`), `circleci/<org-id>/<project-id>`. */
export function parseSlug(slug: string): Project | undefined {
  const [, prefix = '', org = '', repo = ''] = SLUG.exec(slug) ?? [];
  if (!prefix || [org, repo].some((part) => part === '.' || part === '..')) return undefined;
  const provider = prefix === 'github' ? 'gh' : prefix === 'bitbucket' ? 'bb' : prefix;
  return { provider: provider as Project['provider'], org, repo };
}

/**
 * The --project option: a bad slug is a usage error (exit 2) naming the value under where it came
 * from (`--project` or its variable, CCI_CONDITIONAL_PROJECT).
 */
export function parseProjectOption(value: string, origin = '--project'): Project {
  const project = parseSlug(value);
  if (project) return project;
  throw new UsageError(
    `${shown(origin, value)} is not a project slug like gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>`,
  );
}

/** This project: --project when given, else the running build's (undefined outside CircleCI). */
export function thisProjectOf(
  given: Project | undefined,
  context: BuildContext,
): Project | undefined {
  return given ?? projectOfBuild(context);
}

export interface Target {
  /** undefined: this project, which is not known (outside CircleCI without --project) */
  project: Project | undefined;
  api: Api;
  /** the rules that trigger it through this API */
  rules: Rule[];
}

/**
 * One target per project and API, in rule order. Approve rules act in this project through API
 * v2; a v2 rule inside a GitHub App or GitLab build (no repository URL) triggers the
 * `circleci/<org-id>/<project-id>` project, as `run` does; a classic project keeps its own slug.
 */
export function targetsOf(
  ruleSet: RuleSet,
  given: Project | undefined,
  context: BuildContext,
): Target[] {
  const targets = new Map<string, Target>();
  for (const rule of ruleSet.rules) {
    const project = projectOfRule(rule, given, context);
    const key = `${rule.api} ${project ? slugOf(project) : ''}`;
    const target = targets.get(key) ?? { project, api: rule.api, rules: [] };
    target.rules.push(rule);
    targets.set(key, target);
  }
  return [...targets.values()];
}

function projectOfRule(
  rule: Rule,
  given: Project | undefined,
  context: BuildContext,
): Project | undefined {
  if (rule.project !== undefined && rule.approve === undefined) return parseSlug(rule.project);
  const { organizationId, projectId } = context;
  // As `run` addresses them: a classic project by its own slug, a GitHub App one by its ids.
  if (!given && kindOfBuild(context) === 'by-ids' && rule.api === 'v2')
    return { provider: 'circleci', org: organizationId as string, repo: projectId as string };
  return thisProjectOf(given, context);
}
