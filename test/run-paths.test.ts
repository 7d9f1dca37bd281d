/**
 * Runs with rules that have `paths`, against the fake CircleCI in a real checkout: what is read
 * (only for rules whose branch matches; the pages shared with deploy order, the loop guard and
 * --once, none twice; one git diff per base), a v2 read-back at another commit (the branch moved
 * on: v2 runs the branch head, ARCHITECTURE.md, "What CircleCI answers") failing the rule, and `match: first`
 * going on past a rule skipped for its paths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeStartedInTest } from './helpers/fake.js';
import { type GitLab, gitLab } from './helpers/git-repo.js';
import { baseEnv, cliWith, posts, runWith } from './helpers/run-harness.js';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const api = { name: 'api', branches: ['main'], paths: ['api/**'], job: 'deploy_api' };
const web = { name: 'web', branches: ['main'], paths: ['web/**'], job: 'deploy_web' };
const all = { name: 'all', branches: ['main'], job: 'deploy_all' };

let lab: GitLab;
const at = { a: '', b: '' };
beforeAll(() => {
  lab = gitLab();
  at.a = lab.commit({ 'api/a.ts': '1', 'web/a.ts': '1' });
  at.b = lab.commit({ 'web/a.ts': '2' });
});
afterAll(() => lab.remove());

const fake = useFakeStartedInTest();

/** The fake with successful deploys of `jobs` at commit a, 30 minutes ago. */
async function deployedAtA(jobs: string[], options = {}) {
  await fake.start({ heads: { main: at.b }, pipelineSetupReads: 0, ...options });
  for (const job of jobs) {
    const pipeline = fake.addPipeline({
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: at.a },
      created_at: minutesAgo(30),
    });
    fake.addWorkflow({
      pipelineId: pipeline.id,
      name: job,
      status: 'success',
      jobs: [{ name: job, type: 'build', status: 'success' }],
    });
  }
}

const run = (rules: unknown, options = {}, env: Record<string, string> = {}) =>
  runWith(fake, rules, {
    env: { ...lab.env, CIRCLE_SHA1: at.b, ...env },
    options: { repoDir: lab.work, allowSuperseded: true, ...options },
  });

