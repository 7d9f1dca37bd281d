/**
 * The built CLI, run as a CircleCI job runs it, against the fake: deploy order (an older commit
 * of a branch is not deployed over a newer push, v2 and v1.1), --allow-superseded, --wait on a
 * target job a serial group skipped, and --once after a failed deploy.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSeed } from './fake-circleci/pipelines.js';
import type { FakeOptions } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import { runBin } from './helpers/run-bin.js';
import { baseEnv, OTHER_SHA, posts, SHA } from './helpers/run-harness.js';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const developer = { actor: { login: 'a-developer', avatar_url: null } };
const job = { name: 'staging', branches: ['main'], tags: ['v*'], job: 'deploy_staging' };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-conditional-e2e-'));
  await writeFile(join(dir, 'v2.json'), JSON.stringify({ rules: [job] }));
  await writeFile(join(dir, 'v1.json'), JSON.stringify({ api: 'v1.1', rules: [job] }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fake = useFakeStartedInTest();
async function start(options: FakeOptions = {}) {
  await fake.start({ heads: { main: SHA }, workflowDelayReads: 0, ...options });
}
const cli = (args: string[], env: Record<string, string>) =>
  runBin(['--host', fake.url, ...args], env, dir);

/** This commit's push 5 minutes ago (the running pipeline), and `seed` a minute ago. */
function pushedAfter(seed: PipelineSeed) {
  const running = fake.addPipeline({
    trigger: { type: 'webhook', ...developer },
    vcs: { branch: 'main', revision: SHA },
    created_at: minutesAgo(5),
  });
  const newer = fake.addPipeline({
    trigger: { type: 'webhook', ...developer },
    vcs: { branch: 'main', revision: OTHER_SHA },
    created_at: minutesAgo(1),
    ...seed,
  });
  return { running, newer };
}

describe('the built CLI keeps the deploy order', () => {
  it('does not deploy an older commit of main once a newer one was pushed (v2)', async () => {
    await start();
    const { running, newer } = pushedAfter({});
    const outputs = join(dir, 'bash-env-v2');
    const env = { ...baseEnv, CIRCLE_PIPELINE_ID: running.id, BASH_ENV: outputs };
    const { code, stdout, stderr } = await cli(['--rules', 'v2.json', '--json'], env);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toBe(
      `rule "staging" matches branch "main" (pattern "main")\nsuperseded: main is at fedcba9 (pipeline 2) since ${newer.created_at}; not deploying 0123456 over it\n`,
    );
    expect(JSON.parse(stdout)).toMatchObject({ decision: 'skipped', reason: 'superseded' });
    expect(await readFile(outputs, 'utf8')).toBe(
      "\nexport CCI_CONDITIONAL_DECISION='skipped'\nexport CCI_CONDITIONAL_REASON='superseded'\n",
    );
  });

  it('does not deploy an older commit of main once a newer one was pushed (v1.1)', async () => {
    await start();
    const build = (build_num: number, vcs_revision: string, minutes: number) =>
      fake.addBuild({
        build_num,
        branch: 'main',
        why: 'github',
        user: { login: 'a-developer' },
        vcs_revision,
        usage_queued_at: minutesAgo(minutes),
      });
    build(41, SHA, 5);
    const newer = build(45, OTHER_SHA, 1);
    const { code, stderr } = await cli(['--rules', 'v1.json'], baseEnv);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain(
      `\nsuperseded: main is at fedcba9 (build 45) since ${newer.usage_queued_at}; not deploying 0123456 over it\n`,
    );
  });

  it.each<[string, PipelineSeed, Record<string, string>]>([
    ['the same commit pushed again', { vcs: { branch: 'main', revision: SHA } }, {}],
    ['a push to another branch', { vcs: { branch: 'dev', revision: OTHER_SHA } }, {}],
    ['a push before this pipeline', { created_at: minutesAgo(10) }, {}],
    ['a tag pipeline', { vcs: { tag: 'v2.0.0', revision: OTHER_SHA } }, {}],
    ['a newer push, with --allow-superseded', {}, { CCI_CONDITIONAL_ALLOW_SUPERSEDED: 'true' }],
  ])('deploys as before after %s', async (_, seed, extra) => {
    await start();
    const { running } = pushedAfter(seed);
    const env = { ...baseEnv, ...extra, CIRCLE_PIPELINE_ID: running.id };
    const { code, stderr } = await cli(['--rules', 'v2.json'], env);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(stderr).toContain('triggered deploy_staging on branch "main": pipeline 3');
  });

  it('--wait exits 3 when a serial group skipped the target job (not_run) in a green workflow', async () => {
    await start({
      workflows: () => [
        {
          name: 'deploy',
          statuses: ['running', 'success'],
          jobs: [
            {
              name: 'deploy_staging',
              type: 'build',
              status: 'blocked',
              statuses: ['blocked', 'not_run'],
            },
          ],
        },
      ],
    });
    const { code, stderr } = await cli(['--rules', 'v2.json', '--wait'], baseEnv);
    expect(code).toBe(3);
    expect(stderr).toContain('ended: job deploy_staging not_run (workflow deploy success)');
  });

  it('--once deploys again after a failed deploy of this commit', async () => {
    await start();
    const failed = fake.addPipeline({
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: SHA },
    });
    fake.addWorkflow({
      pipelineId: failed.id,
      name: 'deploy',
      status: 'failed',
      jobs: [{ name: 'deploy_staging', type: 'build', status: 'failed' }],
    });
    const { code, stderr } = await cli(['--rules', 'v2.json', '--once'], baseEnv);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(stderr).toContain(
      `--once: pipeline 1 (${failed.id}) of this commit deployed nothing (deploy_staging failed); not counting it\n`,
    );
    expect(stderr).toContain('triggered deploy_staging on branch "main": pipeline 2');
  });
});
