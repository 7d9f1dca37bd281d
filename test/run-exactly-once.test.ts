/**
 * A retry never creates a second build or pipeline: when a trigger's answer is lost, CircleCI is
 * asked what exists before anything is sent again. The fake answers only what CircleCI really
 * answers (ARCHITECTURE.md, "What CircleCI answers"): no trigger parameters come back, so the
 * trigger is recognised by who (`/me`), how (`api`), where, when and the jobs it runs.
 */
import { describe, expect, it } from 'vitest';
import { validateRequestBody } from './fake-circleci/openapi.js';
import type { FakeCircleCI } from './fake-circleci/server.js';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, runWith, SHA, sent, tagEnv } from './helpers/run-harness.js';

const v2Rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const v1Rules = {
  api: 'v1.1',
  rules: [
    { name: 'review', branches: ['main'], job: 'deploy_review' },
    { name: 'release', tags: ['v*'], job: 'deploy_release' },
  ],
};
const V2_TRIGGER = '/api/v2/project/gh/acme/app/pipeline';
const V1_TRIGGER = '/api/v1.1/project/github/acme/app/tree/main';
const v1TriggerPosts = (fake: FakeCircleCI) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1.1/'));

const fake = useFake({ heads: { main: SHA } });

describe('a v2 trigger whose answer is lost', () => {
  it('reports the pipeline it created when the connection drops after CircleCI handled it', async () => {
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { resetAfterHandling: true });
    const { result, log } = await runWith(fake, v2Rules);
    expect(fake.pipelines).toHaveLength(1);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
    expect(result.decision).toBe('triggered');
    expect(result.triggers[0]?.pipeline).toMatchObject({
      id: fake.pipelines[0]?.id,
      number: fake.pipelines[0]?.number,
    });
    expect(log).toContain('so CircleCI may have acted on it: it did, using what it created');
  });

  it('reports the pipeline it created when no answer comes within --timeout', async () => {
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { hangAfterHandling: true });
    const { result, log } = await runWith(fake, v2Rules, { options: { timeoutSeconds: 0.2 } });
    expect(fake.pipelines).toHaveLength(1);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
    expect(result.triggers[0]).toMatchObject({ status: 'triggered', pipeline: { number: 1 } });
    expect(log).toContain('no answer within 0.2 s');
  });

  it('sends again, once, when the connection dropped before CircleCI handled it', async () => {
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { reset: true });
    const { result, log, clock } = await runWith(fake, v2Rules);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(2);
    expect(fake.pipelines).toHaveLength(1);
    expect(result.triggers[0]).toMatchObject({ status: 'triggered', pipeline: { number: 1 } });
    // Five looks (at once, then 3, 10, 30 and 60 s after the send), each of both lists, before
    // sending again; who the token is, once.
    expect(
      sent(fake, 'GET', `${V2_TRIGGER}`).filter((r) => r.query.branch === 'main'),
    ).toHaveLength(5);
    expect(sent(fake, 'GET', `${V2_TRIGGER}/mine`)).toHaveLength(5);
    expect(sent(fake, 'GET', '/api/v2/me')).toHaveLength(1);
    expect(clock.delays.slice(0, 4)).toEqual([3000, 7000, 20_000, 30_000]);
    expect(log).toContain('nothing it created was listed, sending it again');
  });

  it('finds a pipeline that CircleCI lists only on the last look', async () => {
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { resetAfterHandling: true });
    const empty = { status: 200, body: { items: [], next_page_token: null } };
    fake.fault({ method: 'GET', path: V2_TRIGGER }, empty, empty);
    const { result } = await runWith(fake, v2Rules);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
    expect(fake.pipelines).toHaveLength(1);
    expect(result.triggers[0]).toMatchObject({ status: 'triggered', pipeline: { number: 1 } });
  });

  it.each([500, 502, 503, 504])(
    'uses the pipeline a %i hid instead of creating a second one',
    async (status) => {
      fake.fault({ method: 'POST', path: V2_TRIGGER }, { statusAfterHandling: status });
      const { result } = await runWith(fake, v2Rules);
      expect(fake.pipelines).toHaveLength(1);
      expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
      expect(result.triggers[0]).toMatchObject({ status: 'triggered', pipeline: { number: 1 } });
    },
  );

  it('sends again after a 502 when nothing was created', async () => {
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { status: 502 });
    const { result } = await runWith(fake, v2Rules);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(2);
    expect(fake.pipelines).toHaveLength(1);
    expect(result.decision).toBe('triggered');
    for (const request of sent(fake, 'POST', V2_TRIGGER)) {
      expect(validateRequestBody('/project/{project-slug}/pipeline', 'post', request.body)).toEqual(
        [],
      );
    }
  });

  it('uses the pipeline a 201 without an id hid instead of creating a second one', async () => {
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { statusAfterHandling: 201, body: {} });
    const { result } = await runWith(fake, v2Rules);
    expect(fake.pipelines).toHaveLength(1);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
    expect(result.triggers[0]).toMatchObject({ status: 'triggered', pipeline: { number: 1 } });
  });

  it("takes neither an earlier pipeline nor another user's for the lost one", async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    fake.addPipeline({
      trigger: { type: 'api' },
      created_at: tenMinutesAgo,
      vcs: { revision: SHA },
    });
    fake.addPipeline({
      trigger: { type: 'api', actor: { login: 'someone-else', avatar_url: null } },
      vcs: { revision: SHA },
    });
    fake.addPipeline({ trigger: { type: 'webhook' }, vcs: { revision: SHA } });
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { resetAfterHandling: true });
    const { result } = await runWith(fake, v2Rules);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
    expect(fake.pipelines).toHaveLength(4);
    expect(result.triggers[0]?.pipeline).toMatchObject({ number: 4, id: fake.pipelines[3]?.id });
  });

  it('narrows by the jobs it runs when the same user made another pipeline a moment ago', async () => {
    await fake.start({ heads: { main: SHA }, workflowDelayReads: 0 });
    const other = fake.addPipeline({ trigger: { type: 'api' } });
    fake.addWorkflow({
      pipelineId: other.id,
      name: 'production',
      jobs: [{ name: 'deploy_production', type: 'build', status: 'running' }],
    });
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { resetAfterHandling: true });
    const { result } = await runWith(fake, v2Rules);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
    expect(result.triggers[0]?.pipeline?.id).toBe(fake.pipelines[1]?.id);
  });

  it('exits 1 naming the candidates, and sends nothing again, when it cannot tell which is its own', async () => {
    const other = fake.addPipeline({ trigger: { type: 'api' } });
    fake.addWorkflow({
      pipelineId: other.id,
      name: 'staging',
      jobs: [{ name: 'deploy_staging', type: 'build', status: 'running' }],
    });
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { resetAfterHandling: true });
    const { code, stderr } = await cliWith(['--host', fake.url], baseEnv, v2Rules);
    const [first, second] = fake.pipelines;
    expect(code).toBe(1);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
    expect(fake.pipelines).toHaveLength(2);
    expect(stderr).toContain(
      `error: rule "staging": POST ${V2_TRIGGER}: network error ECONNRESET, so CircleCI may have acted on it: 2 could be the one it created (pipeline 2 (${second?.id}), pipeline 1 (${first?.id})); not sending it again, to never trigger twice: check CircleCI for it before rerunning`,
    );
  });

  it('does not take a pipeline an earlier rule of this run already took as its own', async () => {
    const rules = {
      match: 'all',
      rules: [
        { name: 'a', branches: ['main'], job: 'deploy_a' },
        { name: 'b', branches: ['main'], job: 'deploy_b' },
      ],
    };
    fake.fault(
      { method: 'POST', path: V2_TRIGGER },
      { resetAfterHandling: true },
      { resetAfterHandling: true },
    );
    const { result } = await runWith(fake, rules);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(2);
    expect(fake.pipelines).toHaveLength(2);
    expect(result.triggers.map((t) => t.pipeline?.id)).toEqual(fake.pipelines.map((p) => p.id));
  });
});

