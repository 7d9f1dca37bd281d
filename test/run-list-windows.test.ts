/**
 * Lists read to the end of their window, however busy the project: v2 lists 20 a page with no
 * tag filter, v1.1 builds by `offset` (ARCHITECTURE.md, "What CircleCI answers"). --once must find an earlier own
 * trigger of this commit however many pipelines of other branches, tags or commits came since;
 * a window that cannot be read within 10 pages (or 300 builds) cannot be told (exit 1). v1.1
 * lists show branch names URL-encoded and, shallow, no `user`; a project token cannot read /me.
 */
import { describe, expect, it } from 'vitest';
import { useFakeStartedInTest } from './helpers/fake.js';
import { baseEnv, cliWith, OTHER_SHA, posts, runWith, SHA, tagEnv } from './helpers/run-harness.js';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const v2Rules = {
  rules: [{ name: 'deploy', branches: ['main'], tags: ['v*'], job: 'deploy_production' }],
};
const v1Rules = { ...v2Rules, api: 'v1.1' };
const other = { actor: { login: 'a-developer', avatar_url: null } };

const fake = useFakeStartedInTest();

/** The tag's API trigger 2 h ago, whose workflow ran the target job. */
function deployedTag() {
  fake.setHead('v1.2.3', SHA);
  const pipeline = fake.addPipeline({
    trigger: { type: 'api' },
    vcs: { tag: 'v1.2.3', revision: SHA },
    created_at: hoursAgo(2),
  });
  fake.addWorkflow({
    pipelineId: pipeline.id,
    name: 'release',
    jobs: [{ name: 'deploy_production', type: 'build', status: 'success' }],
  });
  return pipeline;
}

describe('--once on a tag, on a busy project', () => {
  it('finds the tag deployed 2 h ago behind 70 pipelines of other branches', async () => {
    await fake.start();
    const earlier = deployedTag();
    for (let i = 0; i < 70; i++)
      fake.addPipeline({ trigger: { type: 'webhook', ...other }, vcs: { branch: `f${i}` } });
    const { result } = await runWith(fake, v2Rules, { env: tagEnv, options: { once: true } });
    expect(posts(fake)).toHaveLength(0);
    expect(result.triggers[0]?.reason).toContain(`pipeline 1 (${earlier.id})`);
  });

  it("reads the token user's pipelines to their end, and beyond 10 pages cannot tell (exit 1)", async () => {
    await fake.start();
    deployedTag();
    for (let i = 0; i < 200; i++)
      fake.addPipeline({ trigger: { type: 'api' }, vcs: { branch: `f${i}` } });
    const { code, stderr } = await cliWith(
      ['--host', fake.url, '--once'],
      { ...baseEnv, ...tagEnv },
      v2Rules,
    );
    expect(code).toBe(1);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain(
      'GET /api/v2/project/gh/acme/app/pipeline/mine: the window this run must read goes beyond 10 pages of pipelines, so it cannot tell whether an earlier trigger is among them; not triggering, to never trigger twice',
    );
  });
});

describe('--once on a branch, on a busy project', () => {
  it('reads back past pipelines of newer commits to the push that came before this commit', async () => {
    await fake.start({ heads: { main: SHA } });
    for (let i = 0; i < 20; i++)
      fake.addPipeline({
        vcs: { branch: 'main', revision: 'd'.repeat(40) },
        created_at: hoursAgo(5),
      });
    fake.addPipeline({ vcs: { branch: 'main', revision: OTHER_SHA }, created_at: hoursAgo(3) });
    const push = fake.addPipeline({
      vcs: { branch: 'main', revision: SHA },
      created_at: hoursAgo(2),
    });
    const earlier = fake.addPipeline({
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: SHA },
      created_at: hoursAgo(2),
    });
    fake.addWorkflow({
      pipelineId: earlier.id,
      name: 'deploy',
      jobs: [{ name: 'deploy_production', type: 'build', status: 'success' }],
    });
    // 70 pushes and API pipelines of newer commits since (a deploy of this commit is allowed
    // over them).
    for (let i = 0; i < 70; i++)
      fake.addPipeline({
        trigger: { type: i % 2 ? 'api' : 'webhook' },
        vcs: { branch: 'main', revision: 'c'.repeat(40) },
      });
    const { result } = await runWith(fake, v2Rules, {
      env: { CIRCLE_PIPELINE_ID: push.id },
      options: { once: true, allowSuperseded: true },
    });
    expect(posts(fake)).toHaveLength(0);
    expect(result.triggers[0]?.reason).toContain(`pipeline 23 (${earlier.id})`);
    // It stopped at the push of the commit before: the fifth, older page is not read.
    const pages = fake.requests.filter((r) => r.query.branch === 'main');
    expect(pages).toHaveLength(4);
  });
});

