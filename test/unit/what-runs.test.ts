/** "what" a pipeline runs, from its listed workflows: young ones are not yet known. */
import { describe, expect, it } from 'vitest';
import {
  type ListedWorkflow,
  type PipelineAge,
  type What,
  WORKFLOWS_LISTED_WITHIN_MS,
  whatOfBuild,
  whatOfPipeline,
} from '../../src/core/what-runs.js';

const fresh: PipelineAge = { state: 'created', ageMs: 5000 };
const old: PipelineAge = { state: 'created', ageMs: WORKFLOWS_LISTED_WITHIN_MS + 1 };
const jobs = (...names: string[]) => names.map((name) => ({ name, status: 'success' }));
const deploy: ListedWorkflow = { jobs: jobs('build', 'deploy') };
const other: ListedWorkflow = { jobs: jobs('build', 'test') };

describe('whatOfPipeline', () => {
  it.each<[string, string | undefined, PipelineAge, ListedWorkflow[], What]>([
    ['a workflow runs the job', 'deploy', fresh, [other, deploy], 'runs'],
    ['a rule without job: any pipeline', undefined, fresh, [], 'runs'],
    ['its workflows run other jobs', 'deploy', fresh, [other], 'other'],
    ['no workflow listed yet', 'deploy', fresh, [], 'young'],
    ['a workflow listed without its jobs yet', 'deploy', fresh, [other, { jobs: [] }], 'young'],
    [
      'still setting up, however old',
      'deploy',
      { state: 'setup-pending', ageMs: 3_600_000 },
      [],
      'young',
    ],
    ['of unknown age', 'deploy', { state: 'created', ageMs: undefined }, [], 'young'],
    ['errored: it will list none', 'deploy', { state: 'errored', ageMs: 1000 }, [], 'ran-nothing'],
    ['past the age its workflows would be listed by', 'deploy', old, [], 'ran-nothing'],
    ['old, with other jobs', 'deploy', old, [other], 'other'],
  ])('%s', (_, job, pipeline, workflows, what) => {
    expect(whatOfPipeline(job, pipeline, workflows)).toBe(what);
  });
});

describe('whatOfBuild', () => {
  it.each<[string, string | undefined, What]>([
    ['a build of the job', 'deploy', 'runs'],
    ['a build that names no job: the other signs decide', undefined, 'runs'],
    ['a build of another job', 'test', 'other'],
  ])('%s', (_, named, what) => {
    expect(whatOfBuild('deploy', named)).toBe(what);
  });
});
