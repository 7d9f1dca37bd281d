/**
 * The loop guard: inside a pipeline the token's user started through the API, a target this
 * commit already ran is not triggered again, and a pile of such pipelines stops the project.
 * Recognised by who/how/where/which commit/what only: CircleCI never returns trigger parameters.
 * On v1.1 the running job is compared with the target.
 */
import { describe, expect, it } from 'vitest';
import type { FakeCircleCI } from './fake-circleci/server.js';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, runWith, SHA, sent } from './helpers/run-harness.js';

const v2Rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const V2_TRIGGER = '/api/v2/project/gh/acme/app/pipeline';

const fake = useFake({ heads: { main: SHA } });

describe('the loop guard on v2 rules', () => {
  /**
   * A pipeline started through the API by the token's user, with a workflow running `job` and
   * the job that runs cci-conditional (`build`): a running pipeline lists the workflow it runs.
   */
  function apiPipeline(
    job: string | undefined,
    seed: Parameters<FakeCircleCI['addPipeline']>[0] = {},
  ) {
    const pipeline = fake.addPipeline({
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: SHA },
      ...seed,
    });
    const jobs = [job, 'build'].flatMap((name) =>
      name ? [{ name, type: 'build' as const, status: 'running' }] : [],
    );
    fake.addWorkflow({ pipelineId: pipeline.id, name: 'deploy', jobs });
    return pipeline;
  }

  it('skips, with a warning naming the cause, when this API pipeline already runs the target', async () => {
    const running = apiPipeline('deploy_staging');
    const { result, log } = await runWith(fake, v2Rules, {
      env: { CIRCLE_PIPELINE_ID: running.id },
    });
    const reason = `this pipeline (${running.id}) was started through the API by the token's user, and pipeline 1 (${running.id}) already ran deploy_staging for this commit; not triggering again (loop guard): gate the workflows that run cci-conditional with \`unless: << pipeline.parameters.target_job >>\`, or pass --no-loop-guard`;
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(0);
    expect(result.decision).toBe('skipped');
    expect(result.triggers[0]?.reason).toBe(reason);
    expect(log).toContain(`warning: loop guard: ${reason}\n`);
  });

  it('triggers every rule of one job in a promotion pipeline: what this run triggered is no loop', async () => {
    await fake.start({ heads: { main: SHA }, workflowDelayReads: 0 });
    const running = apiPipeline('promote');
    const regions = {
      match: 'all',
      rules: [
        { name: 'eu', branches: ['main'], job: 'deploy', parameters: { REGION: 'eu' } },
        { name: 'us', branches: ['main'], job: 'deploy', parameters: { REGION: 'us' } },
      ],
    };
    const { result } = await runWith(fake, regions, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(result.triggers.map((t) => t.status)).toEqual(['triggered', 'triggered']);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(2);
  });

  it('triggers when this pipeline was started by a push', async () => {
    const running = apiPipeline('deploy_staging', { trigger: { type: 'webhook' } });
    const { result } = await runWith(fake, v2Rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(result.decision).toBe('triggered');
  });

  it('triggers when this pipeline was started through the API by another user', async () => {
    const running = apiPipeline('deploy_staging', {
      trigger: { type: 'api', actor: { login: 'nightly-scheduler', avatar_url: null } },
    });
    const { result } = await runWith(fake, v2Rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(result.decision).toBe('triggered');
  });

  it('triggers when no API pipeline of this commit ran the target yet', async () => {
    const running = apiPipeline('deploy_production');
    const { result } = await runWith(fake, v2Rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(result.decision).toBe('triggered');
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
  });

  it('stops every trigger of this project when 5 API pipelines of this commit piled up within the hour', async () => {
    for (let i = 0; i < 4; i++) apiPipeline(undefined);
    const running = apiPipeline(undefined);
    const rules = {
      match: 'all',
      rules: [
        { branches: ['main'], job: 'a' },
        { branches: ['main'], job: 'b' },
      ],
    };
    const { result } = await runWith(fake, rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(0);
    expect(result.decision).toBe('skipped');
    for (const trigger of result.triggers) {
      expect(trigger.reason).toBe(
        `loop suspected: 5 pipelines of gh/acme/app were started through the API by deploy-bot for ${SHA} within the last hour; not triggering anything more in this project: gate the workflows that run cci-conditional with \`unless: << pipeline.parameters.target_job >>\`, or pass --no-loop-guard`,
      );
    }
  });

  it('does not count pipelines older than an hour towards a loop', async () => {
    const anHourAgo = new Date(Date.now() - 61 * 60_000).toISOString();
    for (let i = 0; i < 4; i++) apiPipeline(undefined, { created_at: anHourAgo });
    const running = apiPipeline(undefined);
    const { result } = await runWith(fake, v2Rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(result.decision).toBe('triggered');
  });

  it('is off with --no-loop-guard, and with CCI_CONDITIONAL_LOOP_GUARD=false', async () => {
    const running = apiPipeline('deploy_staging');
    // The deploy-order check, which reads this pipeline too, is off as well.
    const env = { ...baseEnv, CIRCLE_PIPELINE_ID: running.id };
    const off = await cliWith(
      ['--host', fake.url, '--no-loop-guard', '--allow-superseded'],
      env,
      v2Rules,
    );
    const fromEnv = await cliWith(
      ['--host', fake.url],
      { ...env, CCI_CONDITIONAL_LOOP_GUARD: 'false', CCI_CONDITIONAL_ALLOW_SUPERSEDED: '1' },
      v2Rules,
    );
    expect([off.code, fromEnv.code]).toEqual([0, 0]);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(2);
    expect(sent(fake, 'GET', `/api/v2/pipeline/${running.id}`)).toHaveLength(0);
  });

  it('reads this pipeline once for all the rules that fire', async () => {
    const running = apiPipeline(undefined);
    const rules = {
      match: 'all',
      rules: [
        { branches: ['main'], job: 'a' },
        { branches: ['main'], job: 'b' },
      ],
    };
    await runWith(fake, rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    const reads = fake.requests.filter((r) => r.path === `/api/v2/pipeline/${running.id}`);
    expect(reads).toHaveLength(1);
    expect(sent(fake, 'GET', '/api/v2/me')).toHaveLength(1);
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
