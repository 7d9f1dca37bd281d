/** --wait: each triggered build or pipeline is followed to its end; a bad end is exit 3. */
import { describe, expect, it } from 'vitest';
import { pipelineAppUrl } from '../src/circleci/wait-pace.js';
import type { FakeOptions } from './fake-circleci/types.js';
import { useFakeStartedInTest } from './helpers/fake.js';
import { baseEnv, cliWith, runWith, SHA, sent } from './helpers/run-harness.js';

const v2Rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const v1Rules = {
  api: 'v1.1',
  rules: [{ name: 'review', branches: ['main'], job: 'deploy_review' }],
};
const wait = { wait: true, waitTimeoutSeconds: 1800 };

const testFake = useFakeStartedInTest();
const start = (options: FakeOptions = {}) => testFake.start({ heads: { main: SHA }, ...options });

describe('--wait on a v2 pipeline', () => {
  it('succeeds when every workflow succeeded, with one progress line per state change', async () => {
    const fake = await start({ workflowDelayReads: 2 });
    const { result, log } = await runWith(fake, v2Rules, { options: wait });
    const name = `pipeline 1 (${fake.pipelines[0]?.id})`;
    expect(result.waitFailed).toBeUndefined();
    expect(result.triggers[0]?.outcome).toEqual({ status: 'success', success: true });
    const progress = log.split('\n').filter((line) => line.startsWith(`${name}: `));
    expect(progress).toEqual([
      `${name}: no workflow yet after 0 s`,
      `${name}: deploy_staging running after 5 s`,
      `${name}: deploy_staging success after 10 s`,
    ]);
  });

  it('exits 3 naming the workflow that failed', async () => {
    const fake = await start({
      workflows: () => [{ name: 'deploy', statuses: ['running', 'failed'] }],
    });
    const { code, stdout } = await cliWith(
      ['--host', fake.url, '--wait', '--json'],
      baseEnv,
      v2Rules,
    );
    expect(code).toBe(3);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ decision: 'triggered', waitFailed: true });
    expect(result.triggers[0].outcome).toEqual({
      status: 'failed',
      success: false,
      detail: 'ended: workflow deploy failed',
    });
    expect(result.reason).toContain('--wait: rule "staging" ended: workflow deploy failed');
  });

  it('rides out 429 answers while polling, honouring Retry-After', async () => {
    const fake = await start();
    const id = () => fake.pipelines[0]?.id ?? '';
    fake.fault(
      { method: 'GET', path: /\/workflow$/ },
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 429 },
    );
    const { result, clock } = await runWith(fake, v2Rules, { options: wait });
    expect(result.triggers[0]?.outcome?.success).toBe(true);
    expect(clock.delays).toContain(7000);
    expect(
      sent(fake, 'GET', `/api/v2/pipeline/${id()}/workflow`).filter((r) => r.fault),
    ).toHaveLength(2);
  });

  it('rides out one transient 500 while polling, like every other read', async () => {
    const fake = await start();
    fake.fault({ method: 'GET', path: /\/workflow$/ }, { status: 500 });
    const { result } = await runWith(fake, v2Rules, { options: wait });
    expect(result.waitFailed).toBeUndefined();
    expect(result.triggers[0]?.outcome).toMatchObject({ status: 'success', success: true });
  });

  it('fails the wait when polling keeps failing, still naming the pipeline', async () => {
    const fake = await start();
    const failures = Array.from({ length: 4 }, () => ({ status: 500 }));
    fake.fault({ method: 'GET', path: /\/workflow$/ }, ...failures);
    const { result } = await runWith(fake, v2Rules, { options: wait });
    expect(result.waitFailed).toBe(true);
    expect(result.triggers[0]).toMatchObject({
      status: 'triggered',
      pipeline: { id: fake.pipelines[0]?.id, number: 1 },
      outcome: { status: 'unknown', success: false },
    });
    expect(result.triggers[0]?.outcome?.detail).toMatch(
      /^could not be followed: GET .*\/workflow: HTTP 500 "Internal Server Error" \(after 4 attempts\)/,
    );
  });

  it('fails with a hint about when: gating when no workflow runs within a minute', async () => {
    const fake = await start({ workflows: () => [] });
    const { result, clock } = await runWith(fake, v2Rules, { options: wait });
    expect(result.waitFailed).toBe(true);
    expect(result.triggers[0]?.outcome).toEqual({
      status: 'no-workflow',
      success: false,
      detail:
        'ran no workflow: gate the target workflow with `when: { equal: [ deploy_staging, << pipeline.parameters.target_job >> ] }` and check its branch and tag filters',
    });
    const waited = clock.delays.slice(4).reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(60_000);
    expect(waited).toBeLessThan(80_000);
  });

  it('gives up at --wait-timeout with what is still running (exit 3)', async () => {
    const fake = await start({ workflows: () => [{ name: 'deploy', statuses: ['running'] }] });
    const { code, stderr } = await cliWith(
      ['--host', fake.url, '--wait', '--wait-timeout', '90'],
      baseEnv,
      v2Rules,
    );
    expect(code).toBe(3);
    expect(stderr).toContain(
      `error: gave up waiting: pipeline 1 (${fake.pipelines[0]?.id}) still deploy running after --wait-timeout 90 s`,
    );
  });

  it('prints a line at least every 5 minutes while nothing changes', async () => {
    const fake = await start({ workflows: () => [{ name: 'deploy', statuses: ['running'] }] });
    const { log } = await runWith(fake, v2Rules, {
      options: { wait: true, waitTimeoutSeconds: 660 },
    });
    const name = `pipeline 1 (${fake.pipelines[0]?.id})`;
    const lines = log.split('\n').filter((line) => line.startsWith(`${name}: `));
    expect(lines).toEqual([
      `${name}: no workflow yet after 0 s`,
      `${name}: deploy running after 2 s`,
      `${name}: still deploy running after 5 min 11 s`,
      `${name}: still deploy running after 10 min 11 s`,
    ]);
  });

  it('keeps waiting while a workflow is on hold, and counts not_run workflows as neither', async () => {
    const fake = await start({
      workflows: () => [
        { name: 'deploy', statuses: ['on_hold', 'on_hold', 'running', 'success'] },
        { name: 'docs', statuses: ['not_run'] },
      ],
    });
    const { result, log } = await runWith(fake, v2Rules, { options: wait });
    expect(result.triggers[0]?.outcome?.success).toBe(true);
    expect(log).toContain('deploy on_hold, docs not_run');
  });

  it('reads every page of workflows', async () => {
    const many = Array.from({ length: 3 }, (_, i) => ({ name: `w${i}`, statuses: ['success'] }));
    const fake = await start({
      pageSize: 2,
      workflows: () => [...many, { name: 'last', statuses: ['failed'] }],
    });
    const { result } = await runWith(fake, v2Rules, { options: wait });
    expect(result.triggers[0]?.outcome?.detail).toBe('ended: workflow last failed');
  });

  it('is turned on by CCI_CONDITIONAL_WAIT and bounded by CCI_CONDITIONAL_WAIT_TIMEOUT', async () => {
    const fake = await start({ workflows: () => [{ name: 'deploy', statuses: ['running'] }] });
    const env = { ...baseEnv, CCI_CONDITIONAL_WAIT: '1', CCI_CONDITIONAL_WAIT_TIMEOUT: '10' };
    const { code, stderr } = await cliWith(['--host', fake.url], env, v2Rules);
    expect(code).toBe(3);
    expect(stderr).toContain('after --wait-timeout 10 s');
  });
});

