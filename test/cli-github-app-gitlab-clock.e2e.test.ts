/**
 * The built CLI, run as a CircleCI job runs it, against a fake that answers as CircleCI is
 * documented to (ARCHITECTURE.md, "What CircleCI answers"): compact slugs for GitHub App
 * projects, GitLab projects without an API trigger, a clock 2 minutes behind the runner's.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeOptions } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import { runBin } from './helpers/run-bin.js';
import {
  appEnv,
  baseEnv,
  APP_DEFINITION as DEFINITION,
  posts,
  SHA,
  APP_SLUG as SLUG,
} from './helpers/run-harness.js';

const job = { name: 'staging', branches: ['main'], job: 'deploy_staging' };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-conditional-e2e-'));
  await writeFile(
    join(dir, 'app.json'),
    JSON.stringify({ definitionId: DEFINITION, rules: [job] }),
  );
  await writeFile(join(dir, 'oauth.json'), JSON.stringify({ rules: [job] }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fake = useFakeStartedInTest();
async function start(options: FakeOptions = {}) {
  await fake.start({ heads: { main: SHA }, workflowDelayReads: 0, ...options });
}
const cli = (rules: string, env: Record<string, string>) =>
  runBin(['--host', fake.url, '--rules', rules], env, dir);

describe('the built CLI', () => {
  it('refuses, on a GitHub App project, to trigger again from the pipeline it triggered (loop guard)', async () => {
    await start();
    const running = fake.addPipeline({
      project_slug: SLUG,
      trigger: { type: 'api' },
      vcs: { branch: 'main', revision: SHA },
    });
    const jobs = ['build', 'deploy_staging'].map((name) => ({
      name,
      type: 'build' as const,
      status: 'running',
    }));
    fake.addWorkflow({ pipelineId: running.id, name: 'all', jobs });
    const { code, stderr } = await cli('app.json', { ...appEnv, CIRCLE_PIPELINE_ID: running.id });
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain('warning: loop guard: this pipeline');
  });

  it('exits 2 on a GitLab project, naming the custom webhook trigger, and sends nothing', async () => {
    await start({ gitlabProjects: [SLUG] });
    const { code, stderr } = await cli('app.json', appEnv);
    expect(code).toBe(2);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain(
      "CircleCI documents no API trigger for GitLab projects, so cci-conditional cannot start one: use CircleCI's custom webhook trigger instead",
    );
  });

  it("finds its pipeline after a lost answer although CircleCI's clock runs 2 minutes behind", async () => {
    await start({ clockOffsetMs: -120_000 });
    fake.fault({ method: 'POST' }, { resetAfterHandling: true });
    const { code, stderr } = await cli('oauth.json', baseEnv);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(fake.pipelines).toHaveLength(1);
    expect(stderr).toContain('so CircleCI may have acted on it: it did, using what it created');
  });
});
