import { describe, expect, it } from 'vitest';
import { validateRequestBody, validateResponseBody } from './fake-circleci/openapi.js';
import { type FakeCircleCI, startFakeCircleCI } from './fake-circleci/server.js';
import type { Build, JobDetails, Pipeline, Workflow, WorkflowJob } from './fake-circleci/types.js';
import { call, JSON_HEADERS } from './helpers/call-fake.js';
import { useFakes } from './helpers/fake.js';

const SHA_HEAD = 'a'.repeat(40);
const SHA_SENT = 'b'.repeat(40);
const DEFINITION_ID = '2338d0ae-5541-4bbf-88a2-55e9f7281f80';
const TRIGGER = '/api/v2/project/gh/acme/app/pipeline';

interface Page<T> {
  items: T[];
  next_page_token: string | null;
}
interface Created {
  id: string;
  state: string;
  number: number;
  created_at: string;
}

/** Starts a fake; every fake a test started is closed after it. */
const start = useFakes();

async function triggerPipeline(fake: FakeCircleCI, body: unknown = { branch: 'main' }) {
  const created = await call<Created>(fake, 'POST', TRIGGER, { body });
  expect(created.status).toBe(201);
  return created.body;
}

describe('authentication', () => {
  it('answers 401 "Invalid token provided." without a Circle-Token header', async () => {
    const fake = await start();
    const answer = await call(fake, 'GET', '/api/v2/pipeline/x', { headers: {} });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ message: 'Invalid token provided.' });
  });

  it('answers 401 to a token other than the configured one', async () => {
    const fake = await start({ token: 'secret' });
    const headers = { ...JSON_HEADERS, 'circle-token': 'test-token' };
    expect((await call(fake, 'GET', '/api/v2/pipeline/x', { headers })).status).toBe(401);
  });

  it('answers 404 "Not found" to a path CircleCI does not serve', async () => {
    const fake = await start();
    const answer = await call(fake, 'GET', '/api/v2/nothing');
    expect(answer).toMatchObject({ status: 404, body: { message: 'Not found' } });
  });
});