describe('--wait on a v1.1 build', () => {
  it('succeeds when the build finished with success, printing its URL at each change', async () => {
    const fake = await start();
    const { result, log } = await runWith(fake, v1Rules, { options: wait });
    const url = fake.builds[0]?.build_url;
    expect(result.triggers[0]?.outcome).toEqual({ status: 'success', success: true, url });
    const progress = log.split('\n').filter((line) => line.startsWith('build 100: '));
    expect(progress).toEqual([
      `build 100: running after 0 s ${url}`,
      `build 100: success after 2 s ${url}`,
    ]);
  });

  it('exits 3 when the build failed', async () => {
    const fake = await start({ buildStatuses: () => ['queued', 'running', 'failed'] });
    const { code, stderr } = await cliWith(['--host', fake.url, '--wait'], baseEnv, v1Rules);
    expect(code).toBe(3);
    expect(stderr).toContain('error: build 100 ended failed');
  });
});

describe('--wait-timeout', () => {
  it.each(['abc', '0', '-5', ''])(
    'refuses %j with exit 2 before anything is sent',
    async (value) => {
      const fake = await start();
      const { code, stderr } = await cliWith(
        ['--host', fake.url, '--wait', `--wait-timeout=${value}`],
        baseEnv,
        v2Rules,
      );
      expect(code).toBe(2);
      expect(stderr).toBe(
        `error: --wait-timeout ${JSON.stringify(value)} is not a positive number of seconds\n`,
      );
      expect(fake.requests).toHaveLength(0);
    },
  );
});

describe('pipeline URLs', () => {
  it('are app URLs on circleci.com and absent on other hosts', () => {
    expect(pipelineAppUrl('https://circleci.com', 'gh/acme/app', 7)).toBe(
      'https://app.circleci.com/pipelines/github/acme/app/7',
    );
    expect(pipelineAppUrl('https://circleci.com', 'circleci/o-1/p-2', 7)).toBe(
      'https://app.circleci.com/pipelines/circleci/o-1/p-2/7',
    );
    expect(pipelineAppUrl('https://circleci.example.com', 'gh/acme/app', 7)).toBeUndefined();
  });
});
