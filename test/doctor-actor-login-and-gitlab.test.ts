/**
 * doctor on what the second check of CircleCI's answers left open (ARCHITECTURE.md,
 * "What CircleCI answers"): no capture pairs `trigger.actor.login` with `/me` for GitHub
 * App accounts, so doctor shows the evidence; GitLab projects have no API trigger.
 */
import { describe, expect, it } from 'vitest';
import type { FakeOptions } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import {
  appEnv,
  cliWith,
  APP_DEFINITION as DEFINITION,
  SHA,
  APP_SLUG as SLUG,
} from './helpers/run-harness.js';

const rules = {
  definitionId: DEFINITION,
  rules: [{ name: 'staging', branches: ['main'], job: 'deploy' }],
};

const fake = useFakeStartedInTest();
async function start(options: FakeOptions = {}) {
  await fake.start(options);
}
const doctor = (env: Record<string, string>) =>
  cliWith(['doctor', '--host', fake.url, '--retries', '0'], env, rules);

describe('doctor compares trigger.actor.login with the /me login', () => {
  it("is a problem when the token user's own API pipeline names another actor", async () => {
    await start();
    const own = fake.addPipeline({ project_slug: SLUG, trigger: { type: 'api' } });
    const shown = { ...own, trigger: { ...own.trigger, actor: { login: 'deploy-bot[bot]' } } };
    fake.fault(
      { method: 'GET', path: `/api/v2/project/${SLUG}/pipeline/mine` },
      { status: 200, body: { items: [shown], next_page_token: null } },
    );
    const { code, stdout } = await doctor(appEnv);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `pipeline 1, an API pipeline the token's user started (GET .../pipeline/mine), names "deploy-bot[bot]" as trigger.actor.login, not "deploy-bot" as GET /api/v2/me does: cci-conditional would not recognise its own triggers, so --once, the loop guard and lost-answer lookups cannot work for this account`,
    );
  });

  it('says when there is no API pipeline to compare yet', async () => {
    await start();
    fake.addPipeline({
      project_slug: SLUG,
      trigger: { type: 'github_app' },
      vcs: { revision: SHA },
    });
    const { stdout } = await doctor(appEnv);
    expect(stdout).toContain(
      'no API pipeline to compare trigger.actor.login with deploy-bot yet: run doctor again after the first trigger',
    );
  });
});

describe('doctor on a GitLab project', () => {
  it('names the custom webhook trigger when the project answers that it is on GitLab', async () => {
    await start({ gitlabProjects: [SLUG] });
    const { code, stdout } = await doctor(appEnv);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `project: problem — rule "staging": ${SLUG} is a GitLab project (CircleCI names its provider "GitLab"), and CircleCI documents no API trigger for GitLab projects, so cci-conditional cannot start one: use CircleCI's custom webhook trigger instead`,
    );
  });

  it('names it from a repository URL on GitLab', async () => {
    await start();
    const { code, stdout } = await doctor({
      ...appEnv,
      CIRCLE_REPOSITORY_URL: 'https://gitlab.com/acme/app',
    });
    expect(code).toBe(1);
    expect(stdout).toContain('(CIRCLE_REPOSITORY_URL is on GitLab)');
  });
});

describe('doctor on a list with entries that are not objects', () => {
  it('skips them with a warning instead of counting them as pipelines without signs', async () => {
    await start();
    const pipeline = fake.addPipeline({ project_slug: SLUG, trigger: { type: 'api' } });
    fake.fault(
      { method: 'GET', path: `/api/v2/project/${SLUG}/pipeline` },
      { status: 200, body: { items: [null, pipeline, 7], next_page_token: null } },
    );
    const { stdout } = await doctor(appEnv);
    expect(stdout).toContain(
      `answers: warning — the 1 recent pipeline(s) of ${SLUG} carry every sign`,
    );
    expect(stdout).toContain('2 listed entries are not an object: skipped');
  });
});
