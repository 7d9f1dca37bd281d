/**
 * The base of a rule with `paths`: the commit of its job's last successful deploy on this branch,
 * that is the newest pipeline (v2) or build (v1.1) that shows the signs of this tool's own
 * trigger of the job (the token's user, through the API, on this branch, running the job) and
 * whose job ended `success`. A deploy in between that failed is passed over: its changes are
 * still to deploy. Read through the run's pages, newest first (the deploy-order check, the loop
 * guard and --once read the same ones), up to 10 pages or 300 builds. Whatever keeps the base
 * from being found is said, and the rule then deploys without comparing.
 */

import { ApiError } from '../base/errors.js';
import type { Signs } from '../core/trigger-signs.js';
import { deployedBuild } from './deployed-build.js';
import { deployedPipeline } from './deployed-pipeline.js';
import type { Found } from './last-deploy.js';
import type { Lookups } from './lookups.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

/** The commit of the last successful deploy and its name (`pipeline 12`), or why there is none. */
export type DeployedBase = { sha: string; name: string } | { none: string };

export async function deployedBase(
  action: TriggerAction,
  tools: RunTools,
  lookups: Lookups,
): Promise<DeployedBase> {
  const job = action.job ?? 'its job';
  const nothing = `no earlier successful deploy of ${job} on ${action.ref.name} found`;
  let found: Found;
  try {
    const signs: Signs = { login: await lookups.login(action), ref: action.ref };
    found =
      action.kind === 'v1.1'
        ? await deployedBuild(action, tools, lookups, signs)
        : await deployedPipeline(action, tools, lookups, signs);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return {
      none: `the last successful deploy of ${job} could not be looked up (${error.message})`,
    };
  }
  if (found === 'none') return { none: nothing };
  if (found === 'beyond')
    return {
      none: `${nothing} (read back ${action.kind === 'v1.1' ? '300 builds' : '10 pages of pipelines'})`,
    };
  if ('unsure' in found) return { none: `${nothing} that it can be sure of: ${found.unsure}` };
  // The commit goes to git as an argument: only a commit SHA is taken.
  if (!/^[0-9a-f]{40}$/i.test(found.sha))
    return { none: `${found.name}, the last successful deploy of ${job}, shows no commit SHA` };
  return { sha: found.sha.toLowerCase(), name: found.name };
}
