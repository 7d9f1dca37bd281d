/**
 * The parts of a parsed CircleCI config the check reads: pipeline parameters, and workflows with
 * their job invocations (with `name:` and matrix names).
 */
import { substitute } from './conditions.js';
import type { PipelineValues } from './values.js';

type Map = Record<string, unknown>;

/** A declared pipeline parameter. */
export interface Declared {
  /** `string`, `integer`, `boolean` or `enum` (anything else is reported) */
  type: unknown;
  /** the values of an `enum` */
  enum: readonly unknown[] | undefined;
  /** whether it has a `default:` */
  hasDefault: boolean;
  default: unknown;
}

/** A job entry of a workflow. */
export interface Invocation {
  /** the job it runs: a key of `jobs:` or an orb job `alias/job` */
  job: string;
  /** the names of the jobs it adds to the workflow: `name:`, else the key; matrix expanded */
  names: readonly string[];
  /** its `filters:`, as written */
  filters: unknown;
  /** the names of the jobs it `requires:` */
  requires: readonly string[];
}

export interface Workflow {
  name: string;
  when: unknown;
  unless: unknown;
  /** a workflow with `triggers:` (a schedule) never runs in a pipeline started through the API */
  scheduled: boolean;
  jobs: readonly Invocation[];
}

export const isMap = (value: unknown): value is Map =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function declaredParameters(config: Map): ReadonlyMap<string, Declared> {
  const declared = new Map<string, Declared>();
  const parameters = isMap(config.parameters) ? config.parameters : {};
  for (const [name, spec] of Object.entries(parameters)) {
    const map = isMap(spec) ? spec : {};
    declared.set(name, {
      type: map.type,
      enum: Array.isArray(map.enum) ? map.enum : undefined,
      hasDefault: Object.hasOwn(map, 'default'),
      default: map.default,
    });
  }
  return declared;
}

/** Workflows by name; `version: 2` under `workflows:` (2.0 configs) is not one. */
export function workflowsOf(config: Map, values: PipelineValues): Workflow[] {
  const workflows = isMap(config.workflows) ? config.workflows : {};
  return Object.entries(workflows)
    .filter((entry): entry is [string, Map] => isMap(entry[1]))
    .map(([name, workflow]) => ({
      name,
      when: workflow.when,
      unless: workflow.unless,
      scheduled: workflow.triggers !== undefined,
      jobs: (Array.isArray(workflow.jobs) ? workflow.jobs : []).flatMap((entry) =>
        invocationOf(entry, values),
      ),
    }));
}

function invocationOf(entry: unknown, values: PipelineValues): Invocation[] {
  if (typeof entry === 'string')
    return [{ job: entry, names: [entry], filters: undefined, requires: [] }];
  if (!isMap(entry)) return [];
  const [job, settings] = Object.entries(entry)[0] ?? [];
  if (job === undefined) return [];
  const map = isMap(settings) ? settings : {};
  const name = typeof map.name === 'string' ? map.name : undefined;
  // `requires: [test]`, or `requires: [{ test: [success, failed] }]` with job statuses.
  const requires = (Array.isArray(map.requires) ? map.requires : []).flatMap((r: unknown) =>
    typeof r === 'string' ? [r] : isMap(r) ? Object.keys(r) : [],
  );
  const names = namesOf(job, name, map.matrix, values);
  return [{ job, names, filters: map.filters, requires }];
}

/**
 * The job names a matrix adds: `name:` with `<< matrix.p >>` replaced, else CircleCI's
 * `job-value1-value2`, one per combination not excluded.
 */
function namesOf(
  job: string,
  name: string | undefined,
  matrix: unknown,
  values: PipelineValues,
): string[] {
  const parameters = isMap(matrix) && isMap(matrix.parameters) ? matrix.parameters : undefined;
  if (!parameters) return [name ?? job];
  let combinations: Array<Array<[string, unknown]>> = [[]];
  for (const [key, list] of Object.entries(parameters)) {
    const options = Array.isArray(list) ? list : [list];
    combinations = combinations.flatMap((c) =>
      options.map((v) => [...c, [key, v] as [string, unknown]]),
    );
  }
  const excluded = (isMap(matrix) && Array.isArray(matrix.exclude) ? matrix.exclude : []).filter(
    isMap,
  );
  return combinations
    .filter((c) => !excluded.some((ex) => c.every(([k, v]) => ex[k] === undefined || ex[k] === v)))
    .map((combination) => {
      const text = (v: unknown) => String(substitute(v, values));
      if (name === undefined) return [job, ...combination.map(([, v]) => text(v))].join('-');
      return name.replace(/<<\s*matrix\.([\w-]+)\s*>>/g, (whole, key: string) => {
        const found = combination.find(([k]) => k === key);
        return found ? text(found[1]) : whole;
      });
    });
}
