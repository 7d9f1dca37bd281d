import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/errors.js';
import { type Action, planActions } from '../../src/circleci/plan-actions.js';
import { decide } from '../../src/core/decide.js';
import { type Env, readContext } from '../../src/core/read-context.js';
import { baseEnv, rulesOf, tagEnv } from './fixtures.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const DEFINITION_ID = '7f3c9a10-5b2e-4c1d-9e8f-0a1b2c3d4e5f';
const deploy = { branches: ['**'], tags: ['**'], job: 'deploy' };
/** A GitHub App or GitLab project: ids, no repository URL. */
const appEnv: Env = {
  ...baseEnv,
  CIRCLE_REPOSITORY_URL: undefined,
  CIRCLE_PROJECT_USERNAME: undefined,
  CIRCLE_PROJECT_REPONAME: undefined,
  CIRCLE_ORGANIZATION_ID: 'org-id',
  CIRCLE_PROJECT_ID: 'project-id',
};

/** The actions the rules file `file` plans for a build with environment `env`. */
function plan(env: Env, file: object): Action[] {
  const context = readContext(env);
  const ruleSet = rulesOf(file);
  const decision = decide(context, ruleSet, { node: 0 });
  if (decision.action !== 'fire') throw new Error(`expected a rule to fire: ${decision.reason}`);
  return planActions(decision.fired, decision.ref, context, ruleSet);
}

const requestOf = (env: Env, file: object) => {
  const [action, ...rest] = plan(env, file);
  expect(rest).toEqual([]);
  return action && 'request' in action ? action.request : action;
};