describe('a v1.1 trigger whose answer is lost', () => {
  it('reports the build it created on a branch instead of triggering a second one', async () => {
    fake.fault({ method: 'POST', path: V1_TRIGGER }, { resetAfterHandling: true });
    const { result } = await runWith(fake, v1Rules);
    expect(fake.builds).toHaveLength(1);
    expect(v1TriggerPosts(fake)).toHaveLength(1);
    expect(result.triggers[0]).toMatchObject({
      status: 'triggered',
      build: { number: fake.builds[0]?.build_num, url: fake.builds[0]?.build_url },
    });
  });

  it('reports the tag build it created, found by its tag', async () => {
    fake.setHead('v1.2.3', SHA);
    fake.fault(
      { method: 'POST', path: '/api/v1.1/project/github/acme/app' },
      { resetAfterHandling: true },
    );
    const { result } = await runWith(fake, v1Rules, { env: tagEnv });
    expect(fake.builds).toHaveLength(1);
    expect(v1TriggerPosts(fake)).toHaveLength(1);
    expect(result.triggers[0]).toMatchObject({ status: 'triggered', build: { number: 100 } });
  });

  it('does not take a build of the same commit for another job as the lost one', async () => {
    // Shallow summaries have no build_parameters: the job is read from the build itself.
    fake.addBuild({ branch: 'main', vcs_revision: SHA, build_parameters: { CIRCLE_JOB: 'other' } });
    fake.fault({ method: 'POST', path: V1_TRIGGER }, { reset: true });
    const { result } = await runWith(fake, v1Rules);
    expect(v1TriggerPosts(fake)).toHaveLength(2);
    expect(fake.builds).toHaveLength(2);
    expect(result.triggers[0]?.build?.number).toBe(101);
  });
});