describe('API v1.1', () => {
  const BRANCH_TRIGGER = '/api/v1.1/project/github/acme/app/tree/feature%2Fx';
  const triggerBody = { revision: SHA_SENT, build_parameters: { CIRCLE_JOB: 'deploy' } };

  it('creates a queued build on the URL-decoded branch, numbered from 100', async () => {
    const fake = await start();
    const first = await call<Build>(fake, 'POST', BRANCH_TRIGGER, { body: triggerBody });
    const second = await call<Build>(fake, 'POST', BRANCH_TRIGGER, { body: triggerBody });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      build_num: 100,
      build_url: `${fake.url}/gh/acme/app/100`,
      branch: 'feature/x',
      vcs_revision: SHA_SENT,
      vcs_tag: null,
      lifecycle: 'queued',
      status: 'queued',
      outcome: null,
      why: 'api',
      user: { login: 'deploy-bot' },
      build_parameters: { CIRCLE_JOB: 'deploy' },
    });
    expect(second.body.build_num).toBe(101);
  });

  it('marks its triggers deprecated until 2027-02-01, and answers 410 once they are gone', async () => {
    const fake = await start();
    const before = await call(fake, 'POST', BRANCH_TRIGGER, { body: triggerBody });
    expect(before.headers.get('deprecation')).toBe('true');
    expect(before.headers.get('sunset')).toBe('Mon, 01 Feb 2027 00:00:00 GMT');
    const gone = await start({ v11TriggersGone: true });
    const after = await call(gone, 'POST', BRANCH_TRIGGER, { body: triggerBody });
    expect(after.status).toBe(410);
    expect(gone.builds).toHaveLength(0);
  });

  it('lists summaries without build_parameters, and shallow ones without job_name, user, usage_queued_at and vcs_tag', async () => {
    const fake = await start();
    await call(fake, 'POST', BRANCH_TRIGGER, { body: triggerBody });
    const list = '/api/v1.1/project/github/acme/app/tree/feature%2Fx?limit=5';
    const shallow = await call<Build[]>(fake, 'GET', `${list}&shallow=true`);
    const full = await call<Build[]>(fake, 'GET', list);
    expect(shallow.body[0]).toMatchObject({ why: 'api', branch: 'feature%2Fx' });
    for (const field of ['build_parameters', 'job_name', 'user', 'usage_queued_at', 'vcs_tag'])
      expect(shallow.body[0]).not.toHaveProperty(field);
    expect(full.body[0]).toMatchObject({ job_name: 'deploy', user: { login: 'deploy-bot' } });
    expect(full.body[0]).not.toHaveProperty('build_parameters');
  });

  it("tells the token's user on GET /api/v1.1/me and /api/v2/me", async () => {
    const fake = await start({ login: 'release-bot' });
    const v1 = await call(fake, 'GET', '/api/v1.1/me');
    const v2 = await call(fake, 'GET', '/api/v2/me');
    expect(v1.body).toMatchObject({ login: 'release-bot' });
    expect(v2.body).toMatchObject({ login: 'release-bot', name: 'release-bot' });
  });

  it('answers EDN, not JSON, when the request lacks Accept: application/json', async () => {
    const fake = await start();
    const headers = { 'circle-token': 'test-token', 'content-type': 'application/json' };
    const answer = await call(fake, 'POST', BRANCH_TRIGGER, { body: triggerBody, headers });
    expect(answer.headers.get('content-type')).toBe('application/edn');
    expect(answer.text).toMatch(/^\{:build_num 100, :build_url "http/);
    expect(answer.body).toBeUndefined();
  });

  it('triggers a tag build at the head of the tag, with no branch', async () => {
    const fake = await start({ heads: { 'v1.2.3': SHA_HEAD } });
    const body = { tag: 'v1.2.3', build_parameters: { CIRCLE_JOB: 'release' } };
    const answer = await call<Build>(fake, 'POST', '/api/v1.1/project/github/acme/app', { body });
    expect(answer.body).toMatchObject({ vcs_tag: 'v1.2.3', branch: null, vcs_revision: SHA_HEAD });
  });

  it('refuses a body with both tag and revision', async () => {
    const fake = await start();
    const body = { tag: 'v1', revision: SHA_SENT, build_parameters: {} };
    const answer = await call(fake, 'POST', '/api/v1.1/project/github/acme/app', { body });
    expect(answer).toMatchObject({
      status: 400,
      body: { message: 'Cannot specify both tag and revision' },
    });
  });

  it('answers 201 when v11Status says so, and links Bitbucket builds under /bb/', async () => {
    const fake = await start({ v11Status: 201 });
    const path = '/api/v1.1/project/bitbucket/acme/app/tree/main';
    const answer = await call<Build>(fake, 'POST', path, { body: triggerBody });
    expect(answer.status).toBe(201);
    expect(answer.body.build_url).toBe(`${fake.url}/bb/acme/app/100`);
  });

  it('advances a build one buildStatuses step per read and stays on the last', async () => {
    const fake = await start({ buildStatuses: () => ['queued', 'running', 'failed'] });
    await call(fake, 'POST', BRANCH_TRIGGER, { body: triggerBody });
    const read = async () =>
      (await call<Build>(fake, 'GET', '/api/v1.1/project/github/acme/app/100')).body;
    expect(await read()).toMatchObject({ lifecycle: 'running', status: 'running', outcome: null });
    expect(await read()).toMatchObject({
      lifecycle: 'finished',
      status: 'failed',
      outcome: 'failed',
    });
    expect(await read()).toMatchObject({ lifecycle: 'finished', outcome: 'failed' });
  });

  it('lists a branch newest first within limit, without steps when shallow', async () => {
    const fake = await start();
    const steps = [{ name: 'test', actions: [{ index: 0, status: 'success' }] }];
    for (const branch of ['main', 'other', 'main', 'main']) fake.addBuild({ branch, steps });
    const path = '/api/v1.1/project/github/acme/app/tree/main?limit=2&shallow=true';
    const list = await call<Build[]>(fake, 'GET', path);
    expect(list.body.map((build) => build.build_num)).toEqual([103, 102]);
    expect(list.body[0]).not.toHaveProperty('steps');
    const one = await call<Build>(fake, 'GET', '/api/v1.1/project/github/acme/app/100');
    expect(one.body.steps).toEqual(steps);
  });

  it('answers 404 "Project not found" outside the projects option', async () => {
    const fake = await start({ projects: ['gh/acme/app'] });
    const path = '/api/v1.1/project/github/acme/other/tree/main';
    const answer = await call(fake, 'POST', path, { body: triggerBody });
    expect(answer).toMatchObject({ status: 404, body: { message: 'Project not found' } });
  });
});

