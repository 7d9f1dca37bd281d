import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/errors.js';
import { readContext } from '../../src/core/read-context.js';
import { baseEnv } from './fixtures.js';

describe('readContext', () => {
  it('reads a branch build', () => {
    expect(readContext(baseEnv)).toEqual({
      ref: { kind: 'branch', name: 'main' },
      sha: '0123456789abcdef0123456789abcdef01234567',
      org: 'acme',
      repo: 'shop',
      vcs: 'github',
      hasRepositoryUrl: true,
      gitlabRepository: false,
      organizationId: undefined,
      projectId: undefined,
      nodeIndex: '0',
      nodeTotal: '2',
      forkedPullRequest: false,
      buildUrl: 'https://circleci.com/gh/acme/shop/41',
      buildNum: '41',
      job: 'test',
      workflowId: '6f1d2c3b-0000-4000-8000-000000000001',
      pipelineId: '6f1d2c3b-0000-4000-8000-000000000002',
    });
  });

  it.each([
    [
      'a tag build (empty CIRCLE_BRANCH)',
      { CIRCLE_BRANCH: '', CIRCLE_TAG: 'v1.0.0' },
      { kind: 'tag', name: 'v1.0.0' },
    ],
    [
      'a tag build (unset CIRCLE_BRANCH)',
      { CIRCLE_BRANCH: undefined, CIRCLE_TAG: 'v1.0.0' },
      { kind: 'tag', name: 'v1.0.0' },
    ],
    ['a tag when both are set', { CIRCLE_TAG: 'v2' }, { kind: 'tag', name: 'v2' }],
    ['a branch when CIRCLE_TAG is empty', { CIRCLE_TAG: '' }, { kind: 'branch', name: 'main' }],
    [
      'a branch with slashes as written',
      { CIRCLE_BRANCH: 'feature/x' },
      { kind: 'branch', name: 'feature/x' },
    ],
    ['no ref when both are empty', { CIRCLE_BRANCH: '', CIRCLE_TAG: '' }, undefined],
    ['no ref when both are unset', { CIRCLE_BRANCH: undefined }, undefined],
  ])('reads %s', (_, overrides, ref) => {
    expect(readContext({ ...baseEnv, ...overrides }).ref).toEqual(ref);
  });

  it.each([
    ['git@github.com:acme/shop.git', 'github'],
    ['https://github.com/acme/shop', 'github'],
    ['git@bitbucket.org:acme/shop.git', 'bitbucket'],
    ['https://bitbucket.org/acme/shop', 'bitbucket'],
    ['https://jane@Bitbucket.ORG/acme/shop.git', 'bitbucket'],
    ['ssh://git@bitbucket.org:7999/acme/shop.git', 'bitbucket'],
    ['https://bitbucket.org.example.com/acme/shop', 'github'],
    ['https://gitlab.com/acme/shop', 'github'],
    ['', 'github'],
    [undefined, 'github'],
  ])('takes the vcs of CIRCLE_REPOSITORY_URL=%s to be %s', (url, vcs) => {
    expect(readContext({ ...baseEnv, CIRCLE_REPOSITORY_URL: url }).vcs).toBe(vcs);
  });

  it.each([
    ['set', 'git@github.com:acme/shop.git', true],
    ['empty', '', false],
    ['unset', undefined, false],
  ])('records whether CIRCLE_REPOSITORY_URL is %s', (_, url, expected) => {
    expect(readContext({ ...baseEnv, CIRCLE_REPOSITORY_URL: url }).hasRepositoryUrl).toBe(expected);
  });

  it.each([
    ['https://gitlab.com/acme/shop', true],
    ['git@gitlab.com:acme/shop.git', true],
    ['https://gitlab.example.com/acme/shop', true],
    ['ssh://git@GitLab.Example.com:2222/acme/shop.git', true],
    ['https://github.com/acme/gitlab', false],
    ['https://mygitlab.com/acme/shop', false],
    ['git@bitbucket.org:acme/shop.git', false],
    [undefined, false],
  ])('tells whether CIRCLE_REPOSITORY_URL=%s is on a GitLab host: %s', (url, expected) => {
    expect(readContext({ ...baseEnv, CIRCLE_REPOSITORY_URL: url }).gitlabRepository).toBe(expected);
  });

  it.each([
    [{ CIRCLE_PR_NUMBER: '12' }, true],
    [{ CIRCLE_PR_REPONAME: 'shop' }, true],
    [{ CIRCLE_PR_NUMBER: '12', CIRCLE_PR_REPONAME: 'shop' }, true],
    [{ CIRCLE_PR_NUMBER: '', CIRCLE_PR_REPONAME: '' }, false],
    [{ CIRCLE_PULL_REQUEST: 'https://github.com/acme/shop/pull/12' }, false],
    [{}, false],
  ])('with %o sees a forked pull request: %s', (overrides, forked) => {
    expect(readContext({ ...baseEnv, ...overrides }).forkedPullRequest).toBe(forked);
  });

  it('treats every empty variable as unset', () => {
    const empty = Object.fromEntries(Object.keys(baseEnv).map((name) => [name, '']));
    const context = readContext({ ...empty, CIRCLE_ORGANIZATION_ID: '', CIRCLE_PROJECT_ID: '' });
    expect(context).toEqual({
      ref: undefined,
      sha: undefined,
      org: undefined,
      repo: undefined,
      vcs: 'github',
      hasRepositoryUrl: false,
      gitlabRepository: false,
      organizationId: undefined,
      projectId: undefined,
      nodeIndex: undefined,
      nodeTotal: undefined,
      forkedPullRequest: false,
      buildUrl: undefined,
      buildNum: undefined,
      job: undefined,
      workflowId: undefined,
      pipelineId: undefined,
    });
  });

  it('reads the organization and project ids of GitHub App and GitLab projects', () => {
    const context = readContext({
      ...baseEnv,
      CIRCLE_ORGANIZATION_ID: 'org-uuid',
      CIRCLE_PROJECT_ID: 'project-uuid',
    });
    expect([context.organizationId, context.projectId]).toEqual(['org-uuid', 'project-uuid']);
  });

  it('keeps the node index and total as written, for the node guard to check', () => {
    const context = readContext({ ...baseEnv, CIRCLE_NODE_INDEX: ' 1x', CIRCLE_NODE_TOTAL: '-3' });
    expect([context.nodeIndex, context.nodeTotal]).toEqual([' 1x', '-3']);
  });

  it.each([
    ['CIRCLE_PROJECT_USERNAME', '..'],
    ['CIRCLE_PROJECT_REPONAME', '.'],
    ['CIRCLE_ORGANIZATION_ID', '..'],
    ['CIRCLE_PROJECT_ID', '.'],
  ])('refuses %s=%s, which would move requests to another API path (exit 2)', (name, value) => {
    expect(() => readContext({ ...baseEnv, [name]: value })).toThrow(
      new UsageError(
        `${name}="${value}" is not a project name: "." and ".." would send requests to another path of the API`,
      ),
    );
  });

  it('keeps names that only contain dots', () => {
    const context = readContext({
      ...baseEnv,
      CIRCLE_PROJECT_USERNAME: '.github',
      CIRCLE_PROJECT_REPONAME: 'a..b',
    });
    expect([context.org, context.repo]).toEqual(['.github', 'a..b']);
  });

  it('reads nothing but the env object it is given', () => {
    process.env.CIRCLE_BRANCH = 'from-process-env';
    try {
      expect(readContext({}).ref).toBeUndefined();
    } finally {
      delete process.env.CIRCLE_BRANCH;
    }
  });
});
