/**
 * Deploy order on API v2: an older commit of a branch is not deployed once a push of a newer
 * commit has a pipeline after the running one ($CIRCLE_PIPELINE_ID). Pipelines as CircleCI
 * lists them: `?branch=` newest first with `number`, `created_at`, `trigger.type` and `vcs`
 * (ARCHITECTURE.md, "What CircleCI answers"); pipeline-definition runs of `circleci/` projects without `vcs`,
 * which `?branch=` is not known to list.
 */
import { describe, expect, it } from 'vitest';
import type { PipelineSeed } from './fake-circleci/pipelines.js';
import { useFake } from './helpers/fake.js';
import {
  APP_DEFINITION,
  APP_SLUG,
  appEnv,
  baseEnv,
  cliWith,
  OTHER_SHA,
  posts,
  runWith,
  SHA,
  sent,
  tagEnv,
} from './helpers/run-harness.js';

const v2Rules = {
  rules: [{ name: 'staging', branches: ['main'], tags: ['v*'], job: 'deploy_staging' }],
};
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const developer = { actor: { login: 'a-developer', avatar_url: null } };
const LINE = (number: number, since: string) =>
  `superseded: main is at fedcba9 (pipeline ${number}) since ${since}; not deploying 0123456 over it`;

const fake = useFake({ heads: { main: OTHER_SHA } });

/** A push to main 10 minutes ago before this one, this commit's push 5 minutes ago (running). */
function history() {
  fake.addPipeline({
    trigger: { type: 'webhook', ...developer },
    vcs: { branch: 'main', revision: 'a'.repeat(40) },
    created_at: minutesAgo(10),
  });
  return fake.addPipeline({
    trigger: { type: 'webhook', ...developer },
    vcs: { branch: 'main', revision: SHA },
    created_at: minutesAgo(5),
  });
}
/** A pipeline after the running one: by default a push of OTHER_SHA to main a minute ago. */
function later(seed: PipelineSeed = {}) {
  return fake.addPipeline({
    trigger: { type: 'webhook', ...developer },
    vcs: { branch: 'main', revision: OTHER_SHA },
    created_at: minutesAgo(1),
    ...seed,
  });
}

