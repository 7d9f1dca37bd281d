/**
 * What a planned action is, without sending anything: the fields of its result, and the
 * requests a dry run shows. Every run that fires a rule needs these, the dry run only these.
 */

import type { TriggerResult } from '../core/run-result.js';
import { apiPaths, slugOf } from './api-paths.js';
import type { Action, ApiRequest } from './plan-actions.js';

type ApproveAction = Extract<Action, { kind: 'approve' }>;

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

/** What --dry-run shows: the id of the approval request is known only after the read. */
export function approveRequests(action: ApproveAction): ApiRequest[] {
  const placeholder = `<approval_request_id of ${JSON.stringify(action.approvalJob)}>`;
  return [
    { method: 'GET', path: apiPaths.v2WorkflowJobs(action.workflowId) },
    { method: 'POST', path: `${apiPaths.v2Approve(action.workflowId, '')}${placeholder}` },
  ];
}

/** A rule after the one that decided a `match: first` run (by its paths or otherwise). */
export function notNeeded(action: Action, decided: string): TriggerResult {
  const reason = `not needed: rule "${decided}" came first (match: first)`;
  return { ...describeAction(action), status: 'skipped', reason };
}
