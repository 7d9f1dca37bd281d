/**
 * Signs that cannot be judged, and signs that rule a pipeline out. Trigger types are an open set
 * (OpenAPI enum `scheduled_pipeline, explicit, api, webhook`; docs show `gitlab`, config values
 * `github_app`, ...; ARCHITECTURE.md, "What CircleCI answers"); workflows appear seconds
 * after their pipeline; CircleCI never echoes the parameters a trigger sent, so "what" a
 * pipeline runs is read from its workflows' jobs.
 */
import { describe, expect, it } from 'vitest';
import type { FakeOptions } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import {
  baseEnv,
  cliWith,
  fakeClock,
  OTHER_SHA,
  posts,
  runWith,
  SHA,
} from './helpers/run-harness.js';

const TRIGGER = '/api/v2/project/gh/acme/app/pipeline';
const rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };

const fake = useFakeStartedInTest();
async function start(options: FakeOptions = {}) {
  await fake.start({ heads: { main: SHA }, ...options });
}

/** A pipeline of `main` by the token's user; `jobs`: its one workflow's jobs (none: no workflow). */
function pipeline(type: string, revision: string, jobs: string[], createdAt?: string) {
  const added = fake.addPipeline({
    trigger: { type },
    vcs: { branch: 'main', revision },
    ...(createdAt ? { created_at: createdAt } : {}),
  });
  if (jobs.length > 0) {
    const listed = jobs.map((name) => ({ name, type: 'build' as const, status: 'success' }));
    fake.addWorkflow({ pipelineId: added.id, name: 'w', jobs: listed });
  }
  return added;
}

describe('a trigger type cci-conditional does not know', () => {
  it('after a lost answer: exits 1 naming the pipeline and its type, nothing sent again', async () => {
    await start({ apiTriggerType: 'explicit', workflowDelayReads: 0 });
    fake.fault({ method: 'POST', path: TRIGGER }, { resetAfterHandling: true });
    const { code, stderr } = await cliWith(['--host', fake.url], baseEnv, rules);
    expect(code).toBe(1);
    expect(posts(fake)).toHaveLength(1);
    expect(stderr).toContain(
      `pipeline 1 (${fake.pipelines[0]?.id}) (trigger type "explicit") could be the one it created, but cci-conditional does not know that kind of trigger, so it cannot tell; not sending it again, to never trigger twice`,
    );
  });

  it('counts for --once as an earlier trigger', async () => {
    await start();
    const earlier = pipeline('explicit', SHA, ['deploy_staging']);
    const { result } = await runWith(fake, rules, { options: { once: true } });
    expect(posts(fake)).toHaveLength(0);
    expect(result.triggers[0]?.reason).toBe(
      `already triggered for this commit: pipeline 1 (${earlier.id}) (trigger type "explicit") (--once)`,
    );
  });

  it.each(['webhook', 'schedule', 'scheduled_pipeline', 'github_app', 'gitlab', 'bitbucket_dc'])(
    'is not needed for the known non-API type %s: --once triggers',
    async (type) => {
      await start();
      pipeline(type, SHA, ['deploy_staging']);
      const { result } = await runWith(fake, rules, { options: { once: true } });
      expect(result.decision).toBe('triggered');
    },
  );
});

describe('a young pipeline: its workflows are not listed yet', () => {
  it('--once reads it again at 3, 10 and 30 s and, still unknown, exits 1 rather than trigger', async () => {
    await start({ workflowDelayReads: 10 });
    const young = pipeline('api', SHA, []);
    const clock = fakeClock();
    const { code, stderr } = await cliWith(['--host', fake.url, '--once'], baseEnv, rules, {
      sleep: clock.sleep,
      now: clock.now,
    });
    expect(code).toBe(1);
    expect(posts(fake)).toHaveLength(0);
    expect(clock.delays).toEqual([3000, 7000, 20_000]);
    expect(stderr).toContain(
      `--once: pipeline 1 (${young.id}) of this commit lists no workflow yet, so this run cannot tell whether deploy_staging already ran for it; not triggering, to never trigger twice`,
    );
  });

  it('--once skips once its workflows appear and run the target', async () => {
    await start();
    const young = pipeline('api', SHA, []);
    // Listed on the second read of its workflows, 3 s later.
    fake.fault(
      { method: 'GET', path: `/api/v2/pipeline/${young.id}/workflow` },
      { status: 200, body: { items: [], next_page_token: null } },
    );
    fake.addWorkflow({
      pipelineId: young.id,
      name: 'w',
      jobs: [{ name: 'deploy_staging', type: 'build', status: 'running' }],
    });
    const { result } = await runWith(fake, rules, { options: { once: true } });
    expect(posts(fake)).toHaveLength(0);
    expect(result.decision).toBe('skipped');
  });

  it('--once does not wait for an old pipeline that ran no workflow at all', async () => {
    await start();
    pipeline('api', SHA, [], new Date(Date.now() - 3_600_000).toISOString());
    const { result, clock } = await runWith(fake, rules, { options: { once: true } });
    expect(result.decision).toBe('triggered');
    expect(clock.delays.filter((ms) => ms >= 3000)).toEqual([]);
  });
});

describe('after a lost answer where nothing was created', () => {
  it('does not take a pipeline of the same user that visibly runs another job', async () => {
    await start({ workflowDelayReads: 0 });
    pipeline('api', SHA, ['deploy_production']);
    fake.fault({ method: 'POST', path: TRIGGER }, { reset: true });
    const { result } = await runWith(fake, rules);
    expect(posts(fake)).toHaveLength(2);
    expect(result.triggers[0]?.pipeline?.id).toBe(fake.pipelines[1]?.id);
  });

  it('does not take a pipeline of the same user and job at an older commit', async () => {
    await start({ workflowDelayReads: 0 });
    const running = pipeline('webhook', SHA, ['build']);
    pipeline('api', OTHER_SHA, ['deploy_staging']);
    fake.fault({ method: 'POST', path: TRIGGER }, { reset: true });
    const { result } = await runWith(fake, rules, { env: { CIRCLE_PIPELINE_ID: running.id } });
    expect(posts(fake)).toHaveLength(2);
    expect(result.triggers[0]?.pipeline?.id).toBe(fake.pipelines[2]?.id);
  });

  // The branch moved on: the deploy-order check would skip before sending; allowed here, a lost
  // answer cannot tell the new commit's pipeline from the one it created.
  it('cannot tell, and exits 1, when that commit was pushed after this pipeline started', async () => {
    await start({ workflowDelayReads: 0 });
    const running = pipeline(
      'webhook',
      SHA,
      ['build'],
      new Date(Date.now() - 60_000).toISOString(),
    );
    pipeline('webhook', OTHER_SHA, ['build']);
    const other = pipeline('api', OTHER_SHA, ['deploy_staging']);
    fake.fault({ method: 'POST', path: TRIGGER }, { reset: true });
    const { code, stderr } = await cliWith(
      ['--host', fake.url, '--allow-superseded'],
      { ...baseEnv, CIRCLE_PIPELINE_ID: running.id },
      rules,
    );
    expect(code).toBe(1);
    expect(posts(fake)).toHaveLength(1);
    expect(stderr).toContain(
      `pipeline 3 (${other.id}) could be the one it created: it runs ${OTHER_SHA}, which was pushed to main after this pipeline started (v2 runs the branch head), so this run cannot tell; not sending it again`,
    );
  });
});
