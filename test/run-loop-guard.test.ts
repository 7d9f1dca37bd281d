/** The loop guard: a pipeline (or v1.1 job) that is itself the target does not trigger it again. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeCircleCI, startFakeCircleCI } from './fake-circleci/server.js';
import { runWith, SHA, sent } from './helpers/run-harness.js';

const v2Rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const V2_TRIGGER = '/api/v2/project/gh/acme/app/pipeline';

let fake: FakeCircleCI;
beforeEach(async () => {
  fake = await startFakeCircleCI({ heads: { main: SHA } });
});
afterEach(async () => {
  await fake.close();
});

describe('the loop guard on v2 rules', () => {
  it('skips when this pipeline was started through the API for the same job', async () => {
    const running = fake.addPipeline({
      trigger: { type: 'api' },
      trigger_parameters: { target_job: 'deploy_staging', target_sha: SHA },
    });
    const { result } = await runWith(fake, v2Rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(0);
    expect(result.decision).toBe('skipped');
    expect(result.triggers[0]?.reason).toBe(
      `this pipeline (${running.id}) was itself started through the API for deploy_staging; not triggering again (loop guard)`,
    );
  });

  it('triggers when this pipeline was started by a push', async () => {
    const running = fake.addPipeline({ trigger_parameters: { target_job: 'deploy_staging' } });
    const { result } = await runWith(fake, v2Rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(result.decision).toBe('triggered');
  });

  it('triggers when this pipeline was started through the API for another job', async () => {
    const running = fake.addPipeline({
      trigger: { type: 'api' },
      trigger_parameters: { target_job: 'deploy_production' },
    });
    const { result } = await runWith(fake, v2Rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(result.decision).toBe('triggered');
  });

  it('reads this pipeline once for all the rules that fire', async () => {
    const running = fake.addPipeline({ trigger_parameters: {} });
    const rules = {
      match: 'all',
      rules: [
        { branches: ['main'], job: 'a' },
        { branches: ['main'], job: 'b' },
      ],
    };
    await runWith(fake, rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(sent(fake, 'GET', `/api/v2/pipeline/${running.id}`)).toHaveLength(1);
  });

  it.each([
    [404, 'HTTP 404 "Pipeline not found"'],
    [401, 'HTTP 401'],
  ])('warns and triggers when this pipeline cannot be read (%i)', async (status, shown) => {
    const id = '5034460f-c7c4-4c43-9457-de07e2029e7b';
    fake.fault(
      { method: 'GET', path: `/api/v2/pipeline/${id}` },
      { status, ...(status === 404 ? { body: { message: 'Pipeline not found' } } : {}) },
    );
    const { result, log } = await runWith(fake, v2Rules, { env: { CIRCLE_PIPELINE_ID: id } });
    expect(result.decision).toBe('triggered');
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
    expect(log).toContain(
      `warning: loop guard: could not read this pipeline ${id} (GET /api/v2/pipeline/${id}: ${shown}`,
    );
    expect(log).toContain('); triggering anyway');
  });
});

describe('the loop guard on v1.1 rules', () => {
  const v1Rules = { api: 'v1.1', rules: [{ branches: ['main'], job: 'deploy_review' }] };

  it('skips without any request when the running job is the target', async () => {
    const { result } = await runWith(fake, v1Rules, { env: { CIRCLE_JOB: 'deploy_review' } });
    expect(fake.requests).toHaveLength(0);
    expect(result.triggers[0]?.reason).toBe(
      'the running job deploy_review is the target itself; not triggering it again',
    );
  });

  it('triggers a job of the same name in another project', async () => {
    const rules = {
      api: 'v1.1',
      rules: [{ branches: ['main'], job: 'deploy_review', project: 'gh/acme/infra' }],
    };
    const { result } = await runWith(fake, rules, { env: { CIRCLE_JOB: 'deploy_review' } });
    expect(result.decision).toBe('triggered');
  });
});