describe('API v2 pipeline trigger', () => {
  const body = { branch: 'main', parameters: { target_job: 'deploy', target_sha: SHA_SENT } };

  it('answers 201 with a PipelineCreation, numbering pipelines per project', async () => {
    const fake = await start();
    expect(validateRequestBody('/project/{project-slug}/pipeline', 'post', body)).toEqual([]);
    const first = await call<Created>(fake, 'POST', TRIGGER, { body });
    const second = await call<Created>(fake, 'POST', '/api/v2/project/github/acme/app/pipeline', {
      body,
    });
    const elsewhere = await call<Created>(fake, 'POST', '/api/v2/project/bb/acme/lib/pipeline', {
      body,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ state: 'setup-pending', number: 1 });
    expect(
      validateResponseBody('/project/{project-slug}/pipeline', 'post', 201, first.body),
    ).toEqual([]);
    expect([second.body.number, elsewhere.body.number]).toEqual([2, 1]);
  });

  it('runs the head of the branch, not the SHA sent, and never shows the parameters sent', async () => {
    const fake = await start({ heads: { main: SHA_HEAD } });
    const created = await triggerPipeline(fake, body);
    const pipeline = await call<Pipeline>(fake, 'GET', `/api/v2/pipeline/${created.id}`);
    expect(pipeline.body).toMatchObject({
      project_slug: 'gh/acme/app',
      trigger: { type: 'api', actor: { login: 'deploy-bot', avatar_url: null } },
      vcs: { branch: 'main', revision: SHA_HEAD, provider_name: 'GitHub' },
    });
    // A captured GET /pipeline/{id} of a parameterised API trigger has no trigger_parameters key.
    expect(pipeline.body).not.toHaveProperty('trigger_parameters');
    expect(validateResponseBody('/pipeline/{pipeline-id}', 'get', 200, pipeline.body)).toEqual([]);
  });

  it('uses the target_sha parameter as revision when the branch head is not configured', async () => {
    const fake = await start();
    await triggerPipeline(fake, body);
    expect(fake.pipelines[0]?.vcs?.revision).toBe(SHA_SENT);
  });

  it('runs the new head after setHead moves the branch on', async () => {
    const fake = await start({ heads: { main: SHA_HEAD } });
    await triggerPipeline(fake, body);
    fake.setHead('main', SHA_SENT.replaceAll('b', 'c'));
    await triggerPipeline(fake, body);
    expect(fake.pipelines.map((pipeline) => pipeline.vcs?.revision)).toEqual([
      SHA_HEAD,
      'c'.repeat(40),
    ]);
  });

  it('serves a seeded pipeline as it was seeded, for the loop guard to read', async () => {
    const fake = await start();
    const running = fake.addPipeline({
      trigger: { type: 'api', actor: { login: 'someone-else', avatar_url: null } },
      vcs: { branch: 'main', revision: SHA_SENT },
    });
    const answer = await call<Pipeline>(fake, 'GET', `/api/v2/pipeline/${running.id}`);
    expect(answer.body).toMatchObject({
      state: 'created',
      number: 1,
      trigger: { type: 'api', actor: { login: 'someone-else' } },
      vcs: { branch: 'main', revision: SHA_SENT },
    });
    expect(validateResponseBody('/pipeline/{pipeline-id}', 'get', 200, answer.body)).toEqual([]);
  });

  it('accepts a URL-escaped project slug', async () => {
    const fake = await start();
    const answer = await call(fake, 'POST', '/api/v2/project/gh%2Facme%2Fapp/pipeline', { body });
    expect(answer.status).toBe(201);
    expect(fake.pipelines[0]?.project_slug).toBe('gh/acme/app');
  });

  it('ignores the body without Content-Type: application/json: main, no parameters', async () => {
    const fake = await start();
    const headers = { 'circle-token': 'test-token', accept: 'application/json' };
    const sent = { branch: 'feature', parameters: { target_job: 'deploy' } };
    const answer = await call(fake, 'POST', TRIGGER, { body: sent, headers });
    expect(answer.status).toBe(201);
    expect(fake.pipelines[0]).toMatchObject({ vcs: { branch: 'main' } });
    expect(fake.workflows.map((w) => w.name)).toEqual([]);
  });

  it('refuses both branch and tag with 400', async () => {
    const fake = await start();
    const answer = await call(fake, 'POST', TRIGGER, { body: { branch: 'main', tag: 'v1' } });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/branch or tag/);
  });

  const many = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, i]));
  it.each([
    ['101 parameters', many(101), /Too many pipeline parameters: 101/],
    ['a 129-character name', { ['n'.repeat(129)]: 'x' }, /longer than 128 characters/],
    ['a 513-character string value', { target_job: 'x'.repeat(513) }, /longer than 512 characters/],
    ['a fractional number', { ratio: 1.5 }, /must be an integer, a string or a boolean/],
    ['an object value', { nested: { a: 1 } }, /must be an integer, a string or a boolean/],
    ['a null value', { target_job: null }, /must be an integer, a string or a boolean/],
  ])('refuses %s with 400 and creates nothing', async (_case, parameters, message) => {
    const fake = await start();
    const answer = await call(fake, 'POST', TRIGGER, { body: { branch: 'main', parameters } });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(message);
    expect(fake.pipelines).toEqual([]);
  });

  it('accepts parameters right at the limits', async () => {
    const fake = await start();
    const parameters = { ...many(99), ['n'.repeat(128)]: 'x'.repeat(512) };
    expect(
      (await call(fake, 'POST', TRIGGER, { body: { branch: 'main', parameters } })).status,
    ).toBe(201);
  });

  it('accepts an undeclared parameter with 201, then errors the pipeline naming it', async () => {
    const fake = await start({ declaredParameters: ['target_job'], workflowDelayReads: 0 });
    const sent = { branch: 'main', parameters: { target_job: 'deploy', DEPLOY_ENV: 'prod' } };
    const created = await triggerPipeline(fake, sent);
    const read = async () =>
      (await call<Pipeline>(fake, 'GET', `/api/v2/pipeline/${created.id}`)).body;
    expect((await read()).state).toBe('setup-pending');
    expect(await read()).toMatchObject({
      state: 'errored',
      errors: [{ type: 'config', message: 'Unexpected argument(s): DEPLOY_ENV' }],
    });
    const workflows = await call<Page<Workflow>>(
      fake,
      'GET',
      `/api/v2/pipeline/${created.id}/workflow`,
    );
    expect(workflows.body.items).toEqual([]);
  });

  it('stays setup-pending for pipelineSetupReads reads, then becomes created', async () => {
    const fake = await start({ pipelineSetupReads: 2 });
    const created = await triggerPipeline(fake);
    const states = [];
    for (let read = 0; read < 4; read++) {
      states.push((await call<Pipeline>(fake, 'GET', `/api/v2/pipeline/${created.id}`)).body.state);
    }
    expect(states).toEqual(['setup-pending', 'setup-pending', 'created', 'created']);
  });

  it('answers 404 "Pipeline not found" for an unknown id', async () => {
    const fake = await start();
    const answer = await call(fake, 'GET', '/api/v2/pipeline/5034460f-c7c4-4c43-9457-de07e2029e7b');
    expect(answer).toMatchObject({ status: 404, body: { message: 'Pipeline not found' } });
  });
});

