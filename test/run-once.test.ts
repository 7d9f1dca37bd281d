/**
 * --once: a target this commit already triggered (a rerun, an earlier attempt) is not triggered
 * again. CircleCI never returns the parameters a trigger sent, so an earlier trigger is known by
 * who (`/me`), how (`api`), where, which commit and the jobs its workflows run
 * (ARCHITECTURE.md, "What CircleCI answers").
 */
import { describe, expect, it } from 'vitest';
import type { FakeCircleCI } from './fake-circleci/server.js';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, posts, runWith, SHA, sent, tagEnv } from './helpers/run-harness.js';

const v2Rules = {
  rules: [{ name: 'staging', branches: ['main'], tags: ['v*'], job: 'deploy_staging' }],
};
const v1Rules = {
  api: 'v1.1',
  rules: [{ name: 'review', branches: ['main'], job: 'deploy_review' }],
};

const fake = useFake({ heads: { main: SHA } });

/** An earlier API trigger of this commit by the token's user whose workflow runs `job`. */
function earlierPipeline(job: string, seed: Parameters<FakeCircleCI['addPipeline']>[0] = {}) {
  const pipeline = fake.addPipeline({
    trigger: { type: 'api' },
    vcs: { branch: 'main', revision: SHA },
    ...seed,
  });
  fake.addWorkflow({
    pipelineId: pipeline.id,
    name: 'deploy',
    jobs: [{ name: job, type: 'build', status: 'success' }],
  });
  return pipeline;
}

