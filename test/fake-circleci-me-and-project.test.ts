/**
 * The fake's `GET /api/v2/me` and `GET /api/v2/project/{slug}`: in the shapes of CircleCI's own
 * OpenAPI description (User and Project schemas), refusing what CircleCI refuses.
 */
import { describe, expect, it } from 'vitest';
import { validateResponseBody } from './fake-circleci/openapi.js';
import type { FakeOptions } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';

const fake = useFakeStartedInTest();

async function get(path: string, options: FakeOptions = {}, token = 'test-token') {
  await fake.start(options);
  const response = await fetch(`${fake.url}${path}`, {
    headers: { 'circle-token': token, accept: 'application/json' },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /api/v2/me', () => {
  it('names the user behind the token, as the OpenAPI User schema describes', async () => {
    const answer = await get('/api/v2/me');
    expect(answer).toMatchObject({ status: 200, body: { login: 'deploy-bot' } });
    expect(validateResponseBody('/me', 'get', 200, answer.body)).toEqual([]);
  });

  it('answers 401 "Invalid token provided." to another token', async () => {
    const answer = await get('/api/v2/me', {}, 'other-token');
    expect(answer).toEqual({ status: 401, body: { message: 'Invalid token provided.' } });
  });
});

describe('GET /api/v2/project/{slug}', () => {
  it.each([
    ['gh/acme/app', 'GitHub', 'https://github.com/acme/app'],
    ['bb/acme/lib', 'Bitbucket', 'https://bitbucket.org/acme/lib'],
    ['circleci/7c3d9e1a/5b0c2f4d', 'CircleCI', 'https://github.com/7c3d9e1a/5b0c2f4d'],
  ])('describes %s as the OpenAPI Project schema does', async (slug, provider, url) => {
    const answer = await get(`/api/v2/project/${slug}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ slug, vcs_info: { provider, vcs_url: url } });
    expect(validateResponseBody('/project/{project-slug}', 'get', 200, answer.body)).toEqual([]);
  });

  it('answers 404 "Project not found" outside the projects option', async () => {
    const answer = await get('/api/v2/project/gh/acme/other', { projects: ['gh/acme/app'] });
    expect(answer).toEqual({ status: 404, body: { message: 'Project not found' } });
  });

  it('takes the long form of a slug and answers the short one', async () => {
    const answer = await get('/api/v2/project/github/acme/app');
    expect(answer.body.slug).toBe('gh/acme/app');
  });
});
