/**
 * What the reads of one run share: who the token is, what each action already took as its own,
 * the listed pages and builds read so far, and the running pipeline. Each is read at most once
 * per run (the looks after a send ask lists afresh).
 */

import { ApiError } from '../base/errors.js';
import type { BuildSummary, PipelineSummary } from '../core/trigger-signs.js';
import { apiPaths, type Project } from './api-paths.js';
import { createPageCache, type PageCache } from './list-pages.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

/** The pipeline this job runs in ($CIRCLE_PIPELINE_ID), as far as it could be read. */
export type Running = { pipeline: PipelineSummary } | { error: string } | { none: true };

export interface Lookups {
  /** the token's user (`GET /me`), read at most once per API and run */
  login: (action: TriggerAction) => Promise<string>;
  /** pipeline ids and build numbers an action of this run triggered or found as its own */
  claimed: Set<string>;
  /** listed pages, by path */
  pages: PageCache;
  /** the running pipeline, read at most once */
  running: () => Promise<Running>;
  /** one v1.1 build as `GET /project/.../{num}` shows it, read at most once */
  build: (project: Project, buildNum: number) => Promise<BuildSummary>;
}

export function createLookups(tools: RunTools): Lookups {
  const logins = new Map<string, Promise<string>>();
  const builds = new Map<string, Promise<BuildSummary>>();
  let running: Promise<Running> | undefined;
  return {
    claimed: new Set(),
    pages: createPageCache(tools),
    login: (action) => {
      const path = action.kind === 'v1.1' ? apiPaths.v1Me : apiPaths.v2Me;
      const login = logins.get(path) ?? readLogin(path, tools);
      logins.set(path, login);
      return login;
    },
    running: () => {
      running ??= readRunning(tools);
      return running;
    },
    build: (project, buildNum) => {
      const path = apiPaths.v1Build(project, buildNum);
      const read = builds.get(path) ?? readBuild(path, tools);
      builds.set(path, read);
      return read;
    },
  };
}

/** The claim key of a build: its number in its project (its URL may be missing). */
export function buildKey(project: Project, buildNum: number): string {
  return apiPaths.v1Build(project, buildNum);
}

/**
 * CircleCI's time at a moment of the runner's clock, from the offset its `Date` headers show
 * (ARCHITECTURE.md, "Clock offset").
 */
export function circleciTime(tools: RunTools, runnerTime: number): number {
  return runnerTime + tools.client.clockOffset();
}

async function readLogin(path: string, tools: RunTools): Promise<string> {
  let me: { login?: unknown } | null;
  try {
    me = await tools.client.send<{ login?: unknown } | null>({ method: 'GET', path });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    // A project API token cannot say whose it is ("You must log in first.").
    throw new ApiError(
      `GET ${path} answered 401: the token is a project API token (or invalid), which cannot tell whose builds and pipelines are whose; this lookup needs a personal API token (User Settings → Personal API Tokens)`,
      401,
    );
  }
  if (typeof me?.login === 'string' && me.login !== '') return me.login;
  throw new ApiError(`GET ${path}: the answer names no login, so no trigger can be recognised`);
}

async function readRunning(tools: RunTools): Promise<Running> {
  const id = tools.context.pipelineId;
  if (id === undefined) return { none: true };
  try {
    const pipeline = await tools.client.send<unknown>({
      method: 'GET',
      path: apiPaths.v2Pipeline(id),
    });
    if (typeof pipeline === 'object' && pipeline !== null && !Array.isArray(pipeline))
      return { pipeline: pipeline as PipelineSummary };
    return { error: `the answer was ${JSON.stringify(pipeline) ?? 'empty'}` };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function readBuild(path: string, tools: RunTools): Promise<BuildSummary> {
  const build = await tools.client.send<unknown>({ method: 'GET', path });
  if (typeof build === 'object' && build !== null && !Array.isArray(build))
    return build as BuildSummary;
  throw new ApiError(`GET ${path}: the answer is not a build`);
}
