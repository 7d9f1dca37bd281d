/**
 * Turns the rules that fire into the exact API calls to make, before anything is sent: every
 * missing piece (SHA, project, workflow id) is found here, so bad input never half-triggers.
 */

import { UsageError } from '../base/errors.js';
import { kindOfBuild, needsDefinitionId, noGitLabTrigger } from '../core/addressing.js';
import type { RuleEvaluation } from '../core/decide.js';
import { quote } from '../core/quote.js';
import type { BuildContext, GitRef } from '../core/read-context.js';
import type { ParameterValue, Rule, RuleSet } from '../core/rules.js';
import { apiPaths, type Project, slugOf } from './api-paths.js';

/** One HTTP call, before the host and the headers are added. */
export interface ApiRequest {
  method: 'GET' | 'POST';
  /** path and query, from `/api/...` */
  path: string;
  /** JSON body */
  body?: unknown;
}

interface ActionBase {
  rule: Rule;
  ref: GitRef;
  sha: string;
}

/** Start a new build (v1.1) or pipeline (v2) for the target, or approve a job in this workflow. */
export type Action =
  | (ActionBase & { kind: 'v1.1'; project: Project; job: string; request: ApiRequest })
  | (ActionBase & { kind: 'v2'; project: Project; job: string | undefined; request: ApiRequest })
  | (ActionBase & { kind: 'approve'; approvalJob: string; workflowId: string });

export function planActions(
  fired: readonly RuleEvaluation[],
  ref: GitRef,
  context: BuildContext,
  ruleSet: RuleSet,
): Action[] {
  const sha = context.sha;
  if (sha === undefined)
    throw new UsageError('CIRCLE_SHA1 is not set: cannot tell which commit to deploy');
  return fired.map(({ rule }) => planAction(rule, ref, sha, context, ruleSet));
}

function planAction(
  rule: Rule,
  ref: GitRef,
  sha: string,
  context: BuildContext,
  ruleSet: RuleSet,
): Action {
  if (rule.approve !== undefined) {
    if (context.workflowId === undefined) {
      throw new UsageError(
        `rule "${rule.name}" approves "${rule.approve}" but CIRCLE_WORKFLOW_ID is not set`,
      );
    }
    return {
      rule,
      ref,
      sha,
      kind: 'approve',
      approvalJob: rule.approve,
      workflowId: context.workflowId,
    };
  }
  const project = projectOf(rule, context);
  const base = { rule, ref, sha, project };
  if (rule.api === 'v1.1') {
    const job = rule.job as string; // check-rules requires it for v1.1
    const build_parameters = { CIRCLE_JOB: job, ...rule.parameters };
    if (ref.kind === 'branch') checkSha(sha);
    const request: ApiRequest =
      ref.kind === 'branch'
        ? {
            method: 'POST',
            path: apiPaths.v1BranchTrigger(project, ref.name),
            body: { revision: sha, build_parameters },
          }
        : {
            method: 'POST',
            path: apiPaths.v1TagTrigger(project),
            body: { tag: ref.name, build_parameters },
          };
    return { ...base, kind: 'v1.1', job, request };
  }
  const parameters: Record<string, ParameterValue> = {};
  if (rule.job !== undefined) parameters[ruleSet.jobParameter] = rule.job;
  if (ruleSet.shaParameter !== null) parameters[ruleSet.shaParameter] = checkSha(sha);
  Object.assign(parameters, rule.parameters);
  const where = ref.kind === 'branch' ? { branch: ref.name } : { tag: ref.name };
  if (rule.definitionId !== undefined) {
    const body = { definition_id: rule.definitionId, config: where, checkout: where, parameters };
    return {
      ...base,
      kind: 'v2',
      job: rule.job,
      request: { method: 'POST', path: apiPaths.v2Run(project), body },
    };
  }
  if (project.provider === 'circleci') {
    const where = rule.project === undefined ? 'this project' : `project ${slugOf(project)}`;
    throw new UsageError(needsDefinitionId(`rule "${rule.name}"`, where));
  }
  const request: ApiRequest = {
    method: 'POST',
    path: apiPaths.v2Trigger(project),
    body: { ...where, parameters },
  };
  return { ...base, kind: 'v2', job: rule.job, request };
}

/** A SHA that is sent as the commit to deploy: what CircleCI sets, 40 hex digits, nothing else. */
function checkSha(sha: string): string {
  if (/^[0-9a-f]{40}$/i.test(sha)) return sha;
  throw new UsageError(
    `CIRCLE_SHA1=${quote(sha)} is not a commit SHA (40 hex digits): it would be sent as the commit to deploy`,
  );
}

/**
 * The rule's `project`, else this build's: a classic project (CIRCLE_REPOSITORY_URL set) by its
 * own `gh|bb/<org>/<repo>` slug, a `definitionId` included (CircleCI answers 404 to the id form
 * of a classic project); a GitHub App project (no repository URL, ids set) as
 * `circleci/<org-id>/<project-id>`. A GitLab project has no API trigger at all.
 */
function projectOf(rule: Rule, context: BuildContext): Project {
  if (rule.project !== undefined) {
    const [prefix = '', org = '', repo = ''] = rule.project.split('/');
    const provider = prefix === 'github' ? 'gh' : prefix === 'bitbucket' ? 'bb' : prefix;
    return { provider: provider as Project['provider'], org, repo };
  }
  const { org, repo, organizationId, projectId } = context;
  const kind = kindOfBuild(context);
  if (kind === 'gitlab')
    throw new UsageError(
      noGitLabTrigger(rule, 'this project', 'CIRCLE_REPOSITORY_URL is on GitLab'),
    );
  const names = org !== undefined && repo !== undefined;
  if (kind === 'by-ids' && rule.api === 'v2')
    return { provider: 'circleci', org: organizationId as string, repo: projectId as string };
  if (names) return { provider: context.vcs === 'bitbucket' ? 'bb' : 'gh', org, repo };
  const missing = [
    org === undefined && 'CIRCLE_PROJECT_USERNAME',
    repo === undefined && 'CIRCLE_PROJECT_REPONAME',
  ];
  const list = missing.filter(Boolean).join(' and ');
  throw new UsageError(
    `${list} ${list.includes(' and ') ? 'are' : 'is'} not set: cannot tell which project to trigger (or give the rule a "project")`,
  );
}
