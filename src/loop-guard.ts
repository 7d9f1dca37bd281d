/**
 * Stops a trigger loop: a pipeline started by cci-conditional for a target runs every workflow
 * whose filters match, possibly the one that runs cci-conditional again. When the running
 * pipeline (or, on v1.1, the running job) is itself that target, the rule does not fire again.
 */
import { paths, slugOf } from './api-paths.js';
import type { Action } from './plan-actions.js';
import { projectOfBuild, type RunTools, sameSlug } from './run-tools.js';

interface RunningPipeline {
  project_slug?: string;
  trigger?: { type?: string };
  trigger_parameters?: Record<string, unknown>;
}

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

/** A guard for one run: the running pipeline is read at most once, and only when a v2 rule fires. */
export function createLoopGuard(
  tools: RunTools,
): (action: TriggerAction) => Promise<string | undefined> {
  let running: Promise<RunningPipeline | undefined> | undefined;
  return async (action) => {
    const { context, ruleSet } = tools;
    if (action.kind === 'v1.1') {
      const here = projectOfBuild(context);
      const sameProject = here === undefined || sameSlug(slugOf(here), slugOf(action.project));
      return sameProject && context.job === action.job
        ? `the running job ${context.job} is the target itself; not triggering it again`
        : undefined;
    }
    const pipelineId = context.pipelineId;
    if (pipelineId === undefined) return undefined;
    running ??= readRunning(pipelineId, tools);
    const pipeline = await running;
    if (pipeline === undefined || pipeline.trigger?.type !== 'api') return undefined;
    if (pipeline.project_slug && !sameSlug(pipeline.project_slug, slugOf(action.project)))
      return undefined;
    const parameters = pipeline.trigger_parameters ?? {};
    const target = action.job
      ? { [ruleSet.jobParameter]: action.job }
      : (action.rule.parameters as Record<string, unknown>);
    const entries = Object.entries(target);
    const same = entries.length > 0 && entries.every(([name, value]) => parameters[name] === value);
    if (!same) return undefined;
    const what = action.job ? `for ${action.job}` : 'with these parameters';
    return `this pipeline (${pipelineId}) was itself started through the API ${what}; not triggering again (loop guard)`;
  };
}

/** A failed read must not block a deploy: the guard then lets the trigger go, with a warning. */
async function readRunning(id: string, tools: RunTools): Promise<RunningPipeline | undefined> {
  try {
    return await tools.client.send<RunningPipeline>({ method: 'GET', path: paths.v2Pipeline(id) });
  } catch (error) {
    tools.logger.warn(
      `loop guard: could not read this pipeline ${id} (${(error as Error).message}); triggering anyway`,
    );
    return undefined;
  }
}
