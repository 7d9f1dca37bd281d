/**
 * Deploy order, before anything is sent for a branch rule: when the branch has moved on to
 * another commit by a push after the running pipeline (or build), this commit must not go live
 * over it; every such rule is skipped with one line. Read once per API and run; a tag rule is
 * never superseded. A list that cannot be read, or cannot show this branch's pushes, is a
 * warning and the rule goes on: the check fails towards deploying, as CircleCI's own
 * serial groups would let the job run. --allow-superseded turns it off.
 * See ARCHITECTURE.md, "Deploy order".
 */

import { ApiError } from '../base/errors.js';
import { supersededLine } from '../core/deploy-order.js';
import { shortSha } from '../core/quote.js';
import type { Lookups } from './lookups.js';
import { newerBuild } from './newer-build.js';
import { newerPipeline } from './newer-pipeline.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

/** The superseded line of this action's commit, or undefined when it may deploy. */
export type SupersededCheck = (action: Action) => Promise<string | undefined>;

export function createSupersededCheck(
  tools: RunTools,
  lookups: Lookups,
  enabled = true,
): SupersededCheck {
  const checks = new Map<string, Promise<string | undefined>>();
  return (action) => {
    const { ref, sha } = action;
    if (!enabled || ref.kind !== 'branch') return Promise.resolve(undefined);
    const api = action.kind === 'v1.1' ? 'v1.1' : 'v2';
    const check = checks.get(api) ?? superseded(api, ref.name, sha, tools, lookups);
    checks.set(api, check);
    return check;
  };
}

async function superseded(
  api: 'v1.1' | 'v2',
  branch: string,
  sha: string,
  tools: RunTools,
  lookups: Lookups,
): Promise<string | undefined> {
  let found: Awaited<ReturnType<typeof newerPipeline>>;
  try {
    found =
      api === 'v2'
        ? await newerPipeline(branch, sha, tools, lookups)
        : await newerBuild(branch, sha, tools, lookups);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    found = { unsure: error.message };
  }
  if (found === undefined) return undefined;
  if ('unsure' in found) {
    tools.logger.warn(
      `deploy order: cannot tell whether ${branch} moved on to a newer commit (${found.unsure}); deploying ${shortSha(sha)} (--allow-superseded turns this check off)`,
    );
    return undefined;
  }
  const line = supersededLine(branch, found, sha);
  tools.logger.info(line);
  return line;
}