describe('API v2 pipeline/run (GitHub App projects)', () => {
  const RUN = '/api/v2/project/circleci/0f9e6b1a/7c2d4e5f/pipeline/run';

  it('answers 201 with the OpenAPI pipeline shape and checks out the checkout ref', async () => {
    const fake = await start();
    const body = {
      definition_id: DEFINITION_ID,
      config: { branch: 'main' },
      checkout: { tag: 'v2.0.0' },
      parameters: { target_job: 'deploy' },
    };
    const path = '/project/{provider}/{organization}/{project}/pipeline/run';
    expect(validateRequestBody(path, 'post', body)).toEqual([]);
    const answer = await call<Created>(fake, 'POST', RUN, { body });
    expect(answer.status).toBe(201);
    expect(validateResponseBody(path, 'post', 201, answer.body)).toEqual([]);
    const pipeline = await call<Pipeline>(fake, 'GET', `/api/v2/pipeline/${answer.body.id}`);
    // Pipeline-definition runs: only namespaced git context, and no vcs block (captured answers).
    expect(pipeline.body).toMatchObject({
      project_slug: 'circleci/0f9e6b1a/7c2d4e5f',
      trigger: { type: 'api', actor: { login: 'deploy-bot' } },
      trigger_parameters: { git: { tag: 'v2.0.0', checkout_sha: '0'.repeat(40) } },
    });
    expect(pipeline.body).not.toHaveProperty('vcs');
    expect(Object.keys(pipeline.body.trigger_parameters ?? {}).sort()).toEqual([
      'circleci',
      'git',
      'webhook',
    ]);
  });

  it('answers 200 with a message and creates nothing when the commit says [ci skip]', async () => {
    const fake = await start({ ciSkip: true });
    const body = { definition_id: DEFINITION_ID, config: { branch: 'main' }, parameters: {} };
    const answer = await call(fake, 'POST', RUN, { body });
    expect(answer).toMatchObject({
      status: 200,
      body: { message: 'Ignoring pipeline due to CI skip in the commit' },
    });
    expect(fake.pipelines).toHaveLength(0);
  });

  it.each([
    ['without definition_id', {}],
    ['with a definition_id that is not a uuid', { definition_id: 'production' }],
  ])('refuses a run %s with 400', async (_case, body) => {
    const fake = await start();
    const answer = await call(fake, 'POST', RUN, { body });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/definition_id/);
  });
});

