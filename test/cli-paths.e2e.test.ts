/**
 * The built CLI in real git checkouts against the fake CircleCI: rules with `paths` fire when a
 * path they name changed since the last successful deploy of their job (a failed deploy in
 * between passed over), are skipped (exit 0, naming the base) when only other or excluded paths
 * changed, and fire with one warning when no base is found, the base cannot be read, or it is no
 * ancestor (a force push); exit 2 outside a checkout. Shallow and blobless clones, the dry run
 * with --paths-base, and `check --changed`. The deploys are pipelines as CircleCI lists API
 * triggers (`trigger.type` api, `trigger.actor.login`, `vcs.revision`; ARCHITECTURE.md, "What
 * CircleCI answers"), their jobs as `GET /workflow/{id}/job` lists them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeOptions } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import { type GitLab, gitLab, packCount } from './helpers/git-repo.js';
import { runBin, startBin } from './helpers/run-bin.js';
import { baseEnv, posts } from './helpers/run-harness.js';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const developer = { actor: { login: 'a-developer', avatar_url: null } };
const short = (sha: string) => sha.slice(0, 7);
const api = {
  name: 'api',
  branches: ['main'],
  paths: ['services/api/**', '!**/*.md'],
  job: 'deploy_api',
};
const web = { name: 'web', branches: ['main'], paths: ['services/web/**'], job: 'deploy_web' };

let lab: GitLab;
/** A: both services; B: the API changed (its deploy failed); C: the web app; D: the API's README. */
const commits = { a: '', b: '', c: '', d: '' };
let full: string;
beforeAll(() => {
  lab = gitLab();
  commits.a = lab.commit({
    'services/api/index.ts': 'api 1\n',
    'services/api/README.md': 'the API\n',
    'services/web/index.ts': 'web 1\n',
  });
  commits.b = lab.commit({ 'services/api/index.ts': 'api 2\n' });
  commits.c = lab.commit({ 'services/web/index.ts': 'web 2\n' });
  commits.d = lab.commit({ 'services/api/README.md': 'the API, explained\n' });
  lab.push();
  full = lab.clone('full');
  for (const [name, rules] of Object.entries({ 'api.json': [api], 'both.json': [api, web] }))
    writeFileSync(join(lab.root, name), JSON.stringify({ match: 'all', rules }));
});
afterAll(() => lab.remove());

const fake = useFakeStartedInTest();
async function serve(options: FakeOptions = {}) {
  await fake.start(options);
}

/** The fake, with a push pipeline of `sha` (the running one) and `deploys`: [job, commit, status]. */
async function startWith(sha: string, deploys: Array<[string, string, string]>) {
  await serve({
    heads: { main: sha },
    workflowDelayReads: 0,
    pipelineSetupReads: 0,
  });
  deploys.forEach(([job, revision, status], i) => {
    const pipeline = fake.addPipeline({
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision },
      created_at: minutesAgo(60 - i),
    });
    fake.addWorkflow({
      pipelineId: pipeline.id,
      name: job,
      status,
      jobs: [{ name: job, type: 'build', status }],
    });
  });
  const running = fake.addPipeline({
    trigger: { type: 'webhook', ...developer },
    vcs: { branch: 'main', revision: sha },
    created_at: minutesAgo(5),
  });
  return { ...baseEnv, ...lab.env, CIRCLE_SHA1: sha, CIRCLE_PIPELINE_ID: running.id };
}

const cli = (args: string[], env: Record<string, string>, cwd = full) =>
  runBin(['--host', fake.url, '--rules', join(lab.root, 'api.json'), ...args], env, cwd);