describe('planActions', () => {
  describe('api v2', () => {
    it.each([
      ['a branch build', baseEnv, { branch: 'main' }],
      [
        'a branch with a slash, unencoded in the body',
        { ...baseEnv, CIRCLE_BRANCH: 'feature/x' },
        { branch: 'feature/x' },
      ],
      ['a tag build', tagEnv, { tag: 'v1.2.3' }],
    ])('triggers a pipeline for %s', (_, env, where) => {
      expect(requestOf(env, { rules: [deploy] })).toEqual({
        method: 'POST',
        path: '/api/v2/project/gh/acme/shop/pipeline',
        body: { ...where, parameters: { target_job: 'deploy', target_sha: SHA } },
      });
    });

    it('sends the job, the SHA, then the rule parameters', () => {
      const rule = { ...deploy, parameters: { DEPLOY_ENV: 'staging', replicas: 3, canary: false } };
      const request = requestOf(baseEnv, { rules: [rule] });
      expect(request).toEqual({
        method: 'POST',
        path: '/api/v2/project/gh/acme/shop/pipeline',
        body: {
          branch: 'main',
          parameters: {
            target_job: 'deploy',
            target_sha: SHA,
            DEPLOY_ENV: 'staging',
            replicas: 3,
            canary: false,
          },
        },
      });
      expect(Object.keys((request as { body: { parameters: object } }).body.parameters)).toEqual([
        'target_job',
        'target_sha',
        'DEPLOY_ENV',
        'replicas',
        'canary',
      ]);
    });

    it.each([
      [
        'custom parameter names',
        { jobParameter: 'deploy_job', shaParameter: 'deploy_sha' },
        { deploy_job: 'deploy', deploy_sha: SHA },
      ],
      [
        'no SHA parameter when shaParameter is null',
        { shaParameter: null },
        { target_job: 'deploy' },
      ],
    ])('sends %s', (_, fileKeys, parameters) => {
      const request = requestOf(baseEnv, { ...fileKeys, rules: [deploy] }) as { body: object };
      expect(request.body).toEqual({ branch: 'main', parameters });
    });

    it('sends only the SHA and the parameters for a rule without job', () => {
      const rule = { branches: ['main'], parameters: { target_job: 'deploy_all' } };
      const [action] = plan(baseEnv, { rules: [rule] });
      expect(action).toMatchObject({
        kind: 'v2',
        job: undefined,
        request: {
          body: { branch: 'main', parameters: { target_sha: SHA, target_job: 'deploy_all' } },
        },
      });
    });

    it.each([
      ['gh/acme/other', '/api/v2/project/gh/acme/other/pipeline'],
      ['github/acme/other', '/api/v2/project/gh/acme/other/pipeline'],
      ['bb/acme/other', '/api/v2/project/bb/acme/other/pipeline'],
      ['bitbucket/acme/other', '/api/v2/project/bb/acme/other/pipeline'],
    ])('triggers in the rule project %s', (project, path) => {
      expect(requestOf(baseEnv, { rules: [{ ...deploy, project }] })).toMatchObject({ path });
    });

    it('triggers in a bitbucket project when CIRCLE_REPOSITORY_URL names bitbucket.org', () => {
      const env = { ...baseEnv, CIRCLE_REPOSITORY_URL: 'git@bitbucket.org:acme/shop.git' };
      expect(requestOf(env, { rules: [deploy] })).toMatchObject({
        path: '/api/v2/project/bb/acme/shop/pipeline',
      });
    });

    it('prefers the org and repo names to the ids for the /pipeline trigger', () => {
      const env = { ...baseEnv, CIRCLE_ORGANIZATION_ID: 'org-id', CIRCLE_PROJECT_ID: 'project-id' };
      expect(requestOf(env, { rules: [deploy] })).toMatchObject({
        path: '/api/v2/project/gh/acme/shop/pipeline',
      });
    });
  });

  describe('pipeline definitions (definitionId)', () => {
    it.each([
      ['a branch build', appEnv, { branch: 'main' }],
      ['a tag build', { ...appEnv, CIRCLE_BRANCH: '', CIRCLE_TAG: 'v1.2.3' }, { tag: 'v1.2.3' }],
    ])('runs the definition in circleci/<org-id>/<project-id> for %s', (_, env, where) => {
      expect(requestOf(env, { definitionId: DEFINITION_ID, rules: [deploy] })).toEqual({
        method: 'POST',
        path: '/api/v2/project/circleci/org-id/project-id/pipeline/run',
        body: {
          definition_id: DEFINITION_ID,
          config: where,
          checkout: where,
          parameters: { target_job: 'deploy', target_sha: SHA },
        },
      });
    });

    it.each([
      ['a GitHub OAuth project (repository URL set), ids set too', baseEnv],
      ['a GitHub OAuth project without ids', { ...baseEnv, CIRCLE_ORGANIZATION_ID: undefined }],
    ])('addresses %s by its own gh/ slug: CircleCI answers 404 to the id form', (_, env) => {
      const ids = { CIRCLE_ORGANIZATION_ID: 'org-id', CIRCLE_PROJECT_ID: 'project-id' };
      const rule = { ...deploy, definitionId: DEFINITION_ID };
      expect(requestOf({ ...ids, ...env }, { rules: [rule] })).toMatchObject({
        path: '/api/v2/project/gh/acme/shop/pipeline/run',
      });
    });

    it('addresses a Bitbucket project by its bb/ slug', () => {
      const env = { ...baseEnv, CIRCLE_REPOSITORY_URL: 'git@bitbucket.org:acme/shop.git' };
      const rule = { ...deploy, definitionId: DEFINITION_ID };
      expect(requestOf(env, { rules: [rule] })).toMatchObject({
        path: '/api/v2/project/bb/acme/shop/pipeline/run',
      });
    });

    it('addresses a GitHub App project (names set, no repository URL) by its ids', () => {
      const env = { ...appEnv, CIRCLE_PROJECT_USERNAME: 'acme', CIRCLE_PROJECT_REPONAME: 'shop' };
      const rule = { ...deploy, definitionId: DEFINITION_ID };
      expect(requestOf(env, { rules: [rule] })).toMatchObject({
        path: '/api/v2/project/circleci/org-id/project-id/pipeline/run',
      });
    });

    it('runs in the rule project', () => {
      const rule = { ...deploy, definitionId: DEFINITION_ID, project: 'circleci/o2/p2' };
      expect(requestOf(baseEnv, { rules: [rule] })).toMatchObject({
        path: '/api/v2/project/circleci/o2/p2/pipeline/run',
        body: { definition_id: DEFINITION_ID },
      });
    });

    it.each([
      ['without names', appEnv],
      [
        'with names',
        { ...appEnv, CIRCLE_PROJECT_USERNAME: 'acme', CIRCLE_PROJECT_REPONAME: 'shop' },
      ],
    ])('asks for a definitionId, and where to find it, in a GitHub App project %s', (_, env) => {
      const attempt = () => plan(env, { rules: [{ ...deploy, name: 'prod' }] });
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow(
        `rule "prod": this project is a GitHub App project, which CircleCI triggers only through pipeline/run: give the rule or the rules file a "definitionId" (the pipeline's id, in the web app under Project Settings → Project Setup); if it is a GitLab project, CircleCI has no API trigger for it at all: use CircleCI's custom webhook trigger instead`,
      );
    });

    it.each([
      ['a v2 rule', deploy],
      ['a definitionId rule', { ...deploy, definitionId: DEFINITION_ID }],
      ['a v1.1 rule', { ...deploy, api: 'v1.1' }],
    ])('refuses %s of a GitLab project, naming the custom webhook trigger', (_, rule) => {
      const env = { ...baseEnv, CIRCLE_REPOSITORY_URL: 'git@gitlab.com:acme/shop.git' };
      const attempt = () => plan(env, { rules: [{ ...rule, name: 'prod' }] });
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow(
        `rule "prod": this project is a GitLab project (CIRCLE_REPOSITORY_URL is on GitLab), and CircleCI documents no API trigger for GitLab projects, so cci-conditional cannot start one: use CircleCI's custom webhook trigger instead`,
      );
    });
  });

  describe('api v1.1', () => {
    const v1 = { ...deploy, api: 'v1.1' };

    it.each([
      ['main', '/api/v1.1/project/github/acme/shop/tree/main'],
      ['feature/x', '/api/v1.1/project/github/acme/shop/tree/feature%2Fx'],
      ['fix/#12 a&b', '/api/v1.1/project/github/acme/shop/tree/fix%2F%2312%20a%26b'],
    ])('triggers the job on branch %s, URL-encoded', (branch, path) => {
      const rule = { ...v1, parameters: { DEPLOY_ENV: 'staging' } };
      expect(requestOf({ ...baseEnv, CIRCLE_BRANCH: branch }, { rules: [rule] })).toEqual({
        method: 'POST',
        path,
        body: { revision: SHA, build_parameters: { CIRCLE_JOB: 'deploy', DEPLOY_ENV: 'staging' } },
      });
    });

    it('triggers the job on a tag with the tag and no revision', () => {
      expect(requestOf(tagEnv, { rules: [v1] })).toEqual({
        method: 'POST',
        path: '/api/v1.1/project/github/acme/shop',
        body: { tag: 'v1.2.3', build_parameters: { CIRCLE_JOB: 'deploy' } },
      });
    });

    it.each([
      [
        'a bitbucket repository URL',
        { CIRCLE_REPOSITORY_URL: 'https://bitbucket.org/acme/shop' },
        {},
        '/api/v1.1/project/bitbucket/acme/shop/tree/main',
      ],
      [
        'a bb/ rule project',
        {},
        { project: 'bb/acme/other' },
        '/api/v1.1/project/bitbucket/acme/other/tree/main',
      ],
      [
        'a github/ rule project',
        {},
        { project: 'github/acme/other' },
        '/api/v1.1/project/github/acme/other/tree/main',
      ],
      [
        'ids beside the names',
        { CIRCLE_ORGANIZATION_ID: 'o', CIRCLE_PROJECT_ID: 'p' },
        {},
        '/api/v1.1/project/github/acme/shop/tree/main',
      ],
    ])('triggers in the right project with %s', (_, env, keys, path) => {
      expect(requestOf({ ...baseEnv, ...env }, { rules: [{ ...v1, ...keys }] })).toMatchObject({
        path,
      });
    });

    it('takes the file api', () => {
      const [action] = plan(baseEnv, { api: 'v1.1', rules: [deploy] });
      expect(action).toMatchObject({
        kind: 'v1.1',
        job: 'deploy',
        project: { provider: 'gh', org: 'acme', repo: 'shop' },
      });
    });
  });

  describe('approve', () => {
    it('approves the job in this workflow', () => {
      const [action] = plan(baseEnv, { rules: [{ branches: ['main'], approve: 'hold-prod' }] });
      expect(action).toMatchObject({
        kind: 'approve',
        approvalJob: 'hold-prod',
        workflowId: '6f1d2c3b-0000-4000-8000-000000000001',
        sha: SHA,
      });
    });

    it('needs CIRCLE_WORKFLOW_ID', () => {
      const rules = { rules: [{ name: 'gate', branches: ['main'], approve: 'hold-prod' }] };
      const attempt = () => plan({ ...baseEnv, CIRCLE_WORKFLOW_ID: '' }, rules);
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow('rule "gate" approves "hold-prod" but CIRCLE_WORKFLOW_ID is not set');
    });
  });

  describe('missing input', () => {
    it.each([
      ['v2', deploy],
      ['v1.1', { ...deploy, api: 'v1.1' }],
      ['approve', { branches: ['main'], approve: 'hold' }],
    ])('needs CIRCLE_SHA1 for a %s rule', (_, rule) => {
      const attempt = () => plan({ ...baseEnv, CIRCLE_SHA1: '' }, { rules: [rule] });
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow('CIRCLE_SHA1 is not set: cannot tell which commit to deploy');
    });

    it.each([
      ['v2', deploy, {}],
      ['v2 pipeline-definition', { ...deploy, definitionId: DEFINITION_ID }, {}],
      ['v1.1 branch', { ...deploy, api: 'v1.1' }, {}],
    ])('refuses a CIRCLE_SHA1 that is no SHA for a %s rule, which sends it', (_, rule, file) => {
      for (const sha of ['not-a-sha', SHA.slice(1), `${SHA}0`, `${SHA.slice(1)}g`, ` ${SHA}`]) {
        const attempt = () => plan({ ...baseEnv, CIRCLE_SHA1: sha }, { ...file, rules: [rule] });
        expect(attempt).toThrow(UsageError);
        expect(attempt).toThrow(
          `CIRCLE_SHA1=${JSON.stringify(sha)} is not a commit SHA (40 hex digits): it would be sent as the commit to deploy`,
        );
      }
    });

    it.each([
      ['a v2 rule with shaParameter null', { shaParameter: null, rules: [deploy] }, baseEnv],
      ['a v1.1 tag rule', { rules: [{ ...deploy, api: 'v1.1' }] }, tagEnv],
      ['an approve rule', { rules: [{ branches: ['main'], approve: 'hold' }] }, baseEnv],
    ])('lets %s through, which sends no SHA', (_, file, env) => {
      const actions = plan({ ...env, CIRCLE_SHA1: 'not-a-sha' }, file);
      expect(actions).toHaveLength(1);
    });

    it('takes a SHA in capitals', () => {
      const actions = plan({ ...baseEnv, CIRCLE_SHA1: SHA.toUpperCase() }, { rules: [deploy] });
      expect(actions[0]?.sha).toBe(SHA.toUpperCase());
    });

    it.each([
      [
        'v2',
        'both names',
        { CIRCLE_PROJECT_USERNAME: '', CIRCLE_PROJECT_REPONAME: '' },
        'CIRCLE_PROJECT_USERNAME and CIRCLE_PROJECT_REPONAME are not set',
      ],
      [
        'v2',
        'the org',
        { CIRCLE_PROJECT_USERNAME: undefined },
        'CIRCLE_PROJECT_USERNAME is not set',
      ],
      ['v1.1', 'the repo', { CIRCLE_PROJECT_REPONAME: '' }, 'CIRCLE_PROJECT_REPONAME is not set'],
      [
        'v1.1',
        'the names, even with ids',
        { ...appEnv },
        'CIRCLE_PROJECT_USERNAME and CIRCLE_PROJECT_REPONAME are not set',
      ],
    ])('for a %s rule names %s when the project is unknown', (api, _, env, missing) => {
      const attempt = () => plan({ ...baseEnv, ...env }, { rules: [{ ...deploy, api }] });
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow(
        `${missing}: cannot tell which project to trigger (or give the rule a "project")`,
      );
    });

    it('needs no project variables when the rule names its project', () => {
      const env = { ...baseEnv, CIRCLE_PROJECT_USERNAME: '', CIRCLE_PROJECT_REPONAME: '' };
      expect(requestOf(env, { rules: [{ ...deploy, project: 'gh/acme/other' }] })).toMatchObject({
        path: '/api/v2/project/gh/acme/other/pipeline',
      });
    });

    it('plans nothing when one of several fired rules lacks its input', () => {
      const rules = {
        match: 'all',
        rules: [deploy, { branches: ['main'], approve: 'hold' }],
      };
      expect(() => plan({ ...baseEnv, CIRCLE_WORKFLOW_ID: undefined }, rules)).toThrow(
        'rule "rules[1]" approves "hold" but CIRCLE_WORKFLOW_ID is not set',
      );
    });
  });

  it('plans one action per fired rule, in file order, with match "all"', () => {
    const rules = {
      match: 'all',
      rules: [
        { name: 'a', branches: ['main'], job: 'deploy_a' },
        { name: 'b', branches: ['main'], job: 'deploy_b', api: 'v1.1' },
      ],
    };
    expect(plan(baseEnv, rules).map((action) => [action.rule.name, action.kind])).toEqual([
      ['a', 'v2'],
      ['b', 'v1.1'],
    ]);
  });
});
