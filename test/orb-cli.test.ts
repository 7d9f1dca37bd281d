/**
 * The orb reads the token and the host as the CLI does: its steps, run with bash and a fake npx
 * that runs the built CLI (test/helpers/orb.ts), give the same output and send the same
 * requests as `cci-conditional` run alone in the same job environment: CIRCLE_TOKEN alone is
 * found, CCI_CONDITIONAL_HOST and CCI_CONDITIONAL_TOKEN_ENV from a context apply, and a
 * parameter set on the step wins over them as the command line does.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { orbYaml, renderStep, runStep, type Value } from './helpers/orb.js';
import { ROOT, runBin } from './helpers/run-bin.js';
import { baseEnv, TOKEN } from './helpers/run-harness.js';

const RULES = join(ROOT, 'examples', 'github-oauth', 'deploy-rules.json');
const CONFIG = join(ROOT, 'examples', 'github-oauth', 'config.yml');
const { CIRCLE_API_TOKEN: _, ...jobEnv } = baseEnv;

const fake = useFake();

/** The orb command's step and the CLI alone, one after the other, in the same environment. */
async function both(
  command: 'trigger' | 'doctor',
  values: Record<string, Value>,
  args: string[],
  env: Record<string, string>,
) {
  const step = renderStep(orbYaml(`commands/${command}.yml`), values, 'digits');
  const orb = await runStep(step, env, { cli: true, cwd: ROOT });
  const orbRequests = fake.requests.splice(0);
  const alone = await runBin(args, env, ROOT);
  const aloneRequests = fake.requests.splice(0);
  // each run makes its own pipeline: ids aside, the requests are the same
  const sent = (requests: typeof orbRequests) =>
    requests.map((r) =>
      `${r.method} ${r.rawUrl} ${r.headers['circle-token'] ?? ''}`.replace(/[\da-f-]{36}/g, '<id>'),
    );
  return {
    orb: { code: orb.code, stdout: orb.stdout, stderr: orb.stderr, sent: sent(orbRequests) },
    alone: {
      code: alone.code,
      stdout: alone.stdout,
      stderr: alone.stderr,
      sent: sent(aloneRequests),
    },
    npx: orb.npx,
  };
}

describe('the doctor command', () => {
  it('finds CIRCLE_TOKEN alone and sends it to CCI_CONDITIONAL_HOST, as the CLI does', async () => {
    fake.addPipeline({ trigger: { type: 'api' } });
    const env = {
      ...jobEnv,
      CIRCLE_TOKEN: TOKEN,
      CCI_CONDITIONAL_HOST: fake.url,
      CCI_CONDITIONAL_RULES: RULES,
      CCI_CONDITIONAL_CONFIG: CONFIG,
    };
    const { orb, alone, npx } = await both('doctor', {}, ['doctor'], env);
    expect(npx.slice(2)).toEqual(['doctor']);
    expect(orb).toEqual(alone);
    expect(orb.stdout).toContain('token: ok — CIRCLE_TOKEN holds a personal API token');
    expect(orb.sent.length).toBeGreaterThan(0);
    expect(orb.sent.every((line) => line.endsWith(` ${TOKEN}`))).toBe(true);
  });

  it('reads CCI_CONDITIONAL_TOKEN_ENV from a context, and token_variable over it', async () => {
    const env = {
      ...jobEnv,
      DEPLOY_TOKEN: TOKEN,
      OTHER_TOKEN: 'other-token-0123456789',
      CCI_CONDITIONAL_TOKEN_ENV: 'OTHER_TOKEN',
      CCI_CONDITIONAL_RULES: RULES,
      CCI_CONDITIONAL_CONFIG: CONFIG,
    };
    const fromContext = await both(
      'doctor',
      { host: fake.url },
      ['doctor', '--host', fake.url],
      env,
    );
    expect(fromContext.orb).toEqual(fromContext.alone);
    expect(fromContext.orb.stdout).toContain('token: problem — OTHER_TOKEN was refused');
    const given = await both(
      'doctor',
      { host: fake.url, token_variable: 'DEPLOY_TOKEN' },
      ['doctor', '--host', fake.url, '--token-env', 'DEPLOY_TOKEN'],
      env,
    );
    expect(given.orb).toEqual(given.alone);
    expect(given.orb.stdout).toContain('token: ok — DEPLOY_TOKEN holds');
  });
});