describe('a v1.1 trigger whose answer is lost, among other builds', () => {
  it("takes neither an earlier build of the job nor another user's for the lost one", async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    const job = { CIRCLE_JOB: 'deploy_review' };
    fake.addBuild({
      branch: 'main',
      vcs_revision: SHA,
      build_parameters: job,
      usage_queued_at: tenMinutesAgo,
    });
    fake.addBuild({
      branch: 'main',
      vcs_revision: SHA,
      build_parameters: job,
      user: { login: 'someone-else' },
    });
    fake.fault({ method: 'POST', path: V1_TRIGGER }, { statusAfterHandling: 500 });
    const { result } = await runWith(fake, v1Rules);
    expect(v1TriggerPosts(fake)).toHaveLength(1);
    expect(fake.builds).toHaveLength(3);
    expect(result.triggers[0]).toMatchObject({ status: 'triggered', build: { number: 102 } });
  });

  it('exits 1 naming both when another build of the same job was queued in the same minute', async () => {
    fake.addBuild({
      branch: 'main',
      vcs_revision: SHA,
      build_parameters: { CIRCLE_JOB: 'deploy_review' },
    });
    fake.fault({ method: 'POST', path: V1_TRIGGER }, { resetAfterHandling: true });
    const { code, stderr } = await cliWith(['--host', fake.url], baseEnv, v1Rules);
    expect(code).toBe(1);
    expect(v1TriggerPosts(fake)).toHaveLength(1);
    expect(stderr).toContain(
      `2 could be the one it created (build 101 ${fake.builds[1]?.build_url}, build 100 ${fake.builds[0]?.build_url}); not sending it again`,
    );
  });
});

describe('when the lookup itself fails', () => {
  it('exits 1 without sending the trigger a second time', async () => {
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { resetAfterHandling: true });
    fake.fault({ method: 'GET', path: V2_TRIGGER }, { status: 403 });
    const { code, stderr } = await cliWith(['--host', fake.url], baseEnv, v2Rules);
    expect(code).toBe(1);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
    expect(stderr).toContain(
      `POST ${V2_TRIGGER}: network error ECONNRESET, so CircleCI may have acted on it, and looking that up failed (GET ${V2_TRIGGER}?branch=main: HTTP 403 "Forbidden": the project does not exist or the token in CIRCLE_API_TOKEN cannot see it; API v2 needs a personal API token (project tokens get 404)); not repeating it, to never trigger twice: check CircleCI before rerunning`,
    );
  });
});