describe('a run with rules that have paths', () => {
  it('reads nothing from CircleCI, and runs no git, when their branch does not match', async () => {
    await deployedAtA([]);
    const trace = join(lab.root, 'trace-no-match');
    const { result } = await run({ rules: [api] }, {}, { CIRCLE_BRANCH: 'dev', GIT_TRACE: trace });
    expect(result).toMatchObject({ decision: 'skipped', skip: 'no-match' });
    expect(fake.requests).toEqual([]);
    expect(() => readFileSync(trace)).toThrow(/ENOENT/);
  });

  it('diffs once for two rules of one base, reading each page once with deploy order and --once', async () => {
    await deployedAtA(['deploy_api', 'deploy_web'], { pageSize: 2 });
    for (let i = 0; i < 5; i++)
      fake.addPipeline({
        trigger: { type: 'webhook' },
        vcs: { branch: 'main', revision: at.b },
        created_at: minutesAgo(20 - i),
      });
    const running = fake.pipelines.at(-1)?.id ?? '';
    const trace = join(lab.root, 'trace-shared');
    const { result } = await run(
      { match: 'all', rules: [api, web] },
      { allowSuperseded: false, once: true },
      { CIRCLE_PIPELINE_ID: running, GIT_TRACE: trace },
    );
    expect(result.triggers.map((t) => [t.rule, t.status])).toEqual([
      ['api', 'skipped'],
      ['web', 'triggered'],
    ]);
    const diffs = readFileSync(trace, 'utf8').match(/built-in: git diff /g) ?? [];
    expect(diffs).toHaveLength(1);
    const reads = new Map<string, number>();
    for (const { method, rawUrl } of fake.requests)
      if (method === 'GET' && !rawUrl.includes(result.triggers[1]?.pipeline?.id ?? '-'))
        reads.set(rawUrl, (reads.get(rawUrl) ?? 0) + 1);
    expect([...reads.keys()].filter((url) => url.includes('branch=main')).length).toBeGreaterThan(
      3,
    );
    expect([...reads].filter(([, count]) => count > 1)).toEqual([]);
  });

  it('refuses a CIRCLE_SHA1 that is not a commit SHA even when no parameter sends it', async () => {
    await deployedAtA([]);
    const rules = { shaParameter: null, rules: [api] };
    await expect(run(rules, {}, { CIRCLE_SHA1: '--output=/tmp/x' })).rejects.toThrow(
      'CIRCLE_SHA1="--output=/tmp/x" is not a commit SHA (40 hex digits): rule "api" has paths, which compare it with git',
    );
    expect(fake.requests).toEqual([]);
  });

  it('with --paths-base reads no deploy', async () => {
    await deployedAtA(['deploy_api']);
    const { result } = await run(
      { rules: [web] },
      { pathsBase: { sha: at.a, origin: '--paths-base' } },
    );
    expect(result.triggers[0]).toMatchObject({ status: 'triggered', paths: { base: at.a } });
    expect(fake.requests.filter((r) => r.path.endsWith('/workflow'))).toEqual([]);
  });

  it('fails a v2 rule whose pipeline runs another commit (exit 1 naming both); warns otherwise', async () => {
    await deployedAtA(['deploy_web']);
    const moved = 'fedcba9876543210fedcba9876543210fedcba98';
    fake.setHead('main', moved);
    const { result } = await run({ match: 'all', rules: [web, all] });
    expect(result.decision).toBe('failed');
    expect(result.triggers.map((t) => t.status)).toEqual(['triggered', 'triggered']);
    expect(result.triggers[0]?.reason).toBe(
      `pipeline 2 (${result.triggers[0]?.pipeline?.id}) runs ${moved}, not this build's ${at.b}: the branch moved on (v2 runs the branch head), and its deploy would count as one of ${moved}, whose paths this rule did not compare; failing the rule`,
    );
    expect(result.triggers[1]?.reason).toBeUndefined();
  });
});

describe('match: first with rules that have paths', () => {
  it('goes on to the next rule when the first is skipped for its paths', async () => {
    await deployedAtA(['deploy_api']);
    const { result } = await run({ rules: [api, web, all] });
    expect(result.triggers.map((t) => [t.rule, t.status, t.reason])).toEqual([
      ['api', 'skipped', expect.stringContaining('none matching its paths')],
      ['web', 'triggered', undefined],
      ['all', 'skipped', 'not needed: rule "web" came first (match: first)'],
    ]);
    expect(posts(fake)).toHaveLength(1);
  });

  it('is skipped, and exit 1 with --fail-on-no-match, when every rule is skipped for its paths', async () => {
    await deployedAtA(['deploy_api']);
    const { result } = await run({ rules: [api] });
    expect(result).toMatchObject({ decision: 'skipped', skip: 'paths' });
    const env = { ...lab.env, CIRCLE_SHA1: at.b, CCI_CONDITIONAL_REPO_DIR: lab.work };
    const ran = await cliWith(
      ['--host', fake.url, '--allow-superseded', '--fail-on-no-match', '--json'],
      { ...baseEnv, ...env },
      { rules: [api] },
    );
    expect(ran.code).toBe(1);
    expect(JSON.parse(ran.stdout)).toMatchObject({ decision: 'skipped', skip: 'paths' });
  });

  it('a dry run without --paths-base shows each rule that may fire, marked', async () => {
    await deployedAtA([]);
    const { result } = await run({ rules: [api, all] }, { dryRun: true });
    expect(result.triggers.map((t) => [t.rule, t.status, t.reason, t.paths?.warning])).toEqual([
      [
        'api',
        'dry-run',
        'paths not evaluated: --paths-base gives the commit to compare with',
        'paths not evaluated',
      ],
      ['all', 'dry-run', 'only if no rule before it fires for its paths', undefined],
    ]);
    expect(fake.requests).toEqual([]);
  });
});