describe('API v2 workflows and lists', () => {
  it('shows workflows only after workflowDelayReads reads, then advances them per read', async () => {
    const fake = await start({
      workflowDelayReads: 2,
      workflows: () => [
        { name: 'deploy', statuses: ['running', 'failing', 'failed'] },
        { name: 'notify', statuses: ['success'] },
      ],
    });
    const created = await triggerPipeline(fake);
    const seen = [];
    for (let read = 0; read < 5; read++) {
      const page = await call<Page<Workflow>>(
        fake,
        'GET',
        `/api/v2/pipeline/${created.id}/workflow`,
      );
      expect(
        validateResponseBody('/pipeline/{pipeline-id}/workflow', 'get', 200, page.body),
      ).toEqual([]);
      seen.push(page.body.items.map((workflow) => `${workflow.name}:${workflow.status}`).join(' '));
    }
    expect(seen).toEqual([
      '',
      '',
      'deploy:running notify:success',
      'deploy:failing notify:success',
      'deploy:failed notify:success',
    ]);
  });

  it('names the default workflow after target_job and lets workflows: [] mean none ran', async () => {
    const fake = await start({ workflowDelayReads: 0 });
    const created = await triggerPipeline(fake, {
      branch: 'main',
      parameters: { target_job: 'deploy' },
    });
    const page = await call<Page<Workflow>>(fake, 'GET', `/api/v2/pipeline/${created.id}/workflow`);
    expect(page.body.items.map((workflow) => workflow.name)).toEqual(['deploy']);

    const none = await start({ workflowDelayReads: 0, workflows: () => [] });
    const nothing = await triggerPipeline(none);
    const empty = await call<Page<Workflow>>(
      none,
      'GET',
      `/api/v2/pipeline/${nothing.id}/workflow`,
    );
    expect(empty.body.items).toEqual([]);
  });

  it("pages a branch's pipelines newest first with next_page_token", async () => {
    const fake = await start({ pageSize: 2 });
    for (const branch of ['main', 'other', 'main', 'main', 'main']) {
      fake.addPipeline({ vcs: { branch }, trigger: { type: 'api' } });
    }
    const numbers: number[][] = [];
    let token: string | null = '';
    do {
      const query: string = `branch=main${token ? `&page-token=${token}` : ''}`;
      const page: { body: Page<Pipeline> } = await call(fake, 'GET', `${TRIGGER}?${query}`);
      expect(
        validateResponseBody('/project/{project-slug}/pipeline', 'get', 200, page.body),
      ).toEqual([]);
      numbers.push(page.body.items.map((pipeline) => pipeline.number));
      token = page.body.next_page_token;
    } while (token);
    expect(numbers).toEqual([
      [5, 4],
      [3, 1],
    ]);
  });

  it('answers 400 to a page-token it did not issue', async () => {
    const fake = await start();
    expect((await call(fake, 'GET', `${TRIGGER}?page-token=bogus`)).status).toBe(400);
  });
});

