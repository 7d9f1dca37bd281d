/**
 * The signs that recognise an earlier trigger (contract Amendment 1), on the shapes CircleCI
 * really returns (circleci-notes.md, "What CircleCI answers"): no echoed parameters, namespaced
 * git context and no `vcs` on `circleci/` pipelines, shallow v1.1 summaries.
 */
import { describe, expect, it } from 'vitest';
import {
  type BuildSummary,
  buildShows,
  jobOfBuild,
  type PipelineSummary,
  pipelineShows,
  type Signs,
} from '../../src/core/trigger-signs.js';

const SHA = 'a'.repeat(40);
const AT = Date.parse('2026-11-29T12:00:00Z');
const signs: Signs = { login: 'deploy-bot', ref: { kind: 'branch', name: 'main' }, sha: SHA };

const pipeline: PipelineSummary = {
  id: '5034460f-c7c4-4c43-9457-de07e2029e7b',
  number: 7,
  created_at: '2026-11-29T12:00:30Z',
  trigger: { type: 'api', actor: { login: 'deploy-bot' } },
  vcs: { branch: 'main', revision: SHA },
};
const definitionRun: PipelineSummary = {
  id: '6e0bb4f5-6d0e-4c59-9f8b-3c0b38f7c1e9',
  number: 8,
  created_at: '2026-11-29T12:00:30Z',
  trigger: { type: 'api', actor: { login: 'deploy-bot' } },
  trigger_parameters: { git: { branch: 'main', checkout_sha: SHA } },
};

describe('pipelineShows', () => {
  it.each<[string, PipelineSummary, Signs, boolean]>([
    ['recognises an API pipeline of the user, branch and commit', pipeline, signs, true],
    [
      'recognises a pipeline-definition run without vcs, by its git context',
      definitionRun,
      signs,
      true,
    ],
    [
      'does not recognise a push',
      { ...pipeline, trigger: { type: 'webhook', actor: { login: 'deploy-bot' } } },
      signs,
      false,
    ],
    [
      'does not recognise another user',
      { ...pipeline, trigger: { type: 'api', actor: { login: 'x' } } },
      signs,
      false,
    ],
    ['does not recognise no actor', { ...pipeline, trigger: { type: 'api' } }, signs, false],
    [
      'does not recognise another branch',
      { ...pipeline, vcs: { branch: 'dev', revision: SHA } },
      signs,
      false,
    ],
    [
      'does not recognise a tag pipeline of that name',
      { ...pipeline, vcs: { branch: 'main', tag: 'main', revision: SHA } },
      signs,
      false,
    ],
    [
      'does not recognise another commit',
      { ...pipeline, vcs: { branch: 'main', revision: 'b'.repeat(40) } },
      signs,
      false,
    ],
    [
      'recognises any commit when none is asked',
      { ...pipeline, vcs: { branch: 'main' } },
      { ...signs, sha: undefined },
      true,
    ],
    ['recognises created after the attempt began', pipeline, { ...signs, since: AT }, true],
    ['does not recognise created before it', pipeline, { ...signs, since: AT + 60_000 }, false],
    [
      'does not recognise an unreadable time, when a time is asked',
      { ...pipeline, created_at: 'soon' },
      { ...signs, since: AT },
      false,
    ],
    [
      'recognises a tag',
      { ...pipeline, vcs: { tag: 'v1', revision: SHA } },
      { ...signs, ref: { kind: 'tag', name: 'v1' } },
      true,
    ],
  ])('%s', (_case, candidate, wanted, expected) => {
    expect(pipelineShows(candidate, wanted)).toBe(expected);
  });
});

const build: BuildSummary = {
  build_num: 100,
  build_url: 'https://circleci.com/gh/acme/app/100',
  branch: 'main',
  vcs_revision: SHA,
  vcs_tag: null,
  why: 'api',
  user: { login: 'deploy-bot' },
  usage_queued_at: '2026-11-29T12:00:30Z',
};

describe('buildShows', () => {
  it.each<[string, BuildSummary, Signs, boolean]>([
    ['recognises an API build of the user, branch and commit', build, signs, true],
    ['does not recognise a push', { ...build, why: 'github' }, signs, false],
    ['does not recognise another user', { ...build, user: { login: 'x' } }, signs, false],
    ['does not recognise another commit', { ...build, vcs_revision: 'b'.repeat(40) }, signs, false],
    ['recognises queued after the attempt began', build, { ...signs, since: AT }, true],
    ['does not recognise queued before it', build, { ...signs, since: AT + 60_000 }, false],
    [
      'recognises queued_at when usage_queued_at is missing',
      { ...build, usage_queued_at: null, queued_at: '2026-11-29T12:00:30Z' },
      { ...signs, since: AT },
      true,
    ],
  ])('%s', (_case, candidate, wanted, expected) => {
    expect(buildShows(candidate, wanted)).toBe(expected);
  });
});

describe('jobOfBuild', () => {
  it.each<[string, BuildSummary, string | undefined]>([
    [
      'build_parameters.CIRCLE_JOB',
      { ...build, build_parameters: { CIRCLE_JOB: 'deploy' } },
      'deploy',
    ],
    ['job_name', { ...build, job_name: 'deploy' }, 'deploy'],
    ['nothing in a shallow summary', build, undefined],
  ])('reads %s', (_case, candidate, expected) => {
    expect(jobOfBuild(candidate)).toBe(expected);
  });
});
