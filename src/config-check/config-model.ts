/**
 * The parts of a parsed CircleCI config the check reads: pipeline parameters, and workflows with
 * their job invocations (with `name:`, matrix names and aliases).
 */
import { counted, LIMITS, NotChecked } from './bounds.js';
import { substitute } from './conditions.js';
import type { PipelineValues } from './three-valued.js';

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
export interface JobInvocation {
  /** the job it runs: a key of `jobs:` or an orb job `alias/job` (the entry's key) */
  job: string;
  /** its `name:` as written (a matrix's may hold `<< matrix.x >>`) */
  rawName: string | undefined;
  /** the names of the jobs it adds to the workflow: `name:`, else the key; matrix expanded */
  names: readonly string[];
  /** a matrix: the name that stands for all its jobs (`matrix.alias`, else the key) */
  matrixAlias: string | undefined;
  /** its `filters:`, as written */
  filters: unknown;
  /** the names of the jobs it `requires:` */
  requires: readonly string[];
  /** its settings as written (`name:`, `requires:`, `filters:`, job parameters, ...) */
  settings: Readonly<Map>;
}

export interface Workflow {
  name: string;
  when: unknown;
  unless: unknown;
  /** a workflow with `triggers:` (a schedule) never runs in a pipeline started through the API */
  scheduled: boolean;
  jobs: readonly JobInvocation[];
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

function invocationOf(entry: unknown, values: PipelineValues): JobInvocation[] {
  const [job, raw] =
    typeof entry === 'string' ? [entry, {}] : isMap(entry) ? (Object.entries(entry)[0] ?? []) : [];
  if (job === undefined) return [];
  const settings = isMap(raw) ? raw : {};
  const rawName = typeof settings.name === 'string' ? settings.name : undefined;
  // `requires: [test]`, or `requires: [{ test: [success, failed] }]` with job statuses.
  const requires = (Array.isArray(settings.requires) ? settings.requires : []).flatMap(
    (r: unknown) => (typeof r === 'string' ? [r] : isMap(r) ? Object.keys(r) : []),
  );
  const matrix =
    isMap(settings.matrix) && isMap(settings.matrix.parameters) ? settings.matrix : undefined;
  const names = matrix ? matrixNames(job, rawName, matrix, values) : [rawName ?? job];
  const matrixAlias = matrix ? (typeof matrix.alias === 'string' ? matrix.alias : job) : undefined;
  return [{ job, rawName, names, matrixAlias, filters: settings.filters, requires, settings }];
}

/**
 * The job names a matrix adds: `name:` with `<< matrix.p >>` replaced, else CircleCI's
 * `job-value1-value2`, one per combination not excluded.
 */
function matrixNames(job: string, name: string | undefined, matrix: Map, values: PipelineValues) {
  const lists = Object.entries(matrix.parameters as Map).map(
    ([key, list]) => [key, Array.isArray(list) ? list : [list]] as const,
  );
  if (lists.reduce((n, [, options]) => n * options.length, 1) > LIMITS.matrixJobs)
    throw new NotChecked(
      `the matrix of ${job} expands to more than ${counted(LIMITS.matrixJobs)} jobs`,
    );
  let combinations: Array<Array<[string, unknown]>> = [[]];
  for (const [key, options] of lists)
    combinations = combinations.flatMap((c) =>
      options.map((v) => [...c, [key, v] as [string, unknown]]),
    );
  const excluded = (Array.isArray(matrix.exclude) ? matrix.exclude : []).filter(isMap);
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

/** Whether an invocation is the job a rule names: one of its names, or its matrix's alias. */
export const isNamed = (invocation: JobInvocation, job: string) =>
  invocation.names.includes(job) || invocation.matrixAlias === job;

/** The invocations a `requires:` name stands for: the job of that name, or a whole matrix. */
export function requiredBy(workflow: Workflow): (name: string) => readonly JobInvocation[] {
  const index = new Map<string, JobInvocation[]>();
  for (const invocation of workflow.jobs) {
    const names = new Set(invocation.names);
    if (invocation.matrixAlias !== undefined) names.add(invocation.matrixAlias);
    for (const name of names) {
      const list = index.get(name);
      if (list) list.push(invocation);
      else index.set(name, [invocation]);
    }
  }
  return (name) => index.get(name) ?? [];
}
