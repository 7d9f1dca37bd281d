/**
 * Judging a listed pipeline or build against the signs of a trigger, on the shapes CircleCI
 * really returns (ARCHITECTURE.md, "What CircleCI answers"):
 * no echoed parameters, namespaced git context and maybe no `vcs` on `circleci/` pipelines, an
 * open set of trigger types, v1.1 summaries without `user` or with URL-encoded branch names.
 */
import { describe, expect, it } from 'vitest';
import { type Judgement, judgeBuild, judgePipeline } from '../../src/core/judge-signs.js';
import type { BuildSummary, PipelineSummary, Signs } from '../../src/core/trigger-signs.js';

const SHA = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);
const AT = Date.parse('2026-12-03T12:00:00Z');
const signs: Signs = { login: 'deploy-bot', ref: { kind: 'branch', name: 'main' }, sha: SHA };
const ours: Judgement = { verdict: 'ours' };
const notOurs: Judgement = { verdict: 'not-ours' };
const lacking = (why: string): Judgement => ({
  verdict: 'cannot-tell',
  why: `is listed without ${why}`,
});

const pipeline: PipelineSummary = {
  id: '5034460f-c7c4-4c43-9457-de07e2029e7b',
  number: 7,
  created_at: '2026-12-03T12:00:30Z',
  trigger: { type: 'api', actor: { login: 'deploy-bot' } },
  vcs: { branch: 'main', revision: SHA },
};
const definitionRun: PipelineSummary = {
  ...pipeline,
  vcs: undefined,
  trigger_parameters: { git: { branch: 'main', checkout_sha: SHA } },
};
const api = (login = 'deploy-bot') => ({ type: 'api', actor: { login } });

describe('judgePipeline', () => {
  it.each<[string, PipelineSummary, Signs, Judgement]>([
    ['an API pipeline of the user, branch and commit', pipeline, signs, ours],
    ['a definition run without vcs, by its git context', definitionRun, signs, ours],
    [
      'branch from vcs and commit from the git context, field by field',
      { ...pipeline, vcs: { branch: 'main' }, trigger_parameters: { git: { checkout_sha: SHA } } },
      signs,
      ours,
    ],
    ['a push', { ...pipeline, trigger: { type: 'webhook', actor: null } }, signs, notOurs],
    ['a schedule', { ...pipeline, trigger: { type: 'scheduled_pipeline' } }, signs, notOurs],
    ['a GitHub App push', { ...pipeline, trigger: { type: 'github_app' } }, signs, notOurs],
    ['a GitLab push', { ...pipeline, trigger: { type: 'gitlab' } }, signs, notOurs],
    ['another user', { ...pipeline, trigger: api('someone') }, signs, notOurs],
    ['another branch', { ...pipeline, vcs: { branch: 'dev', revision: SHA } }, signs, notOurs],
    [
      'a tag pipeline of that name',
      { ...pipeline, vcs: { branch: 'main', tag: 'main', revision: SHA } },
      signs,
      notOurs,
    ],
    ['another commit', { ...pipeline, vcs: { branch: 'main', revision: OTHER } }, signs, notOurs],
    [
      'any commit when none is asked',
      { ...pipeline, vcs: { branch: 'main' } },
      { ...signs, sha: undefined },
      ours,
    ],
    ['a pipeline created since', pipeline, { ...signs, since: AT }, ours],
    ['a pipeline created before', pipeline, { ...signs, since: AT + 60_000 }, notOurs],
    [
      'a tag by its tag',
      { ...pipeline, vcs: { tag: 'v1', revision: SHA } },
      { ...signs, ref: { kind: 'tag', name: 'v1' } },
      ours,
    ],
    [
      'a branch pipeline for a tag',
      pipeline,
      { ...signs, ref: { kind: 'tag', name: 'v1' } },
      notOurs,
    ],
    [
      'no trigger at all',
      { ...pipeline, trigger: undefined },
      signs,
      lacking('trigger.type, trigger.actor.login'),
    ],
    ['no actor', { ...pipeline, trigger: { type: 'api' } }, signs, lacking('trigger.actor.login')],
    [
      'no branch nor tag',
      { ...pipeline, vcs: { revision: SHA } },
      signs,
      lacking('a branch or tag'),
    ],
    ['no commit', { ...pipeline, vcs: { branch: 'main' } }, signs, lacking('a commit')],
    [
      'no time when one is asked',
      { ...pipeline, created_at: undefined },
      { ...signs, since: AT },
      lacking('created_at'),
    ],
    [
      'a missing sign, when another one rules it out',
      { ...pipeline, trigger: { type: 'api' }, vcs: { branch: 'dev' } },
      signs,
      notOurs,
    ],
    [
      'a pipeline older than the window, though its type is missing',
      { ...pipeline, trigger: undefined, created_at: '2026-12-03T11:00:00Z' },
      { ...signs, since: AT },
      notOurs,
    ],
  ])('%s', (_, listed, asked, judgement) => {
    expect(judgePipeline(listed, asked)).toEqual(judgement);
  });

  it.each(['explicit', 'trigger', 'unknown_new_kind'])(
    'cannot tell a pipeline of type %s that shows every other sign',
    (type) => {
      expect(
        judgePipeline({ ...pipeline, trigger: { type, actor: { login: 'deploy-bot' } } }, signs),
      ).toEqual({
        verdict: 'cannot-tell',
        why: `has trigger type "${type}", which cci-conditional knows neither as an API trigger nor as a push or schedule`,
        type,
      });
    },
  );

  it("rules out an unknown type of another user's", () => {
    expect(
      judgePipeline({ ...pipeline, trigger: { type: 'explicit', actor: { login: 'x' } } }, signs),
    ).toEqual(notOurs);
  });
});

