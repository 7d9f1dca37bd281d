/**
 * The listed pipelines of this commit (or of a window in time) that could be the token user's
 * API triggers of this action's branch or tag: judged by who, how, where, which commit and when.
 * A branch is read from `?branch=`, and on `circleci/` projects also from `pipeline/mine`, whose
 * answer does not depend on `?branch=` matching pipelines without `vcs`; a tag, which no list
 * filters by, from `pipeline/mine`. Listed under this project's own path: this project.
 */
import { judgePipeline } from '../core/judge-signs.js';
import { namePipeline, type PipelineSummary, type Signs, timeOf } from '../core/trigger-signs.js';
import { apiPaths } from './api-paths.js';
import { UnsureError } from './circleci-client.js';
import { type Visit, walkPipelines } from './list-pages.js';
import type { Lookups } from './lookups.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type V2Action = Extract<Action, { kind: 'v2' }>;

/** A pipeline that shows every sign; `type` when its trigger type alone is unknown. */
export interface OwnPipeline {
  pipeline: PipelineSummary;
  type?: string;
}

/** How far back a list is read: `stop` ends it at an entry (newest first). */
export type Window = (pipeline: PipelineSummary, list: 'branch' | 'mine') => boolean;

/**
 * The pipelines that show the signs, newest first, each once; those this run claimed are left
 * out. One that lacks a sign this run needs: UnsureError naming it.
 */
export async function ownPipelines(
  action: V2Action,
  tools: RunTools,
  lookups: Lookups,
  signs: Signs,
  read: { fresh: boolean; window: Window },
): Promise<OwnPipeline[]> {
  const found = new Map<string, OwnPipeline>();
  const visit =
    (list: 'branch' | 'mine'): Visit<PipelineSummary> =>
    (pipeline, path) => {
      if (typeof pipeline.id !== 'string') return undefined;
      const judgement = judgePipeline(pipeline, signs);
      if (judgement.verdict === 'cannot-tell' && judgement.type === undefined) {
        throw new UnsureError(
          `GET ${path}: ${namePipeline(pipeline)} ${judgement.why}, so this run cannot tell whether it is its own (cci-conditional doctor shows what this CircleCI leaves out)`,
        );
      }
      if (judgement.verdict !== 'not-ours' && !lookups.claimed.has(pipeline.id)) {
        const type = judgement.verdict === 'cannot-tell' ? judgement.type : undefined;
        if (!found.has(pipeline.id))
          found.set(pipeline.id, { pipeline, ...(type ? { type } : {}) });
      }
      return read.window(pipeline, list) ? 'stop' : undefined;
    };
  const { project, ref } = action;
  if (ref.kind === 'branch') {
    const path = (token: string | undefined) =>
      apiPaths.v2ProjectPipelines(project, ref.name, token);
    await walkPipelines(tools, lookups.pages, path, read.fresh, visit('branch'));
  }
  if (ref.kind === 'tag' || project.provider === 'circleci' || read.fresh) {
    const path = (token: string | undefined) => apiPaths.v2MyPipelines(project, token);
    await walkPipelines(tools, lookups.pages, path, read.fresh, visit('mine'));
  }
  return [...found.values()].sort(
    (a, b) => (timeOf(b.pipeline.created_at) ?? 0) - (timeOf(a.pipeline.created_at) ?? 0),
  );
}

/** `pipeline 3 (id)`, with its trigger type when cci-conditional does not know that type. */
export function nameOwn(own: OwnPipeline): string {
  const name = namePipeline(own.pipeline);
  return own.type === undefined ? name : `${name} (trigger type ${JSON.stringify(own.type)})`;
}