describe('API v1.1 lists', () => {
  const job = { CIRCLE_JOB: 'deploy_production' };

  it('--once finds a tag build behind 40 newer builds, read by offset, without shallow', async () => {
    await fake.start();
    fake.setHead('v1.2.3', SHA);
    const earlier = fake.addBuild({
      branch: null,
      vcs_tag: 'v1.2.3',
      vcs_revision: SHA,
      build_parameters: job,
    });
    for (let i = 0; i < 40; i++)
      fake.addBuild({ branch: `f${i}`, why: 'github', ...{ user: { login: 'a-developer' } } });
    const { result } = await runWith(fake, v1Rules, { env: tagEnv, options: { once: true } });
    expect(posts(fake)).toHaveLength(0);
    expect(result.triggers[0]?.reason).toContain(`build ${earlier.build_num}`);
    const lists = fake.requests.filter((r) => r.path === '/api/v1.1/project/github/acme/app');
    expect(lists.map((r) => r.query)).toEqual([{ limit: '30' }, { limit: '100', offset: '30' }]);
  });

  it('--once compares branch names decoded: a list shows release/1.0 as release%2F1.0', async () => {
    await fake.start();
    const earlier = fake.addBuild({
      branch: 'release/1.0',
      vcs_revision: SHA,
      build_parameters: job,
    });
    const rules = { api: 'v1.1', rules: [{ branches: ['release/*'], job: 'deploy_production' }] };
    const { result } = await runWith(fake, rules, {
      env: { CIRCLE_BRANCH: 'release/1.0' },
      options: { once: true },
    });
    expect(posts(fake)).toHaveLength(0);
    expect(result.decision).toBe('skipped');
    expect(result.triggers[0]?.reason).toBe(
      `already triggered for this commit: build ${earlier.build_num} ${earlier.build_url} (--once)`,
    );
  });

  it('says a project token cannot tell whose builds are whose: --once needs a personal token', async () => {
    await fake.start({ projectToken: 'project-token' });
    const env = { ...baseEnv, CIRCLE_API_TOKEN: 'project-token' };
    const { code, stderr } = await cliWith(['--host', fake.url, '--once'], env, v1Rules);
    expect(code).toBe(1);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain(
      'GET /api/v1.1/me answered 401: the token is a project API token (or invalid), which cannot tell whose builds and pipelines are whose; this lookup needs a personal API token',
    );
  });

  it('with a project token, a lost answer stops at exit 1 with nothing sent again', async () => {
    await fake.start({ projectToken: 'project-token' });
    fake.fault({ method: 'POST' }, { resetAfterHandling: true });
    const env = { ...baseEnv, CIRCLE_API_TOKEN: 'project-token' };
    const { code, stderr } = await cliWith(['--host', fake.url], env, v1Rules);
    expect(code).toBe(1);
    expect(posts(fake)).toHaveLength(1);
    expect(stderr).toContain('this lookup needs a personal API token');
  });
});

describe('the pages read before sending', () => {
  it('are read once in a run, shared by the loop guard, its runaway stop and --once', async () => {
    await fake.start({ heads: { main: SHA } });
    const running = fake.addPipeline({
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: SHA },
    });
    fake.addWorkflow({
      pipelineId: running.id,
      name: 'build',
      jobs: [{ name: 'build', type: 'build', status: 'running' }],
    });
    const { result } = await runWith(fake, v2Rules, {
      env: { CIRCLE_PIPELINE_ID: running.id },
      options: { once: true },
    });
    expect(result.decision).toBe('triggered');
    const pages = fake.requests.filter((r) => r.method === 'GET' && r.query.branch === 'main');
    expect(pages).toHaveLength(1);
  });
});
