// @ts-check
// Checks a v2 trigger body the way CircleCI does (limits from its OpenAPI description).
import { isPlainObject } from './http-io.js';

/** @typedef {import('./pipelines.js').GitRef} GitRef */

const MAX_PARAMETERS = 100;
const MAX_NAME_LENGTH = 128;
const MAX_VALUE_LENGTH = 512;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The branch or tag a trigger names; the default branch when it names neither.
 * @param {Record<string, unknown>} fields a body with `branch` and/or `tag`
 * @param {string} defaultBranch
 * @returns {GitRef | string} the ref, or the problem as a message
 */
export function refOf(fields, defaultBranch) {
  const { branch, tag } = fields;
  if (branch !== undefined && tag !== undefined) {
    return 'Only one of branch or tag may be specified.';
  }
  if (tag !== undefined) {
    return typeof tag === 'string' && tag !== '' ? { tag } : 'tag must be a non-empty string.';
  }
  if (branch !== undefined) {
    return typeof branch === 'string' && branch !== ''
      ? { branch }
      : 'branch must be a non-empty string.';
  }
  return { branch: defaultBranch };
}

/**
 * @param {unknown} parameters the `parameters` of a trigger body
 * @returns {string | undefined} the first problem, undefined when valid
 */
export function parameterProblem(parameters) {
  if (parameters === undefined) return undefined;
  if (!isPlainObject(parameters)) return 'parameters must be an object.';
  const entries = Object.entries(parameters);
  if (entries.length > MAX_PARAMETERS) {
    return `Too many pipeline parameters: ${entries.length} (at most ${MAX_PARAMETERS}).`;
  }
  for (const [name, value] of entries) {
    const problem = entryProblem(name, value);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * @param {string} name
 * @param {unknown} value
 */
function entryProblem(name, value) {
  if (name.length > MAX_NAME_LENGTH) {
    return `Pipeline parameter name is longer than ${MAX_NAME_LENGTH} characters: ${name}`;
  }
  const allowed =
    typeof value === 'string' || typeof value === 'boolean' || Number.isInteger(value);
  if (!allowed) {
    return `Pipeline parameter ${name} must be an integer, a string or a boolean.`;
  }
  if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH) {
    return `Pipeline parameter ${name} is longer than ${MAX_VALUE_LENGTH} characters.`;
  }
  return undefined;
}