describe('--once', () => {
  it('skips a v2 target already triggered for this commit, naming the pipeline', async () => {
    const earlier = earlierPipeline('deploy_staging');
    const { result } = await runWith(fake, v2Rules, { options: { once: true } });
    expect(posts(fake)).toHaveLength(0);
    expect(result.decision).toBe('skipped');
    expect(result.triggers[0]).toMatchObject({
      status: 'skipped',
      reason: `already triggered for this commit: pipeline 1 (${earlier.id}) (--once)`,
    });
  });

  it('skips a v1.1 target already built for this commit, naming the build and its URL', async () => {
    const earlier = fake.addBuild({
      branch: 'main',
      vcs_revision: SHA,
      build_parameters: { CIRCLE_JOB: 'deploy_review' },
    });
    const { code, stderr } = await cliWith(['--host', fake.url, '--once'], baseEnv, v1Rules);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain(
      `rule "review" skipped: already triggered for this commit: build 100 ${earlier.build_url} (--once)`,
    );
  });

  it('triggers when the v1.1 build of this commit was for another job', async () => {
    fake.addBuild({ branch: 'main', vcs_revision: SHA, build_parameters: { CIRCLE_JOB: 'other' } });
    const { code } = await cliWith(['--host', fake.url, '--once'], baseEnv, v1Rules);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(fake.builds).toHaveLength(2);
  });

  it('is read from CCI_CONDITIONAL_ONCE', async () => {
    fake.addBuild({
      branch: 'main',
      vcs_revision: SHA,
      build_parameters: { CIRCLE_JOB: 'deploy_review' },
    });
    const env = { ...baseEnv, CCI_CONDITIONAL_ONCE: 'true' };
    const { code } = await cliWith(['--host', fake.url], env, v1Rules);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(0);
  });

  it.each([
    ['another commit', 'deploy_staging', { vcs: { branch: 'main', revision: 'a'.repeat(40) } }],
    ['a push, not the API', 'deploy_staging', { trigger: { type: 'webhook' } }],
    [
      'another user',
      'deploy_staging',
      { trigger: { type: 'api', actor: { login: 'someone-else', avatar_url: null } } },
    ],
    ['another job', 'deploy_production', {}],
  ])('triggers when the earlier pipeline of this branch was for %s', async (_case, job, seed) => {
    earlierPipeline(job, seed);
    const { result } = await runWith(fake, v2Rules, { options: { once: true } });
    expect(result.triggers[0]?.status).toBe('triggered');
    expect(sent(fake, 'POST', '/api/v2/project/gh/acme/app/pipeline')).toHaveLength(1);
  });

  it('finds a tag target by the pipeline tag, across pages', async () => {
    fake.setHead('v1.2.3', SHA);
    const earlier = earlierPipeline('deploy_staging', { vcs: { tag: 'v1.2.3', revision: SHA } });
    for (let i = 0; i < 25; i++) fake.addPipeline({});
    const { result } = await runWith(fake, v2Rules, { env: tagEnv, options: { once: true } });
    expect(posts(fake)).toHaveLength(0);
    expect(result.triggers[0]?.reason).toContain(`pipeline 1 (${earlier.id})`);
    expect(sent(fake, 'GET', '/api/v2/project/gh/acme/app/pipeline')).toHaveLength(2);
  });

  it('fails without triggering when the lookup fails', async () => {
    fake.fault({ method: 'GET', path: '/api/v2/project/gh/acme/app/pipeline' }, { status: 403 });
    const { result } = await runWith(fake, v2Rules, { options: { once: true } });
    expect(posts(fake)).toHaveLength(0);
    expect(result.decision).toBe('failed');
    expect(result.triggers[0]?.reason).toMatch(
      /^--once: could not look up earlier triggers of this commit \(GET .* HTTP 403 .*\); not triggering, to never trigger twice$/,
    );
  });

  it('reads nothing when no rule fires', async () => {
    const { code } = await cliWith(
      ['--host', fake.url, '--once'],
      { ...baseEnv, CIRCLE_BRANCH: 'dev' },
      v2Rules,
    );
    expect(code).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('--once on a CircleCI whose answers lack the signs', () => {
  it('exits 1 without triggering when a listed API pipeline names no actor', async () => {
    const item = {
      id: '5034460f-c7c4-4c43-9457-de07e2029e7b',
      number: 1,
      created_at: new Date().toISOString(),
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: SHA },
    };
    fake.fault(
      { method: 'GET', path: '/api/v2/project/gh/acme/app/pipeline' },
      { status: 200, body: { items: [item], next_page_token: null } },
    );
    const { code, stderr } = await cliWith(['--host', fake.url, '--once'], baseEnv, v2Rules);
    expect(code).toBe(1);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain(
      'pipeline 1 (5034460f-c7c4-4c43-9457-de07e2029e7b) is listed without trigger.actor.login, so this run cannot tell whether it is its own',
    );
    expect(stderr).toContain('not triggering, to never trigger twice');
  });
});

describe('--once with match: all and two rules of one job', () => {
  // Two regions deployed by one job with different parameters: CircleCI does not echo the
  // parameters, so the pipelines of the two rules look alike. What this run triggered for one
  // rule is not an earlier trigger of the other; an earlier one counts for both.
  const regions = {
    match: 'all',
    rules: [
      { name: 'eu', branches: ['main'], job: 'deploy', parameters: { REGION: 'eu' } },
      { name: 'us', branches: ['main'], job: 'deploy', parameters: { REGION: 'us' } },
    ],
  };
  const v1Regions = { ...regions, api: 'v1.1' };

  it('triggers both rules on the first run', async () => {
    // The first rule's pipeline already lists its workflow when the second rule looks.
    await fake.start({ heads: { main: SHA }, workflowDelayReads: 0 });
    const { result } = await runWith(fake, regions, { options: { once: true } });
    expect(result.triggers.map((t) => t.status)).toEqual(['triggered', 'triggered']);
    expect(posts(fake)).toHaveLength(2);
  });

  it('triggers both v1.1 rules on the first run', async () => {
    const { result } = await runWith(fake, v1Regions, { options: { once: true } });
    expect(result.triggers.map((t) => t.status)).toEqual(['triggered', 'triggered']);
    expect(posts(fake)).toHaveLength(2);
  });

  it('skips both, naming the pipeline, when a rerun finds one earlier pipeline of the job', async () => {
    const earlier = earlierPipeline('deploy');
    const { result } = await runWith(fake, regions, { options: { once: true } });
    expect(posts(fake)).toHaveLength(0);
    const reason = `already triggered for this commit: pipeline 1 (${earlier.id}) (--once)`;
    expect(result.triggers.map((t) => t.reason)).toEqual([reason, reason]);
  });
});
