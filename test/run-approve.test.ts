/** `approve` rules: the on-hold approval job of the running workflow is approved, nothing new starts. */
import { describe, expect, it } from 'vitest';
import type { WorkflowJobSpec } from './fake-circleci/types.js';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, posts, runWith, SHA, USER_AGENT } from './helpers/run-harness.js';

const rules = {
  rules: [{ name: 'production gate', branches: ['main'], approve: 'hold_production' }],
};
const WORKFLOW_ID = '3f0ee3b5-0a5e-4f1b-9a57-3d7b0e1c9d11';
const env = { CIRCLE_WORKFLOW_ID: WORKFLOW_ID };

const fake = useFake({ heads: { main: SHA } });

function seedWorkflow(hold: Partial<WorkflowJobSpec> | undefined) {
  const jobs: WorkflowJobSpec[] = [
    { name: 'build', type: 'build', status: 'success', job_number: 41 },
    { name: 'test', type: 'build', status: 'running', job_number: 42 },
  ];
  if (hold) jobs.push({ name: 'hold_production', type: 'approval', status: 'on_hold', ...hold });
  return fake.addWorkflow({ name: 'release', id: WORKFLOW_ID, jobs });
}

describe('approve rules', () => {
  it('approves the on-hold approval job of this workflow', async () => {
    const workflow = seedWorkflow({});
    const hold = workflow.jobs.find((job) => job.name === 'hold_production');
    const { result, log } = await runWith(fake, rules, { env });
    expect(posts(fake).map((r) => r.path)).toEqual([
      `/api/v2/workflow/${WORKFLOW_ID}/approve/${hold?.approval_request_id}`,
    ]);
    expect(hold?.status).toBe('success');
    expect(result).toMatchObject({
      decision: 'triggered',
      triggers: [
        { rule: 'production gate', job: 'hold_production', api: 'approve', status: 'approved' },
      ],
    });
    expect(log).toContain(`approved hold_production in workflow ${WORKFLOW_ID}`);
  });

  it('finds the job on a later page of the workflow', async () => {
    await fake.start({ pageSize: 1 });
    seedWorkflow({});
    const { result } = await runWith(fake, rules, { env });
    expect(result.triggers[0]?.status).toBe('approved');
  });

  it('fails (exit 1) listing the jobs when there is no job of that name', async () => {
    seedWorkflow(undefined);
    const { code, stderr } = await cliWith(['--host', fake.url], { ...baseEnv, ...env }, rules);
    expect(code).toBe(1);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain(
      `error: rule "production gate": no approval job named "hold_production" in workflow ${WORKFLOW_ID} (jobs: build, test)`,
    );
  });

  it('fails when the job of that name is not an approval job', async () => {
    fake.addWorkflow({
      name: 'release',
      id: WORKFLOW_ID,
      jobs: [{ name: 'hold_production', type: 'build', status: 'running' }],
    });
    const { result } = await runWith(fake, rules, { env });
    expect(result.triggers[0]?.reason).toBe(
      `job "hold_production" in workflow ${WORKFLOW_ID} is a build job, not an approval job (type: approval)`,
    );
  });

  it('fails naming the status when the job is not on hold yet', async () => {
    seedWorkflow({ status: 'blocked' });
    const { result } = await runWith(fake, rules, { env });
    expect(posts(fake)).toHaveLength(0);
    expect(result.decision).toBe('failed');
    expect(result.triggers[0]?.reason).toBe(
      'approval job "hold_production" is blocked, not on hold: only a job waiting for approval can be approved',
    );
  });

  it('says so when the job was already approved', async () => {
    seedWorkflow({ status: 'success' });
    const { result } = await runWith(fake, rules, { env });
    expect(result.triggers[0]?.reason).toBe('approval job "hold_production" was already approved');
  });

  it('approves once when the answer to the approval is lost', async () => {
    const workflow = seedWorkflow({});
    fake.fault({ method: 'POST', path: /\/approve\// }, { resetAfterHandling: true });
    const { result } = await runWith(fake, rules, { env });
    expect(posts(fake)).toHaveLength(1);
    expect(workflow.jobs.find((job) => job.name === 'hold_production')?.status).toBe('success');
    expect(result.triggers[0]?.status).toBe('approved');
  });

  it('shows the read and the approval with a placeholder id in --dry-run', async () => {
    const { code, stdout } = await cliWith(['--dry-run'], { ...baseEnv, ...env }, rules);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'rule "production gate" would send:',
        `GET https://circleci.com/api/v2/workflow/${WORKFLOW_ID}/job`,
        'Circle-Token: ***',
        'Content-Type: application/json',
        'Accept: application/json',
        `User-Agent: ${USER_AGENT}`,
        '',
        `POST https://circleci.com/api/v2/workflow/${WORKFLOW_ID}/approve/<approval_request_id of "hold_production">`,
        'Circle-Token: ***',
        'Content-Type: application/json',
        'Accept: application/json',
        `User-Agent: ${USER_AGENT}`,
        '',
        '',
      ].join('\n'),
    );
  });

  it('needs CIRCLE_WORKFLOW_ID (exit 2)', async () => {
    const { code, stderr } = await cliWith(['--host', fake.url], baseEnv, rules);
    expect(code).toBe(2);
    expect(stderr).toContain('CIRCLE_WORKFLOW_ID is not set');
    expect(fake.requests).toHaveLength(0);
  });
});
