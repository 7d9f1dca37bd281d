/**
 * The fake CircleCI answers as the second check of what CircleCI answers found
 * (ARCHITECTURE.md, "What CircleCI answers"): compact slugs, late lists, `?branch=` without
 * pipelines that lack `vcs`, `pipeline/mine`, open trigger types, URL-encoded v1.1 branches, a
 * clock of its own, requests acted on after the client gave up, gateways, project tokens, GitLab.
 */
import { describe, expect, it } from 'vitest';
import { compactId } from './fake-circleci/store.js';
import type { Build, Pipeline } from './fake-circleci/types.js';
import { call, JSON_HEADERS } from './helpers/call-fake.js';
import { useFakes } from './helpers/fake.js';
import { fakeClock, APP_ORG as ORG, APP_PROJECT as PROJECT } from './helpers/run-harness.js';

const DEFINITION_ID = '2338d0ae-5541-4bbf-88a2-55e9f7281f80';
const RUN = `/api/v2/project/circleci/${ORG}/${PROJECT}/pipeline/run`;
const runBody = { definition_id: DEFINITION_ID, config: { branch: 'main' } };
interface Page<T> {
  items: T[];
  next_page_token: string | null;
}

/** Starts a fake; every fake a test started is closed after it. */
const start = useFakes();

describe('slugs of circleci/ projects', () => {
  it('shows compact ids in answers and takes UUIDs or compact ids in paths', async () => {
    const fake = await start();
    expect((await call(fake, 'POST', RUN, { body: runBody })).status).toBe(201);
    const compact = `circleci/${compactId(ORG)}/${compactId(PROJECT)}`;
    expect(compactId(ORG)).toMatch(/^[1-9A-HJ-NP-Za-km-z]{21,22}$/);
    expect(fake.pipelines[0]?.project_slug).toBe(compact);
    const byUuid = await call<Page<Pipeline>>(fake, 'GET', RUN.replace('/run', ''));
    const byCompact = await call<Page<Pipeline>>(
      fake,
      'GET',
      `/api/v2/project/${compact}/pipeline`,
    );
    expect(byUuid.body.items.map((p) => p.project_slug)).toEqual([compact]);
    expect(byCompact.body.items.map((p) => p.id)).toEqual([fake.pipelines[0]?.id]);
  });

  it('answers 404 to the id form of a classic project', async () => {
    const fake = await start({ classicProjectIds: [`circleci/${ORG}/${PROJECT}`] });
    const answer = await call(fake, 'POST', RUN, { body: runBody });
    expect(answer).toMatchObject({ status: 404, body: { message: 'Project not found' } });
  });
});

describe('lists', () => {
  it('lists a new pipeline only listDelayMs after it was created, by the fake clock', async () => {
    const clock = fakeClock();
    const fake = await start({ clock: clock.now, listDelayMs: 25_000 });
    const created = await call<{ id: string }>(
      fake,
      'POST',
      '/api/v2/project/gh/acme/app/pipeline',
      {
        body: { branch: 'main' },
      },
    );
    const list = '/api/v2/project/gh/acme/app/pipeline?branch=main';
    expect((await call<Page<Pipeline>>(fake, 'GET', list)).body.items).toEqual([]);
    expect((await call(fake, 'GET', `/api/v2/pipeline/${created.body.id}`)).status).toBe(200);
    await clock.sleep(25_000);
    const later = await call<Page<Pipeline>>(fake, 'GET', list);
    expect(later.body.items.map((p) => p.id)).toEqual([created.body.id]);
  });

  it('does not match pipelines without vcs by ?branch= unless told to', async () => {
    for (const branchListsPipelinesWithoutVcs of [false, true]) {
      const fake = await start({ branchListsPipelinesWithoutVcs });
      await call(fake, 'POST', RUN, { body: runBody });
      const list = await call<Page<Pipeline>>(
        fake,
        'GET',
        `${RUN.replace('/run', '')}?branch=main`,
      );
      expect(fake.pipelines[0]).not.toHaveProperty('vcs');
      expect(list.body.items).toHaveLength(branchListsPipelinesWithoutVcs ? 1 : 0);
    }
  });

  it("lists the token user's pipelines of the project on pipeline/mine, whatever their branch", async () => {
    const fake = await start();
    const mine = fake.addPipeline({ vcs: { branch: 'feature' } });
    fake.addPipeline({ trigger: { actor: { login: 'someone-else', avatar_url: null } } });
    fake.addPipeline({ project_slug: 'gh/acme/other' });
    const answer = await call<Page<Pipeline>>(
      fake,
      'GET',
      '/api/v2/project/gh/acme/app/pipeline/mine',
    );
    expect(answer.body.items.map((p) => p.id)).toEqual([mine.id]);
  });

  it('shows v1.1 branch names URL-encoded in lists, and lists a new build late', async () => {
    const clock = fakeClock();
    const fake = await start({ clock: clock.now, listDelayMs: 25_000 });
    const trigger = '/api/v1.1/project/github/acme/app/tree/release%2F1.0';
    await call(fake, 'POST', trigger, { body: { build_parameters: { CIRCLE_JOB: 'deploy' } } });
    const list = `${trigger}?limit=30`;
    expect((await call<Build[]>(fake, 'GET', list)).body).toEqual([]);
    await clock.sleep(25_000);
    const [build] = (await call<Build[]>(fake, 'GET', list)).body;
    expect(build?.branch).toBe('release%2F1.0');
    expect(fake.builds[0]?.branch).toBe('release/1.0');
  });
});

