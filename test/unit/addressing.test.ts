/**
 * How a project is addressed, from the job's environment and from CircleCI's answers: classic
 * projects by their own slug, GitHub App ones by ids with a definitionId, GitLab ones not at all
 * (ARCHITECTURE.md, "What CircleCI answers").
 */
import { describe, expect, it } from 'vitest';
import {
  addressingProblems,
  type BuildProjectKind,
  gitlabSignOfPipeline,
  gitlabSignOfProject,
  kindOfBuild,
} from '../../src/core/addressing.js';
import { type Env, readContext } from '../../src/core/read-context.js';
import type { PipelineSummary } from '../../src/core/trigger-signs.js';
import { baseEnv, rulesOf } from './fixtures.js';

const ids = { CIRCLE_ORGANIZATION_ID: 'org-id', CIRCLE_PROJECT_ID: 'project-id' };
const app = { ...baseEnv, ...ids, CIRCLE_REPOSITORY_URL: undefined };
const DEFINITION = '7f3c9a10-5b2e-4c1d-9e8f-0a1b2c3d4e5f';

describe('kindOfBuild', () => {
  it.each<[string, Env, BuildProjectKind]>([
    ['GitHub OAuth: a repository URL', { ...baseEnv, ...ids }, 'classic'],
    [
      'Bitbucket',
      { ...baseEnv, CIRCLE_REPOSITORY_URL: 'https://bitbucket.org/acme/shop' },
      'classic',
    ],
    ['GitHub App: ids, no repository URL', app, 'by-ids'],
    [
      'GitLab by its repository URL',
      { ...app, CIRCLE_REPOSITORY_URL: 'https://gitlab.com/acme/shop' },
      'gitlab',
    ],
    ['names only (outside CircleCI)', { ...baseEnv, CIRCLE_REPOSITORY_URL: undefined }, 'unknown'],
  ])('%s', (_, env, kind) => {
    expect(kindOfBuild(readContext(env))).toBe(kind);
  });
});

describe('addressingProblems', () => {
  const rules = (file: object) => rulesOf(file);
  const deploy = { name: 'prod', branches: ['main'], job: 'deploy' };

  it.each<[string, Env, object, number]>([
    ['a v2 rule without definitionId in a GitHub App project', app, { rules: [deploy] }, 1],
    ['with a definitionId of the file', app, { definitionId: DEFINITION, rules: [deploy] }, 0],
    ['a v1.1 rule there (CircleCI answers for itself)', app, { api: 'v1.1', rules: [deploy] }, 0],
    ['an approve rule there', app, { rules: [{ branches: ['main'], approve: 'hold' }] }, 0],
    ['a rule of another project', app, { rules: [{ ...deploy, project: 'gh/acme/other' }] }, 0],
    ['a classic project', { ...baseEnv, ...ids }, { rules: [deploy] }, 0],
    [
      'every trigger rule of a GitLab project',
      { ...app, CIRCLE_REPOSITORY_URL: 'git@gitlab.com:a/b.git' },
      {
        rules: [
          { ...deploy, definitionId: DEFINITION },
          { ...deploy, api: 'v1.1' },
        ],
      },
      2,
    ],
  ])('%s: %i problem(s)', (_, env, file, count) => {
    expect(addressingProblems(rules(file), readContext(env))).toHaveLength(count);
  });
});

describe('GitLab, as answers show it', () => {
  it.each<[string, PipelineSummary, string | undefined]>([
    [
      'a gitlab trigger',
      { id: 'p', trigger: { type: 'gitlab' } },
      'its pipeline was started by a gitlab trigger',
    ],
    [
      'circleci.trigger_type gitlab',
      {
        id: 'p',
        trigger: { type: 'api' },
        trigger_parameters: { circleci: { trigger_type: 'gitlab' } },
      },
      "its pipeline's trigger_parameters name GitLab",
    ],
    [
      'a gitlab namespace',
      { id: 'p', trigger_parameters: { gitlab: { type: 'push' } } },
      "its pipeline's trigger_parameters name GitLab",
    ],
    [
      'a GitHub App push',
      { id: 'p', trigger: { type: 'github_app' }, trigger_parameters: { github_app: {} } },
      undefined,
    ],
  ])('from a pipeline: %s', (_, pipeline, sign) => {
    expect(gitlabSignOfPipeline(pipeline)).toBe(sign);
  });

  it.each<[string, unknown, string | undefined]>([
    [
      'provider GitLab',
      { vcs_info: { provider: 'GitLab', vcs_url: 'https://x' } },
      'CircleCI names its provider "GitLab"',
    ],
    [
      'a repository on gitlab.com',
      { vcs_info: { provider: 'CircleCI', vcs_url: 'https://gitlab.com/a/b' } },
      'its repository is on GitLab',
    ],
    [
      'a GitHub App project',
      { vcs_info: { provider: 'CircleCI', vcs_url: 'https://github.com/a/b' } },
      undefined,
    ],
    ['an answer without vcs_info', null, undefined],
  ])('from the project: %s', (_, project, sign) => {
    expect(gitlabSignOfProject(project)).toBe(sign);
  });
});