describe('API v2 approval jobs', () => {
  it('lists the on-hold approval job, approves it with 202 and then refuses a second approval', async () => {
    const fake = await start();
    const workflow = fake.addWorkflow({
      name: 'build-and-deploy',
      jobs: [
        { name: 'test', type: 'build', status: 'success', job_number: 7 },
        { name: 'hold-production', type: 'approval', status: 'on_hold' },
      ],
    });
    const jobsPath = `/api/v2/workflow/${workflow.id}/job`;
    const before = await call<Page<WorkflowJob>>(fake, 'GET', jobsPath);
    expect(validateResponseBody('/workflow/{id}/job', 'get', 200, before.body)).toEqual([]);
    const hold = before.body.items.find((job) => job.type === 'approval');
    expect(hold).toMatchObject({ status: 'on_hold', approval_request_id: hold?.id });

    const approvePath = `/api/v2/workflow/${workflow.id}/approve/${hold?.approval_request_id}`;
    const approved = await call(fake, 'POST', approvePath);
    expect(approved).toMatchObject({ status: 202, body: { message: 'Accepted.' } });
    const approveTemplate = '/workflow/{id}/approve/{approval_request_id}';
    expect(validateResponseBody(approveTemplate, 'post', 202, approved.body)).toEqual([]);

    const after = await call<Page<WorkflowJob>>(fake, 'GET', jobsPath);
    expect(after.body.items.map((job) => job.status)).toEqual(['success', 'success']);
    const current = await call<Workflow>(fake, 'GET', `/api/v2/workflow/${workflow.id}`);
    expect(current.body.status).toBe('running');
    expect(validateResponseBody('/workflow/{id}', 'get', 200, current.body)).toEqual([]);

    const again = await call(fake, 'POST', approvePath);
    expect(again).toMatchObject({ status: 400, body: { message: 'Job is not on hold' } });
  });

  it('answers 404 for an unknown workflow or approval request', async () => {
    const fake = await start();
    const workflow = fake.addWorkflow({ name: 'w', jobs: [] });
    const unknownWorkflow = await call(fake, 'GET', `/api/v2/workflow/${DEFINITION_ID}/job`);
    const unknownRequest = await call(fake, 'POST', `/api/v2/workflow/${workflow.id}/approve/x`);
    expect(unknownWorkflow).toMatchObject({ status: 404, body: { message: 'Workflow not found' } });
    expect(unknownRequest.status).toBe(404);
  });
});

describe('API v2 job details', () => {
  it('advances each parallel run one status per read; the job runs until all finish', async () => {
    const fake = await start();
    fake.addJob('gh/acme/app', {
      number: 42,
      name: 'test',
      parallelRuns: [
        { index: 0, statuses: ['running', 'success'] },
        { index: 1, statuses: ['running', 'running', 'success'] },
      ],
    });
    const reads = [];
    for (let read = 0; read < 3; read++) {
      const job = await call<JobDetails>(fake, 'GET', '/api/v2/project/github/acme/app/job/42');
      const template = '/project/{project-slug}/job/{job-number}';
      expect(validateResponseBody(template, 'get', 200, job.body)).toEqual([]);
      reads.push(
        `${job.body.status}: ${job.body.parallel_runs.map((run) => run.status).join(' ')}`,
      );
    }
    expect(reads).toEqual([
      'running: running running',
      'running: success running',
      'success: success success',
    ]);
  });
});

