/**
 * Does CircleCI already have the build or pipeline this action would create? Used before a lost
 * trigger is repeated (so a retry never creates a second one) and by --once. A match is an API
 * trigger of this commit carrying exactly what the action sends (job, SHA, parameters).
 */
import { paths } from './api-paths.js';
import type { Action } from './plan-actions.js';
import type { ParameterValue } from './rules.js';
import type { RunTools } from './run-tools.js';

/** What a v1.1 trigger answers, and what a found build is turned into. */
export interface BuildAnswer {
  build_num: number;
  build_url: string;
}
/** What a v2 trigger answers, and what a found pipeline is turned into. */
export interface PipelineAnswer {
  id: string;
  number: number;
  state?: string;
}

interface BuildSummary extends BuildAnswer {
  vcs_revision?: string | null;
  vcs_tag?: string | null;
  why?: string | null;
  build_parameters?: Record<string, unknown> | null;
}
interface PipelineSummary extends PipelineAnswer {
  trigger?: { type?: string };
  trigger_parameters?: Record<string, unknown>;
  vcs?: { revision?: string; branch?: string; tag?: string };
}

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

/** v1.1 lists at most this many recent builds; a rerun right after the trigger is among them. */
const BUILDS_TO_READ = 30;
/** v2 lists pipelines 20 a page, newest first: an earlier trigger of this commit is near the top. */
const PIPELINE_PAGES_TO_READ = 3;

export async function findExistingBuild(
  action: Extract<Action, { kind: 'v1.1' }>,
  tools: RunTools,
): Promise<BuildAnswer | undefined> {
  const { ref, project, sha } = action;
  const path =
    ref.kind === 'branch'
      ? paths.v1BranchBuilds(project, ref.name, BUILDS_TO_READ)
      : paths.v1ProjectBuilds(project, BUILDS_TO_READ);
  const builds = await tools.client.send<BuildSummary[]>({ method: 'GET', path });
  const sent = (action.request.body as { build_parameters: Record<string, ParameterValue> })
    .build_parameters;
  return builds.find(
    (build) =>
      // A tag names one commit; a branch build must be of this commit.
      (ref.kind === 'tag' ? build.vcs_tag === ref.name : build.vcs_revision === sha) &&
      (build.why == null || build.why === 'api') &&
      carries(build.build_parameters, sent),
  );
}

export async function findExistingPipeline(
  action: Extract<Action, { kind: 'v2' }>,
  tools: RunTools,
): Promise<PipelineAnswer | undefined> {
  const { ref, project, sha } = action;
  const sent = (action.request.body as { parameters: Record<string, ParameterValue> }).parameters;
  // Without a SHA parameter the pipeline's revision is the only sign of the commit.
  const checkRevision = tools.ruleSet.shaParameter === null;
  let pageToken: string | undefined;
  for (let page = 0; page < PIPELINE_PAGES_TO_READ; page++) {
    const branch = ref.kind === 'branch' ? ref.name : undefined;
    const path = paths.v2ProjectPipelines(project, branch, pageToken);
    const answer = await tools.client.send<{
      items: PipelineSummary[];
      next_page_token?: string | null;
    }>({ method: 'GET', path });
    const found = answer.items.find(
      (pipeline) =>
        pipeline.trigger?.type === 'api' &&
        (ref.kind === 'tag' ? pipeline.vcs?.tag === ref.name : pipeline.vcs?.branch === ref.name) &&
        (!checkRevision || pipeline.vcs?.revision === sha) &&
        carries(pipeline.trigger_parameters, sent),
    );
    if (found) return { id: found.id, number: found.number, state: found.state };
    if (!answer.next_page_token) return undefined;
    pageToken = answer.next_page_token;
  }
  return undefined;
}

/** The build or pipeline as a --once reason names it. */
export async function findExisting(
  action: TriggerAction,
  tools: RunTools,
): Promise<string | undefined> {
  if (action.kind === 'v1.1') {
    const build = await findExistingBuild(action, tools);
    return build && `build ${build.build_num} ${build.build_url}`;
  }
  const pipeline = await findExistingPipeline(action, tools);
  return pipeline && `pipeline ${pipeline.number} (${pipeline.id})`;
}

/** How long a just-created pipeline may take to show up in the list (eventual consistency). */
export const SETTLE_MS = 3000;

/**
 * A second look after a short settle delay before the caller sends again: a build or pipeline
 * created a moment ago may not be listed yet, and a miss means a duplicate.
 */
export function lookTwice<T>(
  lookup: () => Promise<T | undefined>,
  tools: RunTools,
): () => Promise<T | undefined> {
  return async () => {
    const first = await lookup();
    if (first !== undefined) return first;
    tools.logger.debug(`not listed yet; looking again in ${SETTLE_MS / 1000} s before resending`);
    await tools.sleep(SETTLE_MS);
    return lookup();
  };
}

/** Every sent parameter is there with the same value (CircleCI may give numbers back as text). */
function carries(
  actual: Record<string, unknown> | null | undefined,
  sent: Record<string, ParameterValue>,
): boolean {
  if (!actual) return false;
  return Object.entries(sent).every(
    ([name, value]) => name in actual && String(actual[name]) === String(value),
  );
}
