/**
 * The base of a rule with `paths`, found against the fake CircleCI: the newest pipeline (v2) or
 * build (v1.1) that shows the signs of this tool's own trigger of the rule's job on this branch
 * (`trigger.type` api and `trigger.actor.login` of the token's user; v1.1 `why` api and
 * `user.login`; the job in `GET /workflow/{id}/job`, or the build's `build_parameters`) and whose
 * job ended `success` (ARCHITECTURE.md, "What CircleCI answers"). Whatever keeps it from being
 * found is one warning, and the rule deploys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSeed } from './fake-circleci/pipelines.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import { type GitLab, gitLab } from './helpers/git-repo.js';
import { posts, runWith } from './helpers/run-harness.js';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const developer = { type: 'api', actor: { login: 'a-developer', avatar_url: null } };
const webhook = { type: 'webhook' };
const dev = { branch: 'dev' };
const rule = { name: 'svc', branches: ['main'], paths: ['**'], job: 'deploy_api' };

let lab: GitLab;
const at = { a: '', b: '', c: '' };
beforeAll(() => {
  lab = gitLab();
  at.a = lab.commit({ 'api/a.ts': '1' });
  at.b = lab.commit({ 'api/a.ts': '2' });
  at.c = lab.commit({ 'web/a.ts': '1' });
});
afterAll(() => lab.remove());

const fake = useFakeStartedInTest();

/** A pipeline of `revision` whose one workflow ran `job` to `status`; `minutes` ago. */
function deploy(
  revision: string,
  minutes: number,
  status = 'success',
  extra: PipelineSeed = {},
  job = 'deploy_api',
) {
  const pipeline = fake.addPipeline({
    trigger: { type: 'api' },
    created_at: minutesAgo(minutes),
    ...extra,
    vcs: { branch: 'main', revision, ...extra.vcs },
  });
  fake.addWorkflow({
    pipelineId: pipeline.id,
    name: 'deploy',
    status,
    jobs: [{ name: job, type: 'build', status }],
  });
  return pipeline;
}

async function baseOf(rules: unknown = { rules: [rule] }) {
  const ran = await runWith(fake, rules, {
    env: { ...lab.env, CIRCLE_SHA1: at.c },
    // No running pipeline to keep the deploy order by: that check is off here.
    options: { repoDir: lab.work, allowSuperseded: true },
  });
  // The warnings of the paths (v1.1 answers carry a warning of their own, about their end).
  const warnings = ran.log.split('\n').filter((line) => line.startsWith('warning: rule '));
  return { paths: ran.result.triggers[0]?.paths, warnings, log: ran.log };
}