describe('faults', () => {
  it('resets the connection on { reset: true } without creating anything, then serves normally', async () => {
    const fake = await start();
    fake.fault({ method: 'POST', path: TRIGGER }, { reset: true });
    await expect(call(fake, 'POST', TRIGGER, { body: { branch: 'main' } })).rejects.toThrow();
    expect(fake.pipelines).toHaveLength(0);
    expect(fake.requests[0]?.fault).toEqual({ reset: true });
    await triggerPipeline(fake);
    expect(fake.pipelines).toHaveLength(1);
  });

  it('never answers on { hang: true }, so the client times out', async () => {
    const fake = await start();
    fake.fault({ path: /\/pipeline$/ }, { hang: true });
    const signal = AbortSignal.timeout(100);
    const attempt = call(fake, 'POST', TRIGGER, { body: { branch: 'main' }, signal });
    await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(fake.pipelines).toHaveLength(0);
  });

  it('creates the pipeline and then resets on { resetAfterHandling: true }', async () => {
    const fake = await start();
    fake.fault({ method: 'POST' }, { resetAfterHandling: true });
    await expect(call(fake, 'POST', TRIGGER, { body: { branch: 'main' } })).rejects.toThrow();
    expect(fake.pipelines).toHaveLength(1);
  });

  it('creates the build and then never answers on { hangAfterHandling: true }', async () => {
    const fake = await start();
    fake.fault({ method: 'POST' }, { hangAfterHandling: true });
    const signal = AbortSignal.timeout(100);
    const path = '/api/v1.1/project/github/acme/app/tree/main';
    await expect(call(fake, 'POST', path, { body: {}, signal })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(fake.builds).toHaveLength(1);
  });

  it('answers queued statuses in order, with headers and bodies, one per matching request', async () => {
    const fake = await start();
    fake.fault(
      { method: 'POST', path: TRIGGER },
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 400, body: { message: 'Branch not found' } },
    );
    const other = await call(fake, 'GET', '/api/v2/pipeline/unknown');
    const throttled = await call(fake, 'POST', TRIGGER, { body: { branch: 'main' } });
    const refused = await call(fake, 'POST', TRIGGER, { body: { branch: 'main' } });
    const accepted = await call(fake, 'POST', TRIGGER, { body: { branch: 'main' } });
    expect(other.status).toBe(404);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    // CircleCI's 429 can be plain text rather than {message}.
    expect(throttled.text).toBe('Rate limited.');
    expect(throttled.headers.get('content-type')).toBe('text/plain');
    expect(refused.body).toEqual({ message: 'Branch not found' });
    expect(accepted.status).toBe(201);
    expect(fake.pipelines).toHaveLength(1);
  });

  it('answers normally after { delayMs }', async () => {
    const fake = await start();
    fake.fault({}, { delayMs: 50 });
    const startedAt = performance.now();
    const answer = await call(fake, 'POST', TRIGGER, { body: { branch: 'main' } });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(45);
    expect(answer.status).toBe(201);
  });

  it('closes while a request hangs', async () => {
    const fake = await startFakeCircleCI();
    fake.fault({}, { hang: true });
    const attempt = call(fake, 'GET', '/api/v2/pipeline/x').catch((error: Error) => error);
    while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await fake.close();
    expect(await attempt).toBeInstanceOf(Error);
  });
});

describe('request recording', () => {
  it('records method, raw and decoded path, query, headers and body of every request', async () => {
    const fake = await start();
    const body = { revision: SHA_SENT, build_parameters: { CIRCLE_JOB: 'deploy' } };
    await call(fake, 'POST', '/api/v1.1/project/github/acme/app/tree/feature%2Fx?limit=5', {
      body,
    });
    await call(fake, 'GET', '/api/v2/pipeline/x', { headers: {} });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1.1/project/github/acme/app/tree/feature%2Fx',
      rawPath: '/api/v1.1/project/github/acme/app/tree/feature%2Fx',
      decodedPath: '/api/v1.1/project/github/acme/app/tree/feature/x',
      rawUrl: '/api/v1.1/project/github/acme/app/tree/feature%2Fx?limit=5',
      query: { limit: '5' },
      headers: { 'circle-token': 'test-token', accept: 'application/json' },
      rawBody: JSON.stringify(body),
      body,
    });
    expect(fake.requests[1]).toMatchObject({ method: 'GET', rawBody: '', body: undefined });
  });
});
