/**
 * Answers with a field missing, or lists with entries that are not objects: nothing shows
 * `undefined`, nothing ends in a JavaScript TypeError. What is missing is said; what is not an
 * object is skipped with a warning.
 */
import { describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, posts, runWith, SHA } from './helpers/run-harness.js';

const v2Rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const v1Rules = { ...v2Rules, api: 'v1.1' };
const ID = '5034460f-c7c4-4c43-9457-de07e2029e7b';

const fake = useFake({ heads: { main: SHA } });

/** main() with $BASH_ENV written to a string. */
async function cli(args: string[], rules: unknown) {
  let bashEnv = '';
  const ran = await cliWith(
    ['--host', fake.url, '--json', ...args],
    { ...baseEnv, BASH_ENV: '/env' },
    rules,
    {
      appendFile: async (_, text) => {
        bashEnv += text;
      },
    },
  );
  return { ...ran, bashEnv };
}

describe('a 2xx that names a pipeline without its number, or a build without its URL', () => {
  it('says the pipeline number is missing and never prints undefined', async () => {
    const answer = { id: ID, state: 'created', created_at: new Date().toISOString() };
    fake.fault({ method: 'POST' }, { status: 201, body: answer });
    fake.fault({ method: 'GET', path: `/api/v2/pipeline/${ID}` }, { status: 200, body: answer });
    const { code, stdout, stderr, bashEnv } = await cli([], v2Rules);
    expect(code).toBe(0);
    for (const text of [stdout, stderr, bashEnv]) expect(text).not.toContain('undefined');
    expect(stderr).toContain(
      `triggered deploy_staging on branch "main": pipeline ${ID} (CircleCI named no number)`,
    );
    expect(JSON.parse(stdout).triggers[0].pipeline).toEqual({ id: ID, state: 'created' });
    expect(bashEnv).toContain(`export CCI_CONDITIONAL_PIPELINE_ID='${ID}'`);
    expect(bashEnv).not.toContain('CCI_CONDITIONAL_PIPELINE_NUMBER');
  });

  it('takes the number from the read-back when the pipeline shows it there', async () => {
    fake.fault({ method: 'POST' }, { status: 201, body: { id: ID, state: 'created' } });
    fake.addPipeline({ id: ID, number: 7 });
    const { stdout, bashEnv } = await cli([], v2Rules);
    expect(JSON.parse(stdout).triggers[0].pipeline).toMatchObject({ id: ID, number: 7 });
    expect(bashEnv).toContain("export CCI_CONDITIONAL_PIPELINE_NUMBER='7'");
  });

  it('says the build URL is missing and never prints undefined', async () => {
    fake.fault({ method: 'POST' }, { status: 200, body: { build_num: 7, lifecycle: 'queued' } });
    const { code, stdout, stderr, bashEnv } = await cli([], v1Rules);
    expect(code).toBe(0);
    for (const text of [stdout, stderr, bashEnv]) expect(text).not.toContain('undefined');
    expect(stderr).toContain(
      'triggered deploy_staging on branch "main": build 7 (CircleCI named no build_url)',
    );
    expect(JSON.parse(stdout).triggers[0].build).toEqual({ number: 7 });
    expect(bashEnv).toContain("export CCI_CONDITIONAL_BUILD_NUM='7'");
    expect(bashEnv).not.toContain('CCI_CONDITIONAL_BUILD_URL');
  });
});

describe('listed entries that are not objects', () => {
  it('are skipped with a warning by --once, which then triggers', async () => {
    const list = { status: 200, body: { items: [null, 3, 'x'], next_page_token: null } };
    fake.fault({ method: 'GET', path: '/api/v2/project/gh/acme/app/pipeline' }, list);
    const { code, stderr } = await cliWith(['--host', fake.url, '--once'], baseEnv, v2Rules);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(stderr).toContain(
      'warning: GET /api/v2/project/gh/acme/app/pipeline?branch=main: skipped 3 listed entries that are not an object',
    );
    expect(stderr).not.toMatch(/TypeError|Cannot read/);
  });

  it('are skipped in a v1.1 list and in a list of workflows', async () => {
    fake.addBuild({ branch: 'main', vcs_revision: SHA, build_parameters: { CIRCLE_JOB: 'other' } });
    fake.fault(
      { method: 'GET', path: '/api/v1.1/project/github/acme/app/tree/main' },
      { status: 200, body: [null, { ...fake.builds[0], build_parameters: undefined }] },
    );
    const { result, log } = await runWith(fake, v1Rules, { options: { once: true } });
    expect(result.decision).toBe('triggered');
    expect(log).toContain('skipped 1 listed entry that is not an object');
  });

  it("in a pipeline's workflows under --wait are skipped, not read", async () => {
    fake.fault(
      { method: 'GET', path: /\/workflow$/ },
      { status: 200, body: { items: [null], next_page_token: null } },
    );
    const { result, log } = await runWith(fake, v2Rules, { options: { wait: true } });
    expect(result.triggers[0]?.status).toBe('triggered');
    expect(log).toContain('skipped 1 listed entry that is not an object');
    expect(log).not.toMatch(/TypeError|Cannot read/);
  });
});