describe('trigger types', () => {
  it('gives API pipelines the apiTriggerType', async () => {
    const fake = await start({ apiTriggerType: 'explicit' });
    await call(fake, 'POST', '/api/v2/project/gh/acme/app/pipeline', { body: { branch: 'main' } });
    expect(fake.pipelines[0]?.trigger.type).toBe('explicit');
  });
});

describe('time', () => {
  it('shows its own clock in created_at and the Date header', async () => {
    const clock = fakeClock();
    const fake = await start({ clock: clock.now, clockOffsetMs: -120_000 });
    const answer = await call<{ created_at: string }>(
      fake,
      'POST',
      '/api/v2/project/gh/acme/app/pipeline',
      { body: { branch: 'main' } },
    );
    expect(Date.parse(answer.body.created_at)).toBe(clock.now() - 120_000);
    const date = Date.parse(answer.headers.get('date') ?? '');
    expect(Math.abs(date - (clock.now() - 120_000))).toBeLessThan(1000);
  });

  it('creates what a request asked for deferMs later, whatever it answered', async () => {
    const clock = fakeClock();
    const fake = await start({ clock: clock.now });
    const path = '/api/v2/project/gh/acme/app/pipeline';
    fake.fault({ method: 'POST', path }, { reset: true, deferMs: 16_000 });
    await expect(call(fake, 'POST', path, { body: { branch: 'main' } })).rejects.toThrow();
    await call(fake, 'GET', `${path}?branch=main`);
    expect(fake.pipelines).toHaveLength(0);
    await clock.sleep(16_000);
    const list = await call<Page<Pipeline>>(fake, 'GET', `${path}?branch=main`);
    expect(list.body.items).toHaveLength(1);
    expect(Date.parse(list.body.items[0]?.created_at ?? '')).toBe(clock.now());
  });

  it('answers a gateway 524 with an HTML page after creating the pipeline', async () => {
    const fake = await start();
    const path = '/api/v2/project/gh/acme/app/pipeline';
    fake.fault({ method: 'POST', path }, { statusAfterHandling: 524 });
    const answer = await call(fake, 'POST', path, { body: { branch: 'main' } });
    expect(answer.status).toBe(524);
    expect(answer.text).toMatch(/^<!DOCTYPE html>/);
    expect(fake.pipelines).toHaveLength(1);
  });
});

describe('project tokens and GitLab', () => {
  it('takes a project token on v1.1, answers /me 401 and v2 404', async () => {
    const fake = await start({ projectToken: 'project-token' });
    const headers = { ...JSON_HEADERS, 'circle-token': 'project-token' };
    const me = await call(fake, 'GET', '/api/v1.1/me', { headers });
    expect(me).toMatchObject({ status: 401, body: { message: 'You must log in first.' } });
    expect((await call(fake, 'GET', '/api/v2/me', { headers })).status).toBe(401);
    expect((await call(fake, 'GET', '/api/v2/project/gh/acme/app', { headers })).status).toBe(404);
    const trigger = '/api/v1.1/project/github/acme/app/tree/main';
    const build = await call<Build>(fake, 'POST', trigger, { body: {}, headers });
    expect(build.status).toBe(200);
    expect(build.body.user).toEqual({ name: 'Unregistered User', is_user: false });
  });

  it('describes a GitLab project, its pushes, and refuses pipeline/run for it', async () => {
    const slug = `circleci/${ORG}/${PROJECT}`;
    const fake = await start({ gitlabProjects: [slug] });
    const project = await call<{ vcs_info: { provider: string; vcs_url: string } }>(
      fake,
      'GET',
      `/api/v2/project/${slug}`,
    );
    expect(project.body.vcs_info.provider).toBe('GitLab');
    expect(project.body.vcs_info.vcs_url).toMatch(/^https:\/\/gitlab\.com\//);
    const push = fake.addPipeline({ project_slug: slug });
    expect(push.trigger.type).toBe('gitlab');
    expect(push.trigger_parameters).toMatchObject({ circleci: { trigger_type: 'gitlab' } });
    expect((await call(fake, 'POST', RUN, { body: runBody })).status).toBe(400);
    expect(fake.pipelines).toHaveLength(1);
  });
});