describe('a rule with paths, run in a checkout', () => {
  it('fires when its paths changed since its last successful deploy, passing over a failed one', async () => {
    const env = await startWith(commits.c, [
      ['deploy_api', commits.a, 'success'],
      ['deploy_api', commits.b, 'failed'],
    ]);
    const outputs = join(lab.root, 'bash-env-fires');
    const { code, stdout, stderr } = await cli(['--json'], { ...env, BASH_ENV: outputs });
    expect(stderr).toContain(
      `rule "api" fires: 2 paths changed since ${short(commits.a)} (pipeline 1, the last successful deploy of deploy_api on main), the first matching "services/api/index.ts"\n`,
    );
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    const result = JSON.parse(stdout);
    expect(result.decision).toBe('triggered');
    expect(result.triggers[0].paths).toEqual({
      base: commits.a,
      changed: 2,
      matched: 'services/api/index.ts',
    });
    expect(readFileSync(outputs, 'utf8')).toContain(`export CCI_CONDITIONAL_BASE='${commits.a}'\n`);
  });

  it('is skipped, exit 0 naming the base, when only other paths changed', async () => {
    const env = await startWith(commits.c, [['deploy_api', commits.b, 'success']]);
    const { code, stdout, stderr } = await cli(['--json'], env);
    const reason = `1 path changed since ${short(commits.b)} (pipeline 1, the last successful deploy of deploy_api on main), none matching its paths`;
    expect(stderr).toContain(`rule "api" skipped: ${reason}\n`);
    expect({ code, posts: posts(fake).length }).toEqual({ code: 0, posts: 0 });
    expect(JSON.parse(stdout)).toMatchObject({
      decision: 'skipped',
      reason,
      triggers: [{ status: 'skipped', paths: { base: commits.b, changed: 1, matched: null } }],
    });
  });

  it('is skipped when only excluded paths changed, and --fail-on-no-match counts it as not fired', async () => {
    const env = await startWith(commits.d, [['deploy_api', commits.c, 'success']]);
    const { code, stderr } = await cli(['--fail-on-no-match'], env);
    expect(stderr).toContain(
      `rule "api" skipped: 1 path changed since ${short(commits.c)} (pipeline 1, the last successful deploy of deploy_api on main), none matching its paths ("services/api/README.md" is excluded by "!**/*.md")`,
    );
    expect(stderr).toContain('and --fail-on-no-match makes that exit 1');
    expect({ code, posts: posts(fake).length }).toEqual({ code: 1, posts: 0 });
  });

  it('fires each rule of match: all for its own paths, against its own job’s deploys', async () => {
    const env = await startWith(commits.c, [
      ['deploy_api', commits.b, 'success'],
      ['deploy_web', commits.b, 'success'],
    ]);
    const { code, stdout } = await cli(['--json', '--rules', join(lab.root, 'both.json')], env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).triggers.map((t: { status: string }) => t.status)).toEqual([
      'skipped',
      'triggered',
    ]);
    expect(posts(fake).map((p) => (p.body as { parameters: unknown }).parameters)).toEqual([
      { target_job: 'deploy_web', target_sha: commits.c },
    ]);
  });

  it('fires with one warning when no earlier successful deploy is found', async () => {
    const env = await startWith(commits.c, [['deploy_api', commits.b, 'failed']]);
    const { code, stderr } = await cli([], env);
    expect(stderr.match(/^warning: .*$/gm)).toEqual([
      'warning: rule "api" fires without comparing its paths: no earlier successful deploy of deploy_api on main found',
    ]);
    expect({ code, posts: posts(fake).length }).toEqual({ code: 0, posts: 1 });
  });

  it('fires with one warning when the deploys cannot be read', async () => {
    const env = await startWith(commits.c, [['deploy_api', commits.a, 'success']]);
    const deploy = fake.pipelines[0]?.id ?? '';
    fake.fault({ method: 'GET', path: `/api/v2/pipeline/${deploy}/workflow` }, { status: 403 });
    const { code, stderr } = await cli([], env);
    expect(stderr.match(/^warning: .*$/gm)).toEqual([
      `warning: rule "api" fires without comparing its paths: the last successful deploy of deploy_api could not be looked up (GET /api/v2/pipeline/${deploy}/workflow: HTTP 403 "Forbidden": the project does not exist or the token in CIRCLE_API_TOKEN cannot see it; API v2 needs a personal API token (project tokens get 404))`,
    ]);
    expect({ code, posts: posts(fake).length }).toEqual({ code: 0, posts: 1 });
  });

  it('is exit 2 outside a checkout, with nothing read or sent', async () => {
    const env = await startWith(commits.c, []);
    const elsewhere = mkdtempSync(join(tmpdir(), 'cci-conditional-no-checkout-'));
    try {
      const { code, stderr } = await cli([], env, elsewhere);
      expect(stderr).toMatch(
        /^rule "api" matches branch "main" \(pattern "main"\)\nerror: rule "api" has paths, which need git and the checked-out repository of this build: "\." is not a git checkout \(git: fatal: not a git repository.*\); run cci-conditional after the checkout step, or name the checkout with --repo-dir\n$/,
      );
      expect({ code, requests: fake.requests.length }).toEqual({ code: 2, requests: 0 });
      const named = await cli(['--repo-dir', full], env, elsewhere);
      expect(named.code).toBe(0);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('clones as CircleCI jobs make them', () => {
  it('compares in a blobless clone without fetching a file', async () => {
    const blobless = lab.clone('blobless', '--filter=blob:none');
    const packs = packCount(blobless);
    const env = await startWith(commits.d, [['deploy_api', commits.a, 'success']]);
    const { code, stderr } = await cli([], env, blobless);
    expect(stderr).toContain(
      `rule "api" fires: 3 paths changed since ${short(commits.a)} (pipeline 1, the last successful deploy of deploy_api on main), the first matching "services/api/index.ts"\n`,
    );
    expect(code).toBe(0);
    expect(packCount(blobless)).toBe(packs);
  });

  it('fetches the base a shallow clone lacks, and deepens it once to tell ancestry', async () => {
    const shallow = lab.clone('shallow', '--depth=1');
    const env = await startWith(commits.d, [['deploy_api', commits.a, 'success']]);
    const { code, stderr } = await cli([], env, shallow);
    expect(stderr).toContain(
      `fetching ${short(commits.a)}, which this shallow checkout lacks: git fetch --quiet --no-tags --no-recurse-submodules --depth=1 origin ${commits.a}\n`,
    );
    expect(stderr).toContain(
      `deepening this shallow checkout to tell whether ${short(commits.a)} is an ancestor of ${short(commits.d)}: git fetch --quiet --no-tags --no-recurse-submodules --deepen=200 origin ${commits.d}\n`,
    );
    expect(stderr).toContain(`rule "api" fires: 3 paths changed since ${short(commits.a)}`);
    expect(stderr).not.toContain('warning:');
    expect(code).toBe(0);
  });

  it('fires with a warning when the base is not in a shallow clone and cannot be fetched', async () => {
    const shallow = lab.clone('shallow-unfetchable', '--depth=1');
    const gone = 'feedfacefeedfacefeedfacefeedfacefeedface';
    const env = await startWith(commits.d, [['deploy_api', gone, 'success']]);
    const { code, stderr } = await cli([], env, shallow);
    expect(stderr.match(/^warning: .*$/gm)).toEqual([
      expect.stringMatching(
        /^warning: rule "api" fires without comparing its paths: feedfac is not in this shallow checkout, and git fetch .*--depth=1 origin feedface.* failed: /,
      ),
    ]);
    expect(code).toBe(0);
  });
});

describe('after a force push', () => {
  let rewritten: GitLab;
  const old = { deployed: '', head: '' };
  beforeAll(() => {
    rewritten = gitLab();
    const first = rewritten.commit({ 'services/api/index.ts': '1\n' });
    old.deployed = rewritten.commit({ 'services/api/index.ts': '2\n' });
    rewritten.push();
    rewritten.git(rewritten.work, 'reset', '--quiet', '--hard', first);
    old.head = rewritten.commit({ 'services/web/index.ts': 'new\n' });
    rewritten.push(true);
    writeFileSync(join(rewritten.root, 'api.json'), JSON.stringify({ rules: [api] }));
  });
  afterAll(() => rewritten.remove());

  it.each([
    ['a full clone', [], 'this checkout has the whole history of'],
    ['a blobless clone', ['--filter=blob:none'], '(was the branch force-pushed?)'],
  ])('fires with a warning in %s: the base is no ancestor', async (name, flags, says) => {
    const dir = rewritten.clone(name.replaceAll(' ', '-'), ...flags);
    const env = {
      ...(await startWith(old.head, [['deploy_api', old.deployed, 'success']])),
      ...rewritten.env,
    };
    const { code, stderr } = await runBin(
      ['--host', fake.url, '--rules', join(rewritten.root, 'api.json')],
      env,
      dir,
    );
    const warnings = stderr.match(/^warning: .*$/gm) ?? [];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      `fires without comparing its paths: ${short(old.deployed)} is not an ancestor of ${short(old.head)}`,
    );
    expect(warnings[0]).toContain(says);
    expect({ code, posts: posts(fake).length }).toEqual({ code: 0, posts: 1 });
  });
});

describe('a signal', () => {
  it('ends the run within a second while git hangs, and git with it', async () => {
    const env = await startWith(commits.c, []);
    // A git that hangs: it notes its pid, then sleeps in its place.
    const bin = join(lab.root, 'hanging-git');
    mkdirSync(bin, { recursive: true });
    const pidFile = join(bin, 'pid');
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 30\n`, {
      mode: 0o755,
    });
    const { child, ended } = startBin(['--host', fake.url, '--rules', join(lab.root, 'api.json')], {
      cwd: full,
      env: { ...env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    });
    while (!existsSync(pidFile)) await new Promise((r) => setTimeout(r, 10));
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const sent = Date.now();
    child.kill('SIGTERM');
    const { code, stderr } = await ended;
    expect(code).toBe(143);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(stderr).toContain('error: interrupted by SIGTERM: nothing was sent\n');
    // Killed: gone, or a zombie that only waits for init to reap it (the CLI has exited).
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(alive()).toBe(false);
    expect(fake.requests).toEqual([]);
  });
});

describe('offline', () => {
  it('a dry run compares with --paths-base through git alone, and without it shows the request unevaluated', async () => {
    await serve();
    const env = { ...baseEnv, ...lab.env, CIRCLE_SHA1: commits.d };
    const skipped = await cli(['--dry-run', '--paths-base', commits.c], env);
    expect(skipped.stderr).toContain(
      `rule "api" skipped: 1 path changed since ${short(commits.c)} (--paths-base), none matching its paths`,
    );
    expect(skipped.code).toBe(0);
    const fires = await cli(['--dry-run', '--paths-base', commits.a, '--json'], env);
    expect(JSON.parse(fires.stdout)).toMatchObject({
      decision: 'dry-run',
      triggers: [{ status: 'dry-run', paths: { base: commits.a, changed: 3 } }],
    });
    const elsewhere = mkdtempSync(join(tmpdir(), 'cci-conditional-no-checkout-'));
    try {
      const unevaluated = await cli(['--dry-run'], env, elsewhere);
      expect(unevaluated.stdout).toMatch(
        /^rule "api" would send \(paths not evaluated: --paths-base gives the commit to compare with\):\nPOST /,
      );
      expect(unevaluated.code).toBe(0);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    expect(fake.requests).toEqual([]);
  });

  it('validate refuses paths on a rule with tags (exit 2)', async () => {
    const file = join(lab.root, 'tagged.json');
    writeFileSync(file, JSON.stringify({ rules: [{ ...api, tags: ['v*'] }] }));
    const { code, stderr } = await runBin(['validate', '--rules', file], lab.env, tmpdir());
    expect(stderr).toBe(
      `error: invalid rules file ${file}: rules[0].paths: only branch rules take "paths" (a tag build has no earlier deploy of its branch to compare with); put "tags" in a rule of its own\n`,
    );
    expect(code).toBe(2);
  });

  it('check --changed decides paths without git or the API', async () => {
    const rules = ['--rules', join(lab.root, 'both.json')];
    // No git on its PATH, no --host: nothing to run, nowhere to send.
    const env = { PATH: join(lab.root, 'no-bin') };
    const check = (...args: string[]) => runBin(['check', ...rules, ...args], env, tmpdir());
    const fires = await check('--branch', 'main', '--changed', 'services/web/app.ts');
    expect(fires.stdout).toContain(
      '  fires   web: matches branch "main" (pattern "main"), and path "services/web/app.ts" matches (pattern "services/web/**") → deploy_web (v2)\n',
    );
    expect(fires.code).toBe(0);
    const list = join(lab.root, 'changed.txt');
    writeFileSync(list, 'services/api/README.md\r\ndocs/x.md\n');
    const none = await check('--branch', 'main', '--changed-from', list);
    expect(none.stdout).toContain(
      'no rule matches branch "main" and the changed paths: nothing would be triggered',
    );
    expect(none.code).toBe(1);
    const unknown = await check('--branch', 'main');
    expect(unknown.stdout).toContain(
      'would trigger: api if a matching path changed, web if a matching path changed (match: all)',
    );
    expect(unknown.code).toBe(0);
  });
});
