/** Sends what one action needs and reports the API's answer. */
import { slugOf } from './api-paths.js';
import type { CircleCiClient } from './circleci-client.js';
import type { Action } from './plan-actions.js';
import type { TriggerResult } from './result.js';

interface V1Build {
  build_num: number;
  build_url: string;
}
interface V2Pipeline {
  id: string;
  number: number;
  state?: string;
}

/** The fields every result of this action shares. */
export function describeAction(action: Action): Omit<TriggerResult, 'status'> {
  if (action.kind === 'approve') {
    return { rule: action.rule.name, job: action.approvalJob, api: 'approve', project: null };
  }
  return {
    rule: action.rule.name,
    job: action.job ?? null,
    api: action.kind,
    project: slugOf(action.project),
  };
}

export async function trigger(
  action: Exclude<Action, { kind: 'approve' }>,
  client: CircleCiClient,
): Promise<TriggerResult> {
  const base = describeAction(action);
  if (action.kind === 'v1.1') {
    const build = await client.send<V1Build>(action.request);
    return {
      ...base,
      status: 'triggered',
      build: { number: build.build_num, url: build.build_url },
    };
  }
  const pipeline = await client.send<V2Pipeline>(action.request);
  return {
    ...base,
    status: 'triggered',
    pipeline: {
      id: pipeline.id,
      number: pipeline.number,
      ...(pipeline.state ? { state: pipeline.state } : {}),
    },
  };
}
