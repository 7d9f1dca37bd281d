/**
 * The signs that recognise an earlier trigger (contract Amendment 1), on the shapes CircleCI
 * really returns (circleci-notes.md, "What CircleCI answers"): no echoed parameters, namespaced
 * git context and no `vcs` on `circleci/` pipelines, shallow v1.1 summaries.
 */
import { describe, expect, it } from 'vitest';
import {
  type BuildSummary,
  buildLacks,
  buildShows,
  jobOfBuild,
  type PipelineSummary,
  pipelineLacks,
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

describe('pipelineLacks', () => {
  const timed = { ...signs, since: AT };
  it.each<[string, PipelineSummary, Signs, string | undefined]>([
    ['nothing, on a full API pipeline', pipeline, timed, undefined],
    ['nothing, on a pipeline-definition run', definitionRun, timed, undefined],
    [
      'nothing, on a push without actor',
      { ...pipeline, trigger: { type: 'webhook' } },
      timed,
      undefined,
    ],
    [
      'nothing, on another user',
      { ...pipeline, trigger: { type: 'api', actor: { login: 'x' } } },
      timed,
      undefined,
    ],
    [
      'nothing, on another branch without time',
      { ...pipeline, created_at: undefined, vcs: { branch: 'dev' } },
      timed,
      undefined,
    ],
    ['the kind, without trigger', { ...pipeline, trigger: undefined }, timed, 'trigger.type'],
    [
      'who, on an API pipeline without actor',
      { ...pipeline, trigger: { type: 'api', actor: null } },
      timed,
      'trigger.actor.login',
    ],
    [
      'where, without vcs nor git context',
      { ...pipeline, vcs: undefined },
      timed,
      'a branch or tag',
    ],
    [
      'which commit, when one is asked',
      { ...pipeline, vcs: { branch: 'main' } },
      timed,
      'a commit',
    ],
    [
      'nothing of the commit when none is asked',
      { ...pipeline, vcs: { branch: 'main' } },
      { ...timed, sha: undefined },
      undefined,
    ],
    ['when, when a time is asked', { ...pipeline, created_at: 'soon' }, timed, 'created_at'],
    [
      'nothing of the time when none is asked',
      { ...pipeline, created_at: 'soon' },
      signs,
      undefined,
    ],
  ])('names %s', (_case, candidate, wanted, expected) => {
    expect(pipelineLacks(candidate, wanted)).toBe(expected);
  });
});

describe('buildLacks', () => {
  const timed = { ...signs, since: AT };
  it.each<[string, BuildSummary, Signs, string | undefined]>([
    ['nothing, on a full API build', build, timed, undefined],
    ['nothing, on a push without user', { ...build, why: 'github', user: null }, timed, undefined],
    ['how, without why', { ...build, why: null }, timed, 'why'],
    ['who, on an API build without user', { ...build, user: null }, timed, 'user.login'],
    ['where, without branch nor tag', { ...build, branch: null }, timed, 'branch or vcs_tag'],
    ['which commit, when one is asked', { ...build, vcs_revision: null }, timed, 'vcs_revision'],
    ['when, when a time is asked', { ...build, usage_queued_at: null }, timed, 'usage_queued_at'],
  ])('names %s', (_case, candidate, wanted, expected) => {
    expect(buildLacks(candidate, wanted)).toBe(expected);
  });
});