describe('the trigger command', () => {
  const dryRun = { dry_run: true, json: true };

  it('sends to CCI_CONDITIONAL_HOST from a context, as the CLI does', async () => {
    const env = {
      ...jobEnv,
      CIRCLE_TOKEN: TOKEN,
      CCI_CONDITIONAL_HOST: 'https://circleci.example.com',
      CCI_CONDITIONAL_RULES: RULES,
      CCI_CONDITIONAL_CONFIG: CONFIG,
    };
    const { orb, alone } = await both('trigger', dryRun, ['--dry-run', '--json'], env);
    expect(orb).toEqual(alone);
    const result = JSON.parse(orb.stdout);
    expect(result.decision).toBe('dry-run');
    expect(result.triggers[0].requests[0].url).toBe(
      'https://circleci.example.com/api/v2/project/gh/acme/app/pipeline',
    );
  });

  it('lets the host parameter win over CCI_CONDITIONAL_HOST, as --host does', async () => {
    const env = {
      ...jobEnv,
      CCI_CONDITIONAL_HOST: 'https://circleci.example.com',
      CCI_CONDITIONAL_RULES: RULES,
      CCI_CONDITIONAL_CONFIG: CONFIG,
    };
    const host = 'https://circleci.internal.example';
    const { orb, alone } = await both(
      'trigger',
      { ...dryRun, host },
      ['--dry-run', '--json', '--host', host],
      env,
    );
    expect(orb).toEqual(alone);
    expect(JSON.parse(orb.stdout).triggers[0].requests[0].url).toMatch(
      /^https:\/\/circleci\.internal\.example\//,
    );
  });

  it('triggers with CIRCLE_TOKEN alone, the same request as the CLI sends', async () => {
    const env = {
      ...jobEnv,
      CIRCLE_TOKEN: TOKEN,
      CCI_CONDITIONAL_HOST: fake.url,
      CCI_CONDITIONAL_RULES: RULES,
      CCI_CONDITIONAL_CONFIG: CONFIG,
    };
    const { orb, alone } = await both('trigger', {}, [], env);
    expect(orb.code).toBe(0);
    expect({ code: orb.code, sent: orb.sent }).toEqual({ code: alone.code, sent: alone.sent });
    expect(orb.sent).toContain(`POST /api/v2/project/gh/acme/app/pipeline ${TOKEN}`);
  });

  it('takes every parameter set at once: a dry run with the config check on, the request shown', async () => {
    const values: Record<string, Value> = {
      rules: RULES,
      config: CONFIG,
      dry_run: true,
      host: 'https://circleci.example.com',
      token_variable: 'DEPLOY_TOKEN',
      node: '1',
      json: true,
      log_level: 'debug',
      log_format: 'json',
      timeout: '45',
      retries: '5',
      fail_on_no_match: true,
      once: true,
      loop_guard: false,
      wait: true,
      wait_timeout: '600',
      wait_for_nodes: true,
    };
    const step = renderStep(orbYaml('commands/trigger.yml'), values, 'digits');
    const env = { ...jobEnv, CIRCLE_NODE_INDEX: '1', CIRCLE_NODE_TOTAL: '2' };
    const ran = await runStep(step, env, { cli: true, cwd: ROOT });
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout).triggers[0].requests[0].url).toBe(
      'https://circleci.example.com/api/v2/project/gh/acme/app/pipeline',
    );
    expect(fake.requests).toEqual([]);
  });
});
