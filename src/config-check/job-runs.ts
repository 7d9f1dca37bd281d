/**
 * Whether a job of a workflow runs in a pipeline: its own filters let it, and every job it
 * requires runs too (CircleCI never starts a job whose requirement was filtered out; in a tag
 * pipeline, each job up the chain needs `filters.tags`).
 */
import type { Invocation, Workflow } from './config-model.js';
import { filtersLetRun, type PipelineRef } from './filters.js';
import { all, type Truth, UNKNOWN } from './values.js';

export interface JobRuns {
  runs: Truth;
  /** when it does not run: the job whose filters stop it (itself, or one it requires) */
  blocker: Invocation | undefined;
}

export function jobRuns(
  workflow: Workflow,
  invocation: Invocation,
  ref: PipelineRef,
  path: ReadonlySet<Invocation> = new Set(),
): JobRuns {
  const own = filtersLetRun(invocation.filters, ref);
  if (own === false) return { runs: false, blocker: invocation };
  // A cycle is a config CircleCI rejects: nothing to know.
  if (path.has(invocation)) return { runs: UNKNOWN, blocker: undefined };
  const inner = new Set([...path, invocation]);
  const upstream = invocation.requires.map((name): JobRuns => {
    const named = workflow.jobs.filter((j) => j.names.includes(name));
    // A matrix job is required by its key: every job of the matrix.
    const required = named.length > 0 ? named : workflow.jobs.filter((j) => j.job === name);
    if (required.length === 0) return { runs: UNKNOWN, blocker: undefined };
    const results = required.map((r) => jobRuns(workflow, r, ref, inner));
    return (
      results.find((r) => r.runs === false) ?? {
        runs: all(results.map((r) => r.runs)),
        blocker: undefined,
      }
    );
  });
  const blocked = upstream.find((u) => u.runs === false);
  return blocked ?? { runs: all([own, ...upstream.map((u) => u.runs)]), blocker: undefined };
}