describe("when CircleCI's answers lack the signs a trigger is recognised by", () => {
  // A CircleCI (a server install, a proxy) whose listings leave out who started a pipeline or
  // when: `cci-conditional doctor` reports it as a problem; a lost answer must not be re-sent.
  const now = () => new Date().toISOString();
  const listed = (item: Record<string, unknown>) => ({
    status: 200,
    body: { items: [item], next_page_token: null },
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'without trigger.actor',
      { trigger: { type: 'api' }, created_at: now(), vcs: { branch: 'main', revision: SHA } },
      'trigger.actor.login',
    ],
    [
      'without trigger',
      { created_at: now(), vcs: { branch: 'main', revision: SHA } },
      'trigger.type, trigger.actor.login',
    ],
    [
      'without created_at',
      { trigger: { type: 'api', actor: { login: 'deploy-bot' } }, vcs: { branch: 'main' } },
      'created_at',
    ],
  ])(
    'exits 1 and sends nothing again when the pipelines are listed %s',
    async (_, fields, sign) => {
      fake.fault({ method: 'POST', path: V2_TRIGGER }, { resetAfterHandling: true });
      const item = { id: '5034460f-c7c4-4c43-9457-de07e2029e7b', number: 1, ...fields };
      fake.fault({ method: 'GET', path: V2_TRIGGER }, listed(item), listed(item), listed(item));
      const { code, stderr } = await cliWith(['--host', fake.url], baseEnv, v2Rules);
      expect(code).toBe(1);
      expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(1);
      expect(fake.pipelines).toHaveLength(1);
      expect(stderr).toContain(
        `so CircleCI may have acted on it: GET ${V2_TRIGGER}?branch=main: pipeline 1 (5034460f-c7c4-4c43-9457-de07e2029e7b) is listed without ${sign}, so this run cannot tell whether it is its own (cci-conditional doctor shows what this CircleCI leaves out); not sending it again, to never trigger twice`,
      );
    },
  );

  it('reads the build itself when its summary lacks user, and finds the lost one', async () => {
    await fake.start({ heads: { main: SHA }, v11ListsLeaveOut: ['user'] });
    fake.fault({ method: 'POST', path: V1_TRIGGER }, { statusAfterHandling: 502 });
    const { result } = await runWith(fake, v1Rules);
    expect(v1TriggerPosts(fake)).toHaveLength(1);
    expect(sent(fake, 'GET', '/api/v1.1/project/github/acme/app/100')).not.toHaveLength(0);
    expect(result.triggers[0]).toMatchObject({ status: 'triggered', build: { number: 100 } });
  });

  it('exits 1 and sends nothing again when neither the summary nor the build shows user', async () => {
    await fake.start({ heads: { main: SHA }, v11ListsLeaveOut: ['user'] });
    fake.fault({ method: 'POST', path: V1_TRIGGER }, { statusAfterHandling: 502 });
    const withoutUser = { status: 200, body: { build_num: 100, branch: 'main', why: 'api' } };
    fake.fault({ method: 'GET', path: '/api/v1.1/project/github/acme/app/100' }, withoutUser);
    const { code, stderr } = await cliWith(['--host', fake.url], baseEnv, v1Rules);
    expect(code).toBe(1);
    expect(v1TriggerPosts(fake)).toHaveLength(1);
    expect(stderr).toContain(
      `build 100 ${fake.builds[0]?.build_url} is listed without user.login, so this run cannot tell whether it is its own`,
    );
  });

  it('still sends again when the pipelines listed are plainly not its own', async () => {
    fake.fault({ method: 'POST', path: V2_TRIGGER }, { reset: true });
    // A webhook pipeline says nothing of its actor: it is not an API trigger either way.
    fake.addPipeline({ trigger: { type: 'webhook', actor: null as never } });
    const { result } = await runWith(fake, v2Rules);
    expect(sent(fake, 'POST', V2_TRIGGER)).toHaveLength(2);
    expect(result.decision).toBe('triggered');
  });
});
