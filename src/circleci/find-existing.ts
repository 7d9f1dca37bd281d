/**
 * Does CircleCI already have the build or pipeline this action would create? Asked by --once and
 * the loop guard, and (find-lost.ts) before a lost trigger is sent again. Only the signs CircleCI really returns
 * count (trigger-signs.ts): who, how, where, which commit, when, and the jobs it runs.
 */

import type { Action } from '../core/plan-actions.js';
import {
  type BuildSummary,
  buildLacks,
  buildShows,
  jobOfBuild,
  nameBuild,
  namePipeline,
  type PipelineSummary,
  pipelineLacks,
  pipelineShows,
  type Signs,
} from '../core/trigger-signs.js';
import { ApiError } from '../errors.js';
import { paths } from './api-paths.js';
import { listAll, type RunTools } from './run-tools.js';

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

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;
type V1Action = Extract<Action, { kind: 'v1.1' }>;
type V2Action = Extract<Action, { kind: 'v2' }>;

/** What the actions of one run share: who the token is, and what each already took as its own. */
export interface Lookups {
  /** the token's user (`GET /me`), read at most once per API and run */
  login: (action: TriggerAction) => Promise<string>;
  /** pipeline ids and build URLs an action of this run triggered or found as its own */
  claimed: Set<string>;
}

export function createLookups(tools: RunTools): Lookups {
  const logins = new Map<string, Promise<string>>();
  return {
    claimed: new Set(),
    login: (action) => {
      const path = action.kind === 'v1.1' ? paths.v1Me : paths.v2Me;
      const login = logins.get(path) ?? readLogin(path, tools);
      logins.set(path, login);
      return login;
    },
  };
}

async function readLogin(path: string, tools: RunTools): Promise<string> {
  const me = await tools.client.send<{ login?: unknown } | null>({ method: 'GET', path });
  if (typeof me?.login === 'string' && me.login !== '') return me.login;
  throw new ApiError(`GET ${path}: the answer names no login, so no trigger can be recognised`);
}

/** v1.1 lists at most this many recent builds; a rerun right after the trigger is among them. */
const BUILDS_TO_READ = 30;
/** v2 lists pipelines 20 a page, newest first: an earlier trigger of this commit is near the top. */
const PIPELINE_PAGES_TO_READ = 3;

/** The recent pipelines of the action's project and branch (or tag) that show the signs. */
export async function pipelinesShowing(
  action: V2Action,
  tools: RunTools,
  signs: Signs,
): Promise<PipelineSummary[]> {
  const branch = action.ref.kind === 'branch' ? action.ref.name : undefined;
  const found: PipelineSummary[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < PIPELINE_PAGES_TO_READ; page++) {
    const path = paths.v2ProjectPipelines(action.project, branch, pageToken);
    const answer = await tools.client.send<{
      items?: PipelineSummary[];
      next_page_token?: string | null;
    } | null>({ method: 'GET', path });
    if (!Array.isArray(answer?.items)) throw new ApiError(`GET ${path}: the answer lists nothing`);
    for (const pipeline of answer.items)
      cannotTell(path, namePipeline(pipeline), pipelineLacks(pipeline, signs));
    found.push(...answer.items.filter((pipeline) => pipelineShows(pipeline, signs)));
    if (!answer.next_page_token) break;
    pageToken = answer.next_page_token;
  }
  return found;
}

export async function buildsShowing(
  action: V1Action,
  tools: RunTools,
  signs: Signs,
): Promise<BuildSummary[]> {
  const { ref, project } = action;
  const path =
    ref.kind === 'branch'
      ? paths.v1BranchBuilds(project, ref.name, BUILDS_TO_READ)
      : paths.v1ProjectBuilds(project, BUILDS_TO_READ);
  const builds = await tools.client.send<BuildSummary[] | null>({ method: 'GET', path });
  if (!Array.isArray(builds)) throw new ApiError(`GET ${path}: the answer lists nothing`);
  for (const build of builds) cannotTell(path, nameBuild(build), buildLacks(build, signs));
  return builds.filter((build) => buildShows(build, signs));
}

/** A listed pipeline or build that could be this trigger but lacks a sign: no guessing. */
function cannotTell(path: string, name: string, lacks: string | undefined): void {
  if (lacks === undefined) return;
  throw new ApiError(
    `GET ${path}: ${name} is listed without ${lacks}, so this run cannot tell whether it is its own (cci-conditional doctor shows what this CircleCI leaves out)`,
  );
}

/**
 * "what": one of the pipeline's workflows has a job named `job` (a rule without job: any
 * pipeline). `unknown` while it has no workflow yet (they appear seconds after the trigger).
 */
export async function pipelineRuns(
  action: V2Action,
  pipeline: PipelineSummary,
  tools: RunTools,
): Promise<'yes' | 'no' | 'unknown'> {
  if (action.job === undefined) return 'yes';
  const workflows = await listAll<{ id: string }>(tools, (token) =>
    paths.v2PipelineWorkflows(pipeline.id, token),
  );
  if (workflows.length === 0) return 'unknown';
  for (const workflow of workflows) {
    const jobs = await listAll<{ name?: string }>(tools, (token) =>
      paths.v2WorkflowJobs(workflow.id, token),
    );
    if (jobs.some((job) => job.name === action.job)) return 'yes';
  }
  return 'no';
}

/** "what" of a build: the job the build itself names; a build that names none matches. */
export async function buildRuns(action: V1Action, build: BuildSummary, tools: RunTools) {
  const path = paths.v1Build(action.project, build.build_num);
  const full = await tools.client.send<BuildSummary | null>({ method: 'GET', path });
  const job = full ? jobOfBuild(full) : undefined;
  return job === undefined || job === action.job;
}

/**
 * --once: an earlier build or pipeline of this commit's target, as a reason names it. One this
 * run triggered (for another rule of `match: all`) is not an earlier trigger. Two rules of one
 * job look alike in what CircleCI returns: an earlier trigger of the job counts for both, as
 * that may skip a rule but never triggers one twice.
 */
export async function findEarlier(
  action: TriggerAction,
  tools: RunTools,
  lookups: Lookups,
): Promise<string | undefined> {
  const signs = { login: await lookups.login(action), ref: action.ref, sha: action.sha };
  const { claimed } = lookups;
  if (action.kind === 'v1.1') {
    for (const build of await buildsShowing(action, tools, signs))
      if (!claimed.has(build.build_url) && (await buildRuns(action, build, tools)))
        return nameBuild(build);
    return undefined;
  }
  for (const pipeline of await pipelinesShowing(action, tools, signs))
    if (!claimed.has(pipeline.id) && (await pipelineRuns(action, pipeline, tools)) === 'yes')
      return namePipeline(pipeline);
  return undefined;
}
