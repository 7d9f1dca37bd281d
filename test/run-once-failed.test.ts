/**
 * --once is not blocked by a failed deploy: an earlier trigger of this commit whose target job
 * ended failed, canceled, not_run, infrastructure_fail, timedout or unauthorized (or whose
 * pipeline errored) deployed nothing, so rerunning the job deploys again. Every other status
 * counts, unknown ones included; the loop guard counts every earlier trigger whatever its end.
 * Job statuses as `GET /workflow/{id}/job` lists them (OpenAPI job status enum); v1.1 builds by
 * `status`, `outcome` and `lifecycle` (ARCHITECTURE.md, "What CircleCI answers").
 */
import { describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { posts, runWith, SHA } from './helpers/run-harness.js';

const v2Rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const v1Rules = {
  api: 'v1.1',
  rules: [{ name: 'review', branches: ['main'], job: 'deploy_review' }],
};
const once = { once: true };

const fake = useFake({ heads: { main: SHA } });

/** The earlier API trigger of this commit; each entry of `runs` a workflow with the job at that status. */
function earlier(runs: string[], job: string | null = 'deploy_staging', state = 'created') {
  const pipeline = fake.addPipeline({
    trigger: { type: 'api' },
    vcs: { branch: 'main', revision: SHA },
    state,
  });
  for (const status of runs)
    fake.addWorkflow({
      pipelineId: pipeline.id,
      name: 'deploy',
      status: job === null ? status : 'success',
      jobs:
        job === null
          ? [{ name: 'any', type: 'build', status }]
          : [{ name: job, type: 'build', status }],
    });
  return pipeline;
}

describe('--once after an earlier deploy of this commit (v2)', () => {
  it.each(['failed', 'canceled', 'not_run', 'infrastructure_fail', 'timedout', 'unauthorized'])(
    'deploys again when its target job ended %s, saying so',
    async (status) => {
      const pipeline = earlier([status]);
      const { result, log } = await runWith(fake, v2Rules, { options: once });
      expect(result.decision).toBe('triggered');
      expect(posts(fake)).toHaveLength(1);
      expect(log).toContain(
        `--once: pipeline 1 (${pipeline.id}) of this commit deployed nothing (deploy_staging ${status}); not counting it`,
      );
    },
  );

  it('deploys again when that pipeline errored', async () => {
    earlier([], 'deploy_staging', 'errored');
    const { result } = await runWith(fake, v2Rules, { options: once });
    expect(result.decision).toBe('triggered');
  });

  it.each([
    ['success', ['success']],
    ['running', ['running']],
    ['on_hold', ['on_hold']],
    ['blocked in its serial group', ['blocked']],
    ['retried', ['retried']],
    ['a status CircleCI adds later', ['paused']],
    ['failed, then rerun and running', ['failed', 'running']],
    ['failed, then rerun with success', ['failed', 'success']],
  ])('still skips when its target job is %s', async (_, runs) => {
    const pipeline = earlier(runs);
    const { result } = await runWith(fake, v2Rules, { options: once });
    expect(result.triggers[0]).toMatchObject({
      status: 'skipped',
      reason: `already triggered for this commit: pipeline 1 (${pipeline.id}) (--once)`,
    });
    expect(posts(fake)).toHaveLength(0);
  });

  it('for a rule without job: deploys again only when every workflow ended so', async () => {
    const rules = { rules: [{ branches: ['main'], parameters: { deploy: true } }] };
    earlier(['failed', 'canceled'], null);
    expect((await runWith(fake, rules, { options: once })).result.decision).toBe('triggered');
    await fake.start({ heads: { main: SHA } });
    earlier(['failed', 'running'], null);
    expect((await runWith(fake, rules, { options: once })).result.decision).toBe('skipped');
  });

  it('is not how the loop guard counts: it still skips after a failed deploy', async () => {
    const failed = earlier(['failed']);
    const running = fake.addPipeline({
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: SHA },
    });
    const { result } = await runWith(fake, v2Rules, {
      env: { CIRCLE_PIPELINE_ID: running.id },
      options: once,
    });
    expect(result.decision).toBe('skipped');
    expect(result.triggers[0]?.reason).toContain(
      `pipeline 1 (${failed.id}) already ran deploy_staging`,
    );
  });
});

describe('--once after an earlier deploy of this commit (v1.1)', () => {
  const build = (status: string, lifecycle = 'finished') =>
    fake.addBuild({
      branch: 'main',
      vcs_revision: SHA,
      build_parameters: { CIRCLE_JOB: 'deploy_review' },
      status,
      outcome: lifecycle === 'finished' ? status : null,
      lifecycle,
    });

  it.each([
    ['failed', 'finished'],
    ['canceled', 'finished'],
    ['timedout', 'finished'],
    ['infrastructure_fail', 'finished'],
    ['not_run', 'not_run'],
  ])('deploys again when the build ended %s', async (status, lifecycle) => {
    const earlierBuild = build(status, lifecycle);
    const { result, log } = await runWith(fake, v1Rules, { options: once });
    expect(result.decision).toBe('triggered');
    expect(log).toContain(
      `--once: build 100 ${earlierBuild.build_url} of this commit deployed nothing (build ${status}); not counting it`,
    );
  });

  it.each([
    ['success', 'finished'],
    ['running', 'running'],
    ['queued', 'queued'],
  ])('still skips when the build is %s', async (status, lifecycle) => {
    build(status, lifecycle);
    const { result } = await runWith(fake, v1Rules, { options: once });
    expect(result.decision).toBe('skipped');
    expect(posts(fake)).toHaveLength(0);
  });
});