describe('a branch rule on API v2', () => {
  it('does not deploy an older commit once a newer commit was pushed: one line, exit 0', async () => {
    const running = history();
    const newer = later();
    const { code, stdout, stderr } = await cliWith(
      ['--host', fake.url, '--json'],
      { ...baseEnv, CIRCLE_PIPELINE_ID: running.id },
      v2Rules,
    );
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(0);
    const line = LINE(3, newer.created_at);
    expect(stderr.split('\n').filter((l) => l.includes('superseded'))).toEqual([line]);
    expect(JSON.parse(stdout)).toMatchObject({
      decision: 'skipped',
      reason: 'superseded',
      triggers: [{ rule: 'staging', status: 'skipped', reason: line }],
    });
  });

  it.each<[string, PipelineSeed]>([
    ['the same commit pushed again', { vcs: { branch: 'main', revision: SHA } }],
    ['a push to another branch', { vcs: { branch: 'dev', revision: OTHER_SHA } }],
    ['a tag', { vcs: { tag: 'v2.0.0', revision: OTHER_SHA } }],
    ['a scheduled pipeline', { trigger: { type: 'scheduled_pipeline', ...developer } }],
    ['a schedule', { trigger: { type: 'schedule', ...developer } }],
    ['an API pipeline (another deploy)', { trigger: { type: 'api' } }],
    ['a trigger type cci-conditional does not know', { trigger: { type: 'explicit' } }],
  ])('deploys as before after %s', async (_, seed) => {
    const running = history();
    later(seed);
    const { result } = await runWith(fake, v2Rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(result.decision).toBe('triggered');
    expect(posts(fake)).toHaveLength(1);
  });

  it('deploys as before when the newer push came before this pipeline (an older pipeline)', async () => {
    fake.addPipeline({
      trigger: { type: 'webhook', ...developer },
      vcs: { branch: 'main', revision: OTHER_SHA },
      created_at: minutesAgo(10),
    });
    const running = fake.addPipeline({
      vcs: { branch: 'main', revision: SHA },
      created_at: minutesAgo(5),
    });
    const { result, log } = await runWith(fake, v2Rules, {
      env: { CIRCLE_PIPELINE_ID: running.id },
    });
    expect(result.decision).toBe('triggered');
    expect(log).not.toContain('superseded');
  });

  it('deploys with --allow-superseded or CCI_CONDITIONAL_ALLOW_SUPERSEDED, reading nothing for it', async () => {
    const running = history();
    later();
    const env = { ...baseEnv, CIRCLE_PIPELINE_ID: running.id };
    const flag = await cliWith(['--host', fake.url, '--allow-superseded'], env, v2Rules);
    const variable = await cliWith(
      ['--host', fake.url],
      { ...env, CCI_CONDITIONAL_ALLOW_SUPERSEDED: 'yes' },
      v2Rules,
    );
    expect([flag.code, variable.code]).toEqual([0, 0]);
    expect(posts(fake)).toHaveLength(2);
    expect(fake.requests.filter((r) => r.query.branch === 'main')).toHaveLength(0);
  });

  it('skips every rule that fires, with the line once', async () => {
    const running = history();
    later();
    const rules = {
      match: 'all',
      rules: [v2Rules.rules[0], { branches: ['main'], job: 'deploy_docs' }],
    };
    const { result, log } = await runWith(fake, rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(result).toMatchObject({ decision: 'skipped', reason: 'superseded' });
    expect(result.triggers.map((t) => t.status)).toEqual(['skipped', 'skipped']);
    expect(log.split('\n').filter((l) => l.startsWith('superseded: '))).toHaveLength(1);
    expect(fake.requests.filter((r) => r.query.branch === 'main')).toHaveLength(1);
  });

  it('does not approve a held job of a superseded commit', async () => {
    const running = history();
    later();
    const workflow = fake.addWorkflow({
      pipelineId: running.id,
      name: 'build',
      jobs: [{ name: 'hold', type: 'approval', status: 'on_hold' }],
    });
    const rules = { rules: [{ branches: ['main'], approve: 'hold' }] };
    const env = { CIRCLE_PIPELINE_ID: running.id, CIRCLE_WORKFLOW_ID: workflow.id };
    const { result } = await runWith(fake, rules, { env });
    expect(result).toMatchObject({ decision: 'skipped', reason: 'superseded' });
    expect(posts(fake)).toHaveLength(0);
  });

  it('is not checked for a tag rule, nor by a dry run', async () => {
    fake.setHead('v1.2.3', SHA);
    const running = fake.addPipeline({
      vcs: { tag: 'v1.2.3', revision: SHA },
      created_at: minutesAgo(5),
    });
    later();
    const tag = await runWith(fake, v2Rules, {
      env: { ...tagEnv, CIRCLE_PIPELINE_ID: running.id },
    });
    expect(tag.result.decision).toBe('triggered');
    expect(fake.requests.filter((r) => r.query.branch !== undefined)).toHaveLength(0);
    fake.requests.length = 0;
    const dry = await runWith(fake, v2Rules, {
      env: { CIRCLE_PIPELINE_ID: running.id },
      options: { dryRun: true },
    });
    expect(dry.result.decision).toBe('dry-run');
    expect(fake.requests).toEqual([]);
  });
});

describe('a list that cannot tell', () => {
  it('is a warning, and the rule deploys, when ?branch= cannot be read', async () => {
    const running = history();
    later();
    fake.fault({ method: 'GET', path: '/api/v2/project/gh/acme/app/pipeline' }, { status: 403 });
    const { result, log } = await runWith(fake, v2Rules, {
      env: { CIRCLE_PIPELINE_ID: running.id },
    });
    expect(result.decision).toBe('triggered');
    expect(log).toMatch(
      /warning: deploy order: cannot tell whether main moved on to a newer commit \(GET \/api\/v2\/project\/gh\/acme\/app\/pipeline\?branch=main: HTTP 403 .*\); deploying 0123456 \(--allow-superseded turns this check off\)/,
    );
  });

  it('is a warning when CIRCLE_PIPELINE_ID is not set', async () => {
    later();
    const { result, log } = await runWith(fake, v2Rules);
    expect(result.decision).toBe('triggered');
    expect(log).toContain(
      'warning: deploy order: cannot tell whether main moved on to a newer commit (CIRCLE_PIPELINE_ID is not set); deploying 0123456',
    );
  });

  it('is a warning when neither list shows the running pipeline', async () => {
    const running = history();
    later();
    const empty = { status: 200, body: { items: [], next_page_token: null } };
    fake.fault({ method: 'GET', path: '/api/v2/project/gh/acme/app/pipeline' }, empty, empty);
    const { result, log } = await runWith(fake, v2Rules, {
      env: { CIRCLE_PIPELINE_ID: running.id },
    });
    expect(result.decision).toBe('triggered');
    expect(log).toContain(
      "(neither ?branch= nor the project's list of pipelines shows this pipeline 2, so they cannot show the pushes after it); deploying 0123456",
    );
  });
});

describe('a GitHub App project', () => {
  const rules = { definitionId: APP_DEFINITION, ...v2Rules };

  it('reads the whole list when ?branch= does not show pipelines without vcs', async () => {
    const push = (revision: string, minutes: number) =>
      fake.addPipeline({
        project_slug: APP_SLUG,
        trigger: { type: 'github_app', ...developer },
        vcs: { branch: 'main', revision },
        created_at: minutesAgo(minutes),
      });
    const running = push(SHA, 5);
    const newer = push(OTHER_SHA, 1);
    const { result, log } = await runWith(fake, rules, {
      env: { ...appEnv, CIRCLE_PIPELINE_ID: running.id },
    });
    expect(result).toMatchObject({ decision: 'skipped', reason: 'superseded' });
    expect(log).toContain(LINE(2, newer.created_at));
    expect(
      sent(fake, 'GET', `/api/v2/project/${APP_SLUG}/pipeline`).map((r) => r.query.branch),
    ).toEqual(['main', undefined]);
  });
});
