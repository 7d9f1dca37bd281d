/**
 * How CircleCI addresses a project, and the rules that cannot reach theirs. Classic projects
 * (GitHub OAuth, Bitbucket; the job has CIRCLE_REPOSITORY_URL) are `gh|bb/<org>/<repo>` and the
 * API answers 404 to their id form. GitHub App projects (no repository URL, ids set) are
 * triggered only through `pipeline/run` with a pipeline definition id. GitLab projects look like
 * GitHub App ones from the environment, and CircleCI documents no API trigger for them at all:
 * they are started by a custom webhook trigger. Pure.
 */

import type { BuildContext } from './read-context.js';
import { hostOf, isGitLabHost } from './read-context.js';
import type { Rule, RuleSet } from './rules.js';
import type { PipelineSummary } from './trigger-signs.js';

/** How this build's project is addressed, from its environment alone. */
export type BuildProjectKind = 'classic' | 'by-ids' | 'gitlab' | 'unknown';

export function kindOfBuild(context: BuildContext): BuildProjectKind {
  if (context.gitlabRepository) return 'gitlab';
  if (context.hasRepositoryUrl && context.org !== undefined && context.repo !== undefined)
    return 'classic';
  if (context.organizationId !== undefined && context.projectId !== undefined) return 'by-ids';
  return 'unknown';
}

/** Rules that send a trigger to this build's project (not approvals, not another `project`). */
export function triggersHere(rule: Rule): boolean {
  return rule.approve === undefined && rule.project === undefined;
}

export const WHERE_DEFINITION_ID =
  "the pipeline's id, in the web app under Project Settings → Project Setup";
export const CUSTOM_WEBHOOK =
  "CircleCI's custom webhook trigger instead (Project Settings → Project Setup → Add trigger), a URL a step can call with curl";

/**
 * A GitHub App project without `definitionId`: what to say (exit 2). `subject` names the rule
 * (`rule "prod"`, or `rules[0].project` in the rules file's words).
 */
export function needsDefinitionId(subject: string, where: string): string {
  return `${subject}: ${where} is a GitHub App project, which CircleCI triggers only through pipeline/run: give the rule or the rules file a "definitionId" (${WHERE_DEFINITION_ID}); if it is a GitLab project, CircleCI has no API trigger for it at all: use ${CUSTOM_WEBHOOK}`;
}

/** A GitLab project: what to say (exit 2). */
export function noGitLabTrigger(rule: Rule, where: string, how: string): string {
  return `rule "${rule.name}": ${where} is a GitLab project (${how}), and CircleCI documents no API trigger for GitLab projects, so cci-conditional cannot start one: use ${CUSTOM_WEBHOOK}`;
}

/**
 * The addressing problems of a rule set in this build's project, as far as the environment
 * tells (`validate` inside a job): GitHub App rules without `definitionId`, and GitLab.
 */
export function addressingProblems(ruleSet: RuleSet, context: BuildContext): string[] {
  const kind = kindOfBuild(context);
  const problems: string[] = [];
  for (const rule of ruleSet.rules) {
    if (!triggersHere(rule)) continue;
    if (kind === 'gitlab') {
      problems.push(noGitLabTrigger(rule, 'this project', 'CIRCLE_REPOSITORY_URL is on GitLab'));
    } else if (kind === 'by-ids' && rule.api === 'v2' && rule.definitionId === undefined) {
      problems.push(
        needsDefinitionId(`rule "${rule.name}"`, 'this project (no CIRCLE_REPOSITORY_URL)'),
      );
    }
  }
  return problems;
}

/** How a pipeline shows that its project is on GitLab, if it does. */
export function gitlabSignOfPipeline(pipeline: PipelineSummary | undefined): string | undefined {
  if (pipeline?.trigger?.type === 'gitlab') return 'its pipeline was started by a gitlab trigger';
  const context = pipeline?.trigger_parameters;
  const named =
    context?.circleci?.trigger_type === 'gitlab' ||
    context?.git?.provider === 'gitlab' ||
    (context !== null && typeof context === 'object' && 'gitlab' in context);
  return named ? "its pipeline's trigger_parameters name GitLab" : undefined;
}

/** How `GET /project/{slug}` shows a GitLab project, if it does. */
export function gitlabSignOfProject(project: unknown): string | undefined {
  const info = (project as { vcs_info?: { provider?: unknown; vcs_url?: unknown } } | null)
    ?.vcs_info;
  if (typeof info?.provider === 'string' && /gitlab/i.test(info.provider))
    return `CircleCI names its provider ${JSON.stringify(info.provider)}`;
  const url = typeof info?.vcs_url === 'string' ? info.vcs_url : undefined;
  return isGitLabHost(hostOf(url)) ? 'its repository is on GitLab' : undefined;
}
