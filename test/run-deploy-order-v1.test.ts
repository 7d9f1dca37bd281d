/**
 * Deploy order on API v1.1: an older commit of a branch is not deployed once a push of a newer
 * commit has a build queued after the running one ($CIRCLE_BUILD_NUM). Builds as v1.1 lists
 * them, newest first, without `shallow`: `why` (`github`, `bitbucket` for pushes; `api`),
 * `usage_queued_at`, `vcs_revision`, branch names URL-encoded (ARCHITECTURE.md, "What CircleCI answers"); a
 * summary may leave out `why` or `usage_queued_at`.
 */
import { describe, expect, it } from 'vitest';
import type { Build, FakeOptions } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import { baseEnv, cliWith, OTHER_SHA, posts, runWith, SHA } from './helpers/run-harness.js';

const v1Rules = {
  api: 'v1.1',
  rules: [{ name: 'review', branches: ['release/*'], job: 'deploy_review' }],
};
const env = { CIRCLE_BRANCH: 'release/1.0', CIRCLE_BUILD_NUM: '41' };
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const fake = useFakeStartedInTest();
async function start(options: FakeOptions = {}) {
  await fake.start(options);
}

/** A push build of `release/1.0`; the running one is build 41 of SHA, queued 5 minutes ago. */
function pushBuild(fields: Partial<Build>) {
  return fake.addBuild({
    branch: 'release/1.0',
    why: 'github',
    user: { login: 'a-developer' },
    lifecycle: 'running',
    ...fields,
  });
}
function history() {
  pushBuild({ build_num: 30, vcs_revision: 'a'.repeat(40), usage_queued_at: minutesAgo(10) });
  pushBuild({ build_num: 41, vcs_revision: SHA, usage_queued_at: minutesAgo(5) });
}

describe('a branch rule on API v1.1', () => {
  it('does not deploy an older commit once a newer commit was pushed: one line, exit 0', async () => {
    await start();
    history();
    const newer = pushBuild({
      build_num: 45,
      vcs_revision: OTHER_SHA,
      usage_queued_at: minutesAgo(1),
    });
    const { code, stdout, stderr } = await cliWith(
      ['--host', fake.url, '--json'],
      { ...baseEnv, ...env },
      v1Rules,
    );
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(0);
    const line = `superseded: release/1.0 is at fedcba9 (build 45) since ${newer.usage_queued_at}; not deploying 0123456 over it`;
    expect(stderr.split('\n').filter((l) => l.includes('superseded'))).toEqual([line]);
    expect(JSON.parse(stdout)).toMatchObject({ decision: 'skipped', reason: 'superseded' });
  });

  it.each<[string, Partial<Build>]>([
    ['the same commit pushed again', { vcs_revision: SHA }],
    ['a push to another branch', { branch: 'release/2.0' }],
    ['a tag build', { branch: null, vcs_tag: 'v2.0.0' }],
    ['an API build (another deploy)', { why: 'api' }],
    ['a rebuild', { why: 'retry' }],
    ['a push queued before this build', { usage_queued_at: minutesAgo(7) }],
  ])('deploys as before after %s', async (_, fields) => {
    await start();
    history();
    pushBuild({
      build_num: 45,
      vcs_revision: OTHER_SHA,
      usage_queued_at: minutesAgo(1),
      ...fields,
    });
    const { result } = await runWith(fake, v1Rules, { env });
    expect(result.decision).toBe('triggered');
    expect(posts(fake)).toHaveLength(1);
  });

  it('reads a build whose summary lacks why or usage_queued_at', async () => {
    await start({ v11ListsLeaveOut: ['why', 'usage_queued_at'] });
    history();
    pushBuild({ build_num: 45, vcs_revision: OTHER_SHA, usage_queued_at: minutesAgo(1) });
    const { result } = await runWith(fake, v1Rules, { env });
    expect(result).toMatchObject({ decision: 'skipped', reason: 'superseded' });
    expect(fake.requests.map((r) => `${r.method} ${r.decodedPath}`)).toEqual([
      'GET /api/v1.1/project/github/acme/app/41',
      'GET /api/v1.1/project/github/acme/app/tree/release/1.0',
      'GET /api/v1.1/project/github/acme/app/45',
    ]);
  });

  it('deploys with --allow-superseded', async () => {
    await start();
    history();
    pushBuild({ build_num: 45, vcs_revision: OTHER_SHA, usage_queued_at: minutesAgo(1) });
    const { result } = await runWith(fake, v1Rules, { env, options: { allowSuperseded: true } });
    expect(result.decision).toBe('triggered');
    expect(fake.requests.map((r) => r.method)).toEqual(['POST']);
  });

  it('is a warning, and the rule deploys, when this build cannot be read', async () => {
    await start();
    const { result, log } = await runWith(fake, v1Rules, { env });
    expect(result.decision).toBe('triggered');
    expect(log).toContain(
      'warning: deploy order: cannot tell whether release/1.0 moved on to a newer commit (this build 41 could not be read (GET /api/v1.1/project/github/acme/app/41: HTTP 404 "Build not found"',
    );
  });
});