describe('the base of a rule with paths (v2)', () => {
  /** [commit, minutes ago, status of the job, fields of the pipeline, the job] */
  type Seed = [keyof typeof at, number, string?, PipelineSeed?, string?];
  const before: Seed = ['a', 20];
  it.each<[string, Seed[], keyof typeof at]>([
    ['its last successful deploy', [['b', 10]], 'b'],
    ['past a failed deploy after it', [before, ['b', 10, 'failed']], 'a'],
    ['past a canceled one', [before, ['b', 10, 'canceled']], 'a'],
    ['past one still running', [before, ['b', 10, 'running']], 'a'],
    [
      "past another user's API pipeline",
      [before, ['b', 10, 'success', { trigger: developer }]],
      'a',
    ],
    ['past a push that ran the job', [before, ['b', 10, 'success', { trigger: webhook }]], 'a'],
    ['past a deploy of another job', [before, ['b', 10, 'success', {}, 'deploy_web']], 'a'],
    ['past one of another branch', [before, ['b', 10, 'success', { vcs: dev }]], 'a'],
  ])('is %s', async (_, seeds, expected) => {
    await fake.start({ heads: { main: at.c }, pipelineSetupReads: 0 });
    for (const [commit, minutes, status, extra, job] of seeds)
      deploy(at[commit], minutes, status, extra, job);
    const { paths, warnings } = await baseOf();
    expect(warnings).toEqual([]);
    expect(paths?.base).toBe(at[expected]);
  });

  it('is none when no deploy succeeded: one warning, and the rule fires', async () => {
    await fake.start({ heads: { main: at.c }, pipelineSetupReads: 0 });
    deploy(at.b, 10, 'failed');
    const { paths, warnings } = await baseOf();
    expect(warnings).toEqual([
      'warning: rule "svc" fires without comparing its paths: no earlier successful deploy of deploy_api on main found',
    ]);
    expect(paths).toEqual({
      base: null,
      changed: null,
      matched: null,
      warning: 'no earlier successful deploy of deploy_api on main found',
    });
    expect(posts(fake)).toHaveLength(1);
  });

  it('is none beyond 10 pages of pipelines', async () => {
    await fake.start({ heads: { main: at.c }, pipelineSetupReads: 0, pageSize: 2 });
    deploy(at.a, 60);
    for (let i = 0; i < 20; i++)
      fake.addPipeline({
        trigger: { type: 'webhook' },
        vcs: { branch: 'main', revision: at.b },
        created_at: minutesAgo(50 - i),
      });
    const { warnings } = await baseOf();
    expect(warnings).toEqual([
      'warning: rule "svc" fires without comparing its paths: no earlier successful deploy of deploy_api on main found (read back 10 pages of pipelines)',
    ]);
  });

  // Every field of a listed pipeline may be missing (ARCHITECTURE.md, "What CircleCI answers").
  it.each<[string, (pipeline: { trigger: object; vcs?: object }) => void, string]>([
    [
      'a pipeline listed without trigger.actor.login',
      (pipeline) => Reflect.deleteProperty(pipeline.trigger, 'actor'),
      'no earlier successful deploy of deploy_api on main found that it can be sure of: GET /api/v2/project/gh/acme/app/pipeline?branch=main: pipeline 1',
    ],
    [
      'a deploy that shows no commit SHA',
      (pipeline) => Object.assign(pipeline.vcs ?? {}, { revision: '--upload-pack=touch /tmp/x' }),
      'pipeline 1, the last successful deploy of deploy_api, shows no commit SHA',
    ],
  ])('is none after %s: one warning', async (_, change, says) => {
    await fake.start({ heads: { main: at.c }, pipelineSetupReads: 0 });
    change(deploy(at.a, 10));
    const { warnings, paths } = await baseOf();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`rule "svc" fires without comparing its paths: ${says}`);
    expect(paths?.base).toBeNull();
  });
});

describe('the base of a rule with paths (v1.1)', () => {
  const build = (revision: string, minutes: number, fields: Record<string, unknown> = {}) =>
    fake.addBuild({
      branch: 'main',
      vcs_revision: revision,
      build_parameters: { CIRCLE_JOB: 'deploy_api' },
      status: 'success',
      outcome: 'success',
      lifecycle: 'finished',
      usage_queued_at: minutesAgo(minutes),
      ...fields,
    });

  it('is the newest build of its job by this user that succeeded', async () => {
    await fake.start({ heads: { main: at.c } });
    build(at.a, 40);
    build(at.b, 30, { status: 'failed', outcome: 'failed' });
    build(at.b, 20, { user: { login: 'a-developer' } });
    build(at.b, 10, { build_parameters: { CIRCLE_JOB: 'deploy_web' } });
    build(at.b, 5, { why: 'github' });
    const { paths, warnings } = await baseOf({ api: 'v1.1', rules: [rule] });
    expect(warnings).toEqual([]);
    expect(paths?.base).toBe(at.a);
  });

  it('is none when no build of its job succeeded', async () => {
    await fake.start({ heads: { main: at.c } });
    build(at.a, 40, { status: 'canceled', outcome: 'canceled' });
    const { warnings } = await baseOf({ api: 'v1.1', rules: [rule] });
    expect(warnings).toEqual([
      'warning: rule "svc" fires without comparing its paths: no earlier successful deploy of deploy_api on main found',
    ]);
  });
});
