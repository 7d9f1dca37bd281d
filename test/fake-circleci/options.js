// @ts-check
// The fake's options with their defaults filled in.
import { defaultBuildStatuses } from './builds.js';
import { defaultWorkflows } from './workflows.js';

/**
 * @typedef {import('./types.js').FakeOptions} FakeOptions
 * @typedef {import('./types.js').ResolvedOptions} ResolvedOptions
 */

/**
 * @param {FakeOptions} options
 * @returns {ResolvedOptions}
 */
export function resolveOptions(options) {
  return {
    token: 'test-token',
    v11Status: 200,
    pipelineSetupReads: 1,
    workflowDelayReads: 1,
    heads: {},
    workflows: defaultWorkflows,
    buildStatuses: defaultBuildStatuses,
    pageSize: 20,
    defaultBranch: 'main',
    ciSkip: false,
    v11TriggersGone: false,
    login: 'deploy-bot',
    clock: Date.now,
    clockOffsetMs: 0,
    listDelayMs: 0,
    branchListsPipelinesWithoutVcs: false,
    apiTriggerType: 'api',
    v11ListsEncodeBranches: true,
    gitlabProjects: [],
    classicProjectIds: [],
    v11ListsLeaveOut: [],
    ...withoutUndefined(options),
  };
}

/**
 * So that `{pageSize: undefined}` keeps the default.
 * @template {object} T
 * @param {T} object
 * @returns {Partial<T>}
 */
function withoutUndefined(object) {
  return /** @type {Partial<T>} */ (
    Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
  );
}
