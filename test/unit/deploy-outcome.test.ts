/**
 * How a deploy ended: the target job's own status (OpenAPI job statuses: success, running,
 * not_run, failed, retried, queued, not_running, infrastructure_fail, timedout, on_hold,
 * terminated-unknown, blocked, canceled, unauthorized), a rule without job by its workflows,
 * a v1.1 build by its status, outcome and lifecycle. Every set is open.
 */
import { describe, expect, it } from 'vitest';
import {
  type DeployEnd,
  endOfBuild,
  endOfPipeline,
  type JobWatch,
  watchJob,
} from '../../src/core/deploy-outcome.js';
import type { ListedWorkflow } from '../../src/core/what-runs.js';

const run = (status: string | undefined, job = 'deploy'): ListedWorkflow => ({
  status: 'success',
  jobs: [
    { name: 'build', status: 'success' },
    { name: job, status },
  ],
});

describe('endOfPipeline with a job', () => {
  it.each<[string, string | undefined, ListedWorkflow[], DeployEnd]>([
    ['it succeeded', 'created', [run('success')], 'success'],
    ...['failed', 'canceled', 'not_run', 'infrastructure_fail', 'timedout', 'unauthorized'].map(
      (status): [string, string, ListedWorkflow[], DeployEnd] => [
        `it ended ${status}`,
        'created',
        [run(status)],
        'failed',
      ],
    ),
    ['the pipeline errored', 'errored', [], 'failed'],
    ['it still runs', 'created', [run('running')], 'other'],
    ['it waits in its serial group', 'created', [run('blocked')], 'other'],
    ['it is on hold', 'created', [run('on_hold')], 'other'],
    ['it was retried', 'created', [run('retried')], 'other'],
    ['a status CircleCI adds later', 'created', [run('paused')], 'other'],
    ['no status listed', 'created', [run(undefined)], 'other'],
    [
      'failed, then succeeded in a rerun workflow',
      'created',
      [run('failed'), run('success')],
      'success',
    ],
    [
      'failed, and runs again in a rerun workflow',
      'created',
      [run('failed'), run('running')],
      'other',
    ],
    ['failed, then canceled in a rerun', 'created', [run('failed'), run('canceled')], 'failed'],
    ['not listed at all', 'created', [run('success', 'other')], 'other'],
  ])('%s: %s', (_, state, workflows, end) => {
    expect(endOfPipeline('deploy', state, workflows).end).toBe(end);
  });

  it('says what it saw', () => {
    expect(endOfPipeline('deploy', 'created', [run('failed'), run('canceled')]).seen).toBe(
      'deploy failed, canceled',
    );
    expect(endOfPipeline('deploy', 'errored', []).seen).toBe('pipeline errored');
  });
});

describe('endOfPipeline without a job: every workflow', () => {
  const workflows = (...statuses: string[]) => statuses.map((status) => ({ status, jobs: [] }));
  it.each<[string, ListedWorkflow[], DeployEnd]>([
    ['every workflow failed', workflows('failed', 'canceled'), 'failed'],
    ['one failed, one runs', workflows('failed', 'running'), 'other'],
    ['one failed, one errored', workflows('failed', 'error'), 'other'],
    ['one succeeded', workflows('failed', 'success'), 'success'],
    ['none listed', [], 'other'],
  ])('%s: %s', (_, listed, end) => {
    expect(endOfPipeline(undefined, 'created', listed).end).toBe(end);
  });
});

describe('endOfBuild (v1.1)', () => {
  it.each<[string, Parameters<typeof endOfBuild>[0], DeployEnd]>([
    [
      'finished success',
      { lifecycle: 'finished', status: 'success', outcome: 'success' },
      'success',
    ],
    [
      'fixed: a success after a failure',
      { lifecycle: 'finished', status: 'fixed', outcome: 'success' },
      'success',
    ],
    ['failed', { lifecycle: 'finished', status: 'failed', outcome: 'failed' }, 'failed'],
    ['canceled', { lifecycle: 'finished', status: 'canceled', outcome: 'canceled' }, 'failed'],
    ['timed out', { lifecycle: 'finished', status: 'timedout', outcome: 'timedout' }, 'failed'],
    ['infrastructure_fail', { lifecycle: 'finished', status: 'infrastructure_fail' }, 'failed'],
    ['not run', { lifecycle: 'not_run', status: 'not_run', outcome: null }, 'failed'],
    ['not run, by its lifecycle only', { lifecycle: 'not_run' }, 'failed'],
    ['only an outcome', { outcome: 'failed' }, 'failed'],
    ['running', { lifecycle: 'running', status: 'running', outcome: null }, 'other'],
    ['queued', { lifecycle: 'queued', status: 'queued' }, 'other'],
    ['no_tests', { lifecycle: 'finished', status: 'no_tests' }, 'other'],
    ['nothing shown', {}, 'other'],
  ])('%s', (_, build, end) => {
    expect(endOfBuild(build).end).toBe(end);
  });
});

describe('watchJob (--wait)', () => {
  it.each<[string, (string | undefined)[], JobWatch]>([
    ['not listed', [], { kind: 'none' }],
    ['success', ['success'], { kind: 'success' }],
    ['not_run (a serial group skipped it)', ['not_run'], { kind: 'ended', status: 'not_run' }],
    ['failed', ['failed'], { kind: 'ended', status: 'failed' }],
    ['canceled', ['canceled'], { kind: 'ended', status: 'canceled' }],
    ['terminated-unknown', ['terminated-unknown'], { kind: 'ended', status: 'terminated-unknown' }],
    ['running', ['running'], { kind: 'going', status: 'running' }],
    ['blocked in its serial group', ['blocked'], { kind: 'going', status: 'blocked' }],
    ['a status CircleCI adds later', ['paused'], { kind: 'going', status: 'paused' }],
    ['no status', [undefined], { kind: 'going', status: 'unknown' }],
    ['failed, then running again', ['failed', 'running'], { kind: 'going', status: 'running' }],
    ['failed, then success', ['failed', 'success'], { kind: 'success' }],
  ])('%s', (_, statuses, watch) => {
    expect(watchJob(statuses)).toEqual(watch);
  });
});
