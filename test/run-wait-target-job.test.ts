/**
 * --wait ends on the target job's own status when the rule names a job: in a serial group "the
 * older job is automatically skipped" and "shows as not_run, while its workflow may still show
 * success" (ARCHITECTURE.md, "What CircleCI answers"), so a green workflow is no deploy.
 * Job statuses as `GET /workflow/{id}/job` lists them.
 */
import { describe, expect, it } from 'vitest';
import type { WorkflowSpec } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import { baseEnv, cliWith, runWith, SHA } from './helpers/run-harness.js';

const v2Rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const wait = { wait: true, waitTimeoutSeconds: 1800 };

const fake = useFakeStartedInTest();
/** A trigger gets one workflow `deploy` whose job deploy_staging steps through `jobStatuses`. */
async function start(
  workflowStatuses: string[],
  jobStatuses: string[],
  extra: WorkflowSpec[] = [],
) {
  await fake.start({
    heads: { main: SHA },
    workflowDelayReads: 0,
    workflows: () => [
      {
        name: 'deploy',
        statuses: workflowStatuses,
        jobs: [{ name: 'deploy_staging', type: 'build', status: 'queued', statuses: jobStatuses }],
      },
      ...extra,
    ],
  });
}

describe('--wait on the target job', () => {
  it('exits 3 naming the job when a serial group skipped it (not_run) and its workflow succeeded', async () => {
    await start(['running', 'running', 'success'], ['blocked', 'blocked', 'not_run']);
    const { code, stdout, stderr } = await cliWith(
      ['--host', fake.url, '--wait', '--json'],
      baseEnv,
      v2Rules,
    );
    expect(code).toBe(3);
    const detail =
      'ended: job deploy_staging not_run (workflow deploy success): a newer pipeline took its serial group, or a requires condition skipped it';
    expect(JSON.parse(stdout).triggers[0].outcome).toEqual({
      status: 'not_run',
      success: false,
      detail,
    });
    expect(stderr).toContain(`pipeline 1 (${fake.pipelines[0]?.id}) ${detail}\n`);
  });

  it.each(['canceled', 'failed'])('exits 3 when the job ended %s', async (status) => {
    await start(['running', 'failed'], ['running', status]);
    const { result } = await runWith(fake, v2Rules, { options: wait });
    expect(result.waitFailed).toBe(true);
    expect(result.triggers[0]?.outcome).toMatchObject({
      status,
      success: false,
      detail: `ended: job deploy_staging ${status} (workflow deploy failed)`,
    });
  });

  it('ends as soon as the job ended, while its workflow still runs', async () => {
    await start(['running', 'running', 'running', 'running'], ['blocked', 'not_run']);
    const { result } = await runWith(fake, v2Rules, { options: wait });
    expect(result.triggers[0]?.outcome?.status).toBe('not_run');
    const reads = fake.requests.filter((r) => r.path.endsWith('/workflow'));
    expect(reads).toHaveLength(2);
  });

  it('succeeds once the job succeeded, without waiting for the rest of the workflow', async () => {
    const smoke: WorkflowSpec = { name: 'smoke', statuses: ['running'] };
    await start(['running', 'running'], ['running', 'success'], [smoke]);
    const { result } = await runWith(fake, v2Rules, { options: wait });
    expect(result.waitFailed).toBeUndefined();
    expect(result.triggers[0]?.outcome).toEqual({ status: 'success', success: true });
  });

  it('exits 3 naming the status when the workflows ended but the job never did', async () => {
    await start(['running', 'success'], ['blocked']);
    const { result } = await runWith(fake, v2Rules, { options: wait });
    expect(result.triggers[0]?.outcome).toMatchObject({ status: 'blocked', success: false });
  });

  it('leaves the workflows to decide when no job has the rule job name (a matrix names them otherwise)', async () => {
    await fake.start({
      heads: { main: SHA },
      workflowDelayReads: 0,
      workflows: () => [
        {
          name: 'deploy',
          statuses: ['running', 'success'],
          jobs: [{ name: 'deploy_staging-eu', type: 'build', status: 'success' }],
        },
      ],
    });
    const { result } = await runWith(fake, v2Rules, { options: wait });
    expect(result.triggers[0]?.outcome).toEqual({ status: 'success', success: true });
  });
});
