/**
 * GitHub App and GitLab projects, driven as a CircleCI job drives the tool, against a fake that
 * shows `circleci/` projects with compact ids while the job sees UUIDs (ARCHITECTURE.md,
 * "What CircleCI answers": "a project slug must be treated as an opaque string"), does not
 * list pipelines without `vcs` under `?branch=`, and knows GitLab and classic projects.
 */
import { describe, expect, it } from 'vitest';
import type { FakeOptions } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import {
  appEnv,
  baseEnv,
  cliWith,
  APP_DEFINITION as DEFINITION,
  APP_ORG as ORG,
  APP_PROJECT as PROJECT,
  posts,
  runWith,
  SHA,
  APP_SLUG as SLUG,
} from './helpers/run-harness.js';

const RUN = `/api/v2/project/${SLUG}/pipeline/run`;
const rules = {
  definitionId: DEFINITION,
  rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }],
};

const fake = useFakeStartedInTest();
async function start(options: FakeOptions = {}) {
  await fake.start({ heads: { main: SHA }, ...options });
  return fake;
}

/** A pipeline of this project and commit started through the API by the token's user. */
function apiPipeline(jobs: string[]) {
  const pipeline = fake.addPipeline({
    project_slug: SLUG,
    trigger: { type: 'api' },
    vcs: { branch: 'main', revision: SHA },
  });
  const listed = jobs.map((name) => ({ name, type: 'build' as const, status: 'running' }));
  fake.addWorkflow({ pipelineId: pipeline.id, name: 'all', jobs: listed });
  return pipeline;
}

describe('the loop guard on a GitHub App project', () => {
  it('refuses to trigger again from a pipeline it triggered that runs everything (a loop)', async () => {
    await start();
    const running = apiPipeline(['build', 'deploy_staging']);
    // Answers show compact ids (base58), where the job sees UUIDs.
    expect(running.project_slug).toMatch(
      /^circleci\/[1-9A-HJ-NP-Za-km-z]{21,22}\/[1-9A-HJ-NP-Za-km-z]{21,22}$/,
    );
    const env = { ...appEnv, CIRCLE_PIPELINE_ID: running.id };
    const { code, stderr } = await cliWith(['--host', fake.url], env, rules);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain(
      `warning: loop guard: this pipeline (${running.id}) was started through the API by the token's user, and pipeline 1 (${running.id}) already ran deploy_staging for this commit; not triggering again (loop guard)`,
    );
  });

  it('stops the project when 5 API pipelines of this commit piled up (the runaway stop)', async () => {
    await start();
    for (let i = 0; i < 4; i++) apiPipeline(['build']);
    const running = apiPipeline(['build']);
    const { result } = await runWith(fake, rules, {
      env: { ...appEnv, CIRCLE_PIPELINE_ID: running.id },
    });
    expect(posts(fake)).toHaveLength(0);
    expect(result.decision).toBe('skipped');
    expect(result.triggers[0]?.reason).toMatch(
      /^loop suspected: 5 pipelines of circleci\/.* were started through the API by deploy-bot/,
    );
  });
});

describe('addressing', () => {
  it('runs a definitionId of a GitHub OAuth project under gh/<org>/<repo>: the id form is 404 for it', async () => {
    await start({ classicProjectIds: [SLUG] });
    const env = { ...baseEnv, CIRCLE_ORGANIZATION_ID: ORG, CIRCLE_PROJECT_ID: PROJECT };
    const { result } = await runWith(fake, rules, { env });
    expect(result.decision).toBe('triggered');
    expect(posts(fake).map((r) => r.path)).toEqual(['/api/v2/project/gh/acme/app/pipeline/run']);
  });

  it('exits 2 naming definitionId and where to find it, sending nothing, in a GitHub App project', async () => {
    await start({ projects: [SLUG] });
    const withoutDefinition = { rules: rules.rules };
    const { code, stderr } = await cliWith(['--host', fake.url], appEnv, withoutDefinition);
    expect(code).toBe(2);
    expect(fake.requests).toHaveLength(0);
    expect(stderr).toContain(
      `error: rule "staging": this project is a GitHub App project, which CircleCI triggers only through pipeline/run: give the rule or the rules file a "definitionId" (the pipeline's id, in the web app under Project Settings → Project Setup)`,
    );
  });
});

describe('GitLab projects, which CircleCI documents no API trigger for', () => {
  const webhook = "use CircleCI's custom webhook trigger instead";

  it('exits 2 naming the custom webhook trigger when the running pipeline is a GitLab push', async () => {
    await start({ gitlabProjects: [SLUG] });
    const running = fake.addPipeline({ project_slug: SLUG, vcs: { branch: 'main' } });
    const env = { ...appEnv, CIRCLE_PIPELINE_ID: running.id };
    const { code, stderr } = await cliWith(['--host', fake.url], env, rules);
    expect(code).toBe(2);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain(
      `error: rule "staging": this project is a GitLab project (its pipeline was started by a gitlab trigger), and CircleCI documents no API trigger for GitLab projects, so cci-conditional cannot start one: ${webhook}`,
    );
  });

  it('exits 2 when the project answers that it is on GitLab', async () => {
    await start({ gitlabProjects: [SLUG] });
    const { code, stderr } = await cliWith(['--host', fake.url], appEnv, rules);
    expect(code).toBe(2);
    expect(posts(fake)).toHaveLength(0);
    expect(stderr).toContain(`(CircleCI names its provider "GitLab")`);
  });

  it('exits 2 before any request when CIRCLE_REPOSITORY_URL is on GitLab', async () => {
    await start();
    const env = { ...appEnv, CIRCLE_REPOSITORY_URL: 'git@gitlab.com:acme/app.git' };
    const { code, stderr } = await cliWith(['--host', fake.url], env, rules);
    expect(code).toBe(2);
    expect(fake.requests).toHaveLength(0);
    expect(stderr).toContain('(CIRCLE_REPOSITORY_URL is on GitLab)');
  });

  it('triggers a GitHub App project, whose push pipeline shows it, reading nothing more', async () => {
    await start();
    const running = fake.addPipeline({ project_slug: SLUG, trigger: { type: 'github_app' } });
    const env = { ...appEnv, CIRCLE_PIPELINE_ID: running.id };
    const { result } = await runWith(fake, rules, { env });
    expect(result.decision).toBe('triggered');
    expect(posts(fake).map((r) => r.path)).toEqual([RUN]);
    expect(fake.requests.filter((r) => r.path === `/api/v2/project/${SLUG}`)).toHaveLength(0);
  });
});
