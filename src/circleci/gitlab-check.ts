/**
 * Before anything is sent: a project addressed by ids (no CIRCLE_REPOSITORY_URL) is a GitHub
 * App or a GitLab project, and CircleCI documents no API trigger for GitLab projects. Which one
 * is read from the running pipeline (its trigger and trigger_parameters), else from
 * `GET /project/{slug}`. GitLab: exit 2 naming the custom webhook trigger, nothing sent. A read
 * that fails tells nothing: the trigger then goes and CircleCI answers for itself.
 */

import { UsageError } from '../base/errors.js';
import { gitlabSignOfPipeline, gitlabSignOfProject, noGitLabTrigger } from '../core/addressing.js';
import type { PipelineSummary } from '../core/trigger-signs.js';
import { apiPaths, slugOf } from './api-paths.js';
import type { Lookups } from './lookups.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

export async function refuseGitLab(
  actions: readonly Action[],
  tools: RunTools,
  lookups: Lookups,
): Promise<void> {
  const signs = new Map<string, Promise<string | undefined>>();
  for (const action of actions) {
    if (action.kind === 'approve' || action.project.provider !== 'circleci') continue;
    const slug = slugOf(action.project);
    const sign = signs.get(slug) ?? gitlabSign(action, tools, lookups);
    signs.set(slug, sign);
    const how = await sign;
    if (how === undefined) continue;
    const where = action.rule.project === undefined ? 'this project' : `project ${slug}`;
    throw new UsageError(noGitLabTrigger(action.rule, where, how));
  }
}

async function gitlabSign(
  action: TriggerAction,
  tools: RunTools,
  lookups: Lookups,
): Promise<string | undefined> {
  if (action.rule.project === undefined) {
    const running = await lookups.running();
    if ('pipeline' in running) {
      const sign = gitlabSignOfPipeline(running.pipeline);
      if (sign !== undefined || isGitHubApp(running.pipeline)) return sign;
    }
  }
  try {
    const project = await tools.client.send<unknown>({
      method: 'GET',
      path: apiPaths.v2Project(action.project),
    });
    return gitlabSignOfProject(project);
  } catch (error) {
    tools.logger.debug(`could not tell whether ${slugOf(action.project)} is on GitLab: ${error}`);
    return undefined;
  }
}

/** A push through the GitHub App shows so: then it is not GitLab, and needs no other read. */
function isGitHubApp(pipeline: PipelineSummary): boolean {
  const context = pipeline.trigger_parameters;
  return (
    pipeline.trigger?.type === 'github_app' ||
    context?.circleci?.trigger_type === 'github_app' ||
    (typeof context === 'object' && context !== null && 'github_app' in context)
  );
}