const build: BuildSummary = {
  build_num: 100,
  build_url: 'https://circleci.com/gh/acme/app/100',
  branch: 'release%2F1.0',
  vcs_revision: SHA,
  vcs_tag: null,
  why: 'api',
  user: { login: 'deploy-bot' },
  usage_queued_at: '2026-12-03T12:00:30Z',
};
const release: Signs = { ...signs, ref: { kind: 'branch', name: 'release/1.0' } };
const readBuild = (why: string): Judgement => ({ ...lacking(why), readBuild: true }) as Judgement;

describe('judgeBuild', () => {
  it.each<[string, BuildSummary, Signs, Judgement]>([
    ['an API build of the user, with its branch URL-encoded', build, release, ours],
    ['the same, decoded', { ...build, branch: 'release/1.0' }, release, ours],
    ['a push', { ...build, why: 'github' }, release, notOurs],
    ['a Bitbucket push', { ...build, why: 'bitbucket' }, release, notOurs],
    ['another user', { ...build, user: { login: 'x' } }, release, notOurs],
    ['another branch', build, signs, notOurs],
    ['another commit', { ...build, vcs_revision: OTHER }, release, notOurs],
    ['queued since', build, { ...release, since: AT }, ours],
    ['queued before', build, { ...release, since: AT + 60_000 }, notOurs],
    [
      'queued_at when usage_queued_at is missing',
      { ...build, usage_queued_at: undefined, queued_at: '2026-12-03T11:00:00Z' },
      { ...release, since: AT },
      notOurs,
    ],
    [
      'a tag build by vcs_tag',
      { ...build, branch: null, vcs_tag: 'v1' },
      { ...signs, ref: { kind: 'tag', name: 'v1' } },
      ours,
    ],
    [
      'a summary without user (shallow): read the build',
      { ...build, user: undefined },
      release,
      readBuild('user.login'),
    ],
    [
      'a shallow summary of a tag build: no vcs_tag nor branch',
      { ...build, branch: undefined, vcs_tag: undefined },
      { ...signs, ref: { kind: 'tag', name: 'v1' } },
      readBuild('branch or vcs_tag'),
    ],
    [
      'a branch build, for a tag, though its vcs_tag is not listed',
      { ...build, vcs_tag: undefined },
      { ...signs, ref: { kind: 'tag', name: 'v1' } },
      notOurs,
    ],
    [
      'no time when one is asked',
      { ...build, usage_queued_at: undefined },
      { ...release, since: AT },
      readBuild('usage_queued_at'),
    ],
  ])('%s', (_, listed, asked, judgement) => {
    expect(judgeBuild(listed, asked)).toEqual(judgement);
  });

  it('cannot tell a build whose why is neither api nor a push ("edit" in the docs\' sample)', () => {
    expect(judgeBuild({ ...build, why: 'edit' }, release)).toMatchObject({
      verdict: 'cannot-tell',
      type: 'edit',
    });
  });
});
