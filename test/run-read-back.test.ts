/** v2 read-back: a 201 is not the end; the new pipeline is read until its setup is over. */
import { describe, expect, it } from 'vitest';
import { useFakeStartedInTest } from './helpers/fake.js';
import { baseEnv, cliWith, OTHER_SHA, runWith, SHA, sent } from './helpers/run-harness.js';

const v2Rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };

const { start } = useFakeStartedInTest();

describe('v2 read-back', () => {
  it('reads the pipeline until it leaves setup-pending and records its state', async () => {
    const fake = await start({ heads: { main: SHA }, pipelineSetupReads: 2 });
    const { result, clock } = await runWith(fake, v2Rules);
    const id = fake.pipelines[0]?.id ?? '';
    expect(sent(fake, 'GET', `/api/v2/pipeline/${id}`)).toHaveLength(3);
    expect(clock.delays).toEqual([500, 1000]);
    expect(result.triggers[0]?.pipeline?.state).toBe('created');
  });

  it('fails with CircleCI errors quoted and a hint when a parameter is not declared', async () => {
    const fake = await start({ heads: { main: SHA }, declaredParameters: ['target_job'] });
    const { code, stderr, stdout } = await cliWith(
      ['--host', fake.url, '--json'],
      baseEnv,
      v2Rules,
    );
    const pipeline = fake.pipelines[0];
    const message = `pipeline 1 (${pipeline?.id}) was created but errored: "config: Unexpected argument(s): target_sha": declare target_job and target_sha (and any rule parameters) under \`parameters:\` in the target project's config`;
    expect(code).toBe(1);
    expect(stderr).toContain(`error: rule "staging": ${message}`);
    const result = JSON.parse(stdout);
    expect(result.decision).toBe('failed');
    // The pipeline exists: it is reported as triggered, named, with what else failed.
    expect(result.triggers[0]).toMatchObject({
      status: 'triggered',
      reason: message,
      pipeline: { id: pipeline?.id },
    });
  });

  it.each([
    ['malformed errors', { state: 'created', errors: 'boom' }, 'has errors: "\\"boom\\""'],
    ['errors that are not objects', { state: 'created', errors: [null] }, 'has errors: "null"'],
  ])(
    'reports a read-back with %s as a failure that still names the pipeline, in --json and $BASH_ENV',
    async (_case, body, shown) => {
      const fake = await start({ heads: { main: SHA } });
      fake.fault({ method: 'GET', path: /^\/api\/v2\/pipeline\/[^/]+$/ }, { status: 200, body });
      let written = '';
      const { code, stdout } = await cliWith(
        ['--host', fake.url, '--json'],
        { ...baseEnv, BASH_ENV: '/tmp/bash_env' },
        v2Rules,
        {
          appendFile: async (_path, text) => {
            written += text;
          },
        },
      );
      const pipeline = fake.pipelines[0];
      expect(code).toBe(1);
      expect(fake.pipelines).toHaveLength(1);
      const result = JSON.parse(stdout);
      expect(result.triggers[0]).toMatchObject({
        status: 'triggered',
        pipeline: { id: pipeline?.id, number: 1 },
        reason: `pipeline 1 (${pipeline?.id}) was created but ${shown}`,
      });
      expect(written).toContain(`export CCI_CONDITIONAL_PIPELINE_ID='${pipeline?.id}'`);
      expect(written).toContain("export CCI_CONDITIONAL_PIPELINE_NUMBER='1'");
    },
  );

  it.each([
    ['null', { status: 200, body: null }, 'null'],
    ['an empty body', { status: 200, text: '' }, 'empty'],
  ])('keeps the trigger (exit 0) when the read-back answers %s', async (_case, fault, shown) => {
    const fake = await start({ heads: { main: SHA } });
    fake.fault({ method: 'GET', path: /^\/api\/v2\/pipeline\/[^/]+$/ }, fault);
    const { result, log } = await runWith(fake, v2Rules);
    expect(result.decision).toBe('triggered');
    expect(result.triggers[0]?.pipeline?.id).toBe(fake.pipelines[0]?.id);
    expect(log).toContain(
      `warning: could not read pipeline 1 (${fake.pipelines[0]?.id}) back (the answer was ${shown}); not checking it`,
    );
  });

  it('warns naming both SHAs when the branch moved on before the pipeline was created', async () => {
    const fake = await start({ heads: { main: OTHER_SHA } });
    const { result, log } = await runWith(fake, v2Rules);
    expect(result.decision).toBe('triggered');
    expect(log).toContain(
      `warning: pipeline 1 (${fake.pipelines[0]?.id}) runs ${OTHER_SHA}, not ${SHA}: the branch moved on (v2 runs the branch head); the target job should check out or verify << pipeline.parameters.target_sha >>`,
    );
  });

  it('stops reading after a few seconds of setup and only says so', async () => {
    const fake = await start({ heads: { main: SHA }, pipelineSetupReads: 50 });
    const { result, log, clock } = await runWith(fake, v2Rules);
    expect(result.decision).toBe('triggered');
    expect(clock.delays.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(log).toContain(
      `pipeline 1 (${fake.pipelines[0]?.id}) is still in state setup-pending; not waiting for its setup`,
    );
  });

  it('keeps the trigger when the pipeline cannot be read back', async () => {
    const fake = await start({ heads: { main: SHA } });
    fake.fault({ method: 'GET', path: /^\/api\/v2\/pipeline\/[^/]+$/ }, { status: 403 });
    const { result, log } = await runWith(fake, v2Rules);
    expect(result.decision).toBe('triggered');
    expect(log).toMatch(
      /warning: could not read pipeline 1 \(.*\) back \(.*HTTP 403.*\); not checking it/,
    );
  });

  it('rides out one transient 500 while reading back', async () => {
    const fake = await start({ heads: { main: SHA } });
    fake.fault({ method: 'GET', path: /^\/api\/v2\/pipeline\/[^/]+$/ }, { status: 500 });
    const { result, log } = await runWith(fake, v2Rules);
    expect(result.triggers[0]?.pipeline?.state).toBe('created');
    expect(log).not.toContain('could not read');
  });
});
