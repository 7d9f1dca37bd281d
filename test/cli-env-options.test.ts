/**
 * CCI_CONDITIONAL_* variables through `main()` against the fake CircleCI: unknown ones are
 * refused, the tool's own outputs never, each command reads its own options, and a bad value is
 * named by the variable it came from. Usage errors keep --json's promise of one JSON object.
 */
import { describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, posts, TOKEN } from './helpers/run-harness.js';

const RULES = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };

const fake = useFake({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });

const cli = (argv: string[], env: Record<string, string> = {}) =>
  cliWith(['--host', fake.url, ...argv], { ...baseEnv, ...env }, RULES);

describe('an unknown CCI_CONDITIONAL_* variable', () => {
  it.each([
    ['CCI_CONDITIONAL_DRYRUN', 'CCI_CONDITIONAL_DRY_RUN'],
    ['CCI_CONDITIONAL_DRY', 'CCI_CONDITIONAL_DRY_RUN'],
    ['cci_conditional_dry_run', 'CCI_CONDITIONAL_DRY_RUN'],
    ['CCI_CONDITIONAL_ONCE_', 'CCI_CONDITIONAL_ONCE'],
  ])('%s is exit 2 naming %s, and nothing is sent', async (variable, nearest) => {
    const { code, stdout, stderr } = await cli([], { [variable]: 'true' });
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${variable} is not an option variable; did you mean ${nearest}? (see --help)\n`,
    });
    expect(fake.requests).toEqual([]);
  });

  it('is refused by validate and check too', async () => {
    const env = { CCI_CONDITIONAL_DRYRUN: 'true' };
    const runs = await Promise.all([
      cliWith(['validate'], { ...baseEnv, ...env }, RULES),
      cliWith(['check', '--branch', 'x'], { ...baseEnv, ...env }, RULES),
    ]);
    expect(runs[0]?.stderr).toBe(
      'error: CCI_CONDITIONAL_DRYRUN is not an option variable; did you mean CCI_CONDITIONAL_DRY_RUN? (see --help)\n',
    );
    expect(runs.map((run) => run.code)).toEqual([2, 2]);
  });
});

describe("the tool's own outputs in the environment", () => {
  it('never stop a second run in the same job', async () => {
    const { code } = await cli([], {
      CCI_CONDITIONAL_DECISION: 'triggered',
      CCI_CONDITIONAL_BUILD_URL: 'https://circleci.com/gh/acme/app/7',
      CCI_CONDITIONAL_BUILD_NUM: '7',
      CCI_CONDITIONAL_PIPELINE_ID: '5034460f-c7c4-4c43-9457-de07e2029e7b',
      CCI_CONDITIONAL_PIPELINE_NUMBER: '12',
    });
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
  });
});

describe('a variable of another command', () => {
  it.each([
    ['validate', ['validate']],
    ['check', ['check', '--branch', 'main']],
  ])('is left alone by %s', async (_, argv) => {
    const { code, stderr } = await cliWith(
      argv,
      {
        ...baseEnv,
        CCI_CONDITIONAL_ONCE: 'true',
        CCI_CONDITIONAL_WAIT: 'maybe',
        CCI_CONDITIONAL_TIMEOUT: 'soon',
      },
      RULES,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('a bad value from the environment', () => {
  it.each([
    [
      { CCI_CONDITIONAL_TIMEOUT: 'soon' },
      'CCI_CONDITIONAL_TIMEOUT="soon" is not a positive number of seconds',
    ],
    [
      { CCI_CONDITIONAL_TIMEOUT: '2147484' },
      'CCI_CONDITIONAL_TIMEOUT="2147484" is more than 3600 seconds, the upper bound',
    ],
    [
      { CCI_CONDITIONAL_WAIT_TIMEOUT: '21601' },
      'CCI_CONDITIONAL_WAIT_TIMEOUT="21601" is more than 21600 seconds, the upper bound',
    ],
    [
      { CCI_CONDITIONAL_RETRIES: 'many' },
      'CCI_CONDITIONAL_RETRIES="many" is not a whole number from 0 to 20',
    ],
    [
      { CCI_CONDITIONAL_NODE: '-1' },
      'CCI_CONDITIONAL_NODE="-1" is not a whole number from 0 to 1000',
    ],
    [
      { CCI_CONDITIONAL_LOG_LEVEL: 'loud' },
      'CCI_CONDITIONAL_LOG_LEVEL="loud" is not one of trace, debug, info, warn, error, silent',
    ],
    [
      { CCI_CONDITIONAL_HOST: 'http://example.com' },
      'CCI_CONDITIONAL_HOST=http://example.com: http:// is refused for example.com, the token would travel in clear text; use https://',
    ],
    [
      { CCI_CONDITIONAL_TOKEN_ENV: 'MY-TOKEN' },
      'CCI_CONDITIONAL_TOKEN_ENV takes the name of a variable, like DEPLOY_TOKEN; the value given is not one (not shown: it may be the token itself)',
    ],
    [
      { CCI_CONDITIONAL_ONCE: 'maybe' },
      'CCI_CONDITIONAL_ONCE="maybe" is not one of true/false, 1/0, yes/no, on/off',
    ],
  ])('is named by its variable: %j', async (env, message) => {
    // --host comes first on the command line: the variable is what names CCI_CONDITIONAL_HOST
    const argv = 'CCI_CONDITIONAL_HOST' in env ? [] : ['--host', fake.url];
    const { code, stderr } = await cliWith(argv, { ...baseEnv, ...env }, RULES);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${message}\n`);
    expect(fake.requests).toEqual([]);
  });

  it('is named by the flag when the command line gives the value', async () => {
    const { code, stderr } = await cli(['--timeout', '5000'], { CCI_CONDITIONAL_TIMEOUT: '10' });
    expect(code).toBe(2);
    expect(stderr).toBe('error: --timeout "5000" is more than 3600 seconds, the upper bound\n');
  });
});

describe('timeouts', () => {
  it.each([
    ['--timeout', '3601', 3600],
    ['--timeout', '2147484', 3600],
    ['--wait-timeout', '21601', 21600],
    ['--wait-timeout', '9999999', 21600],
  ])('refuses %s %s, above %i seconds', async (flag, value, bound) => {
    const { code, stderr } = await cli([flag, value]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: ${flag} "${value}" is more than ${bound} seconds, the upper bound\n`,
    );
    expect(fake.requests).toEqual([]);
  });

  it('accepts the bounds themselves', async () => {
    const { code } = await cli(['--timeout', '3600', '--wait-timeout', '21600']);
    expect(code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
  });
});

describe('--json on a usage error', () => {
  it.each([
    [
      ['--json', '--dry-run=maybe'],
      {},
      '--dry-run "maybe" is not one of true/false, 1/0, yes/no, on/off',
    ],
    [
      ['--json', '--DRY-RUN'],
      {},
      '--DRY-RUN is not an option of run; did you mean --dry-run? (see --help)',
    ],
    [['--json=yes', '--timeout', '0'], {}, '--timeout "0" is not a positive number of seconds'],
    [
      [],
      { CCI_CONDITIONAL_JSON: 'on', CCI_CONDITIONAL_DRYRUN: '1' },
      'CCI_CONDITIONAL_DRYRUN is not an option variable; did you mean CCI_CONDITIONAL_DRY_RUN? (see --help)',
    ],
    [
      ['--json', '--token-env'],
      {},
      '--token-env needs a value: write --token-env VALUE (see --help)',
    ],
  ])('prints exactly one JSON object for %j %j', async (argv, env, reason) => {
    const { code, stdout } = await cli(argv, env);
    expect(code).toBe(2);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(JSON.parse(stdout)).toEqual({ decision: 'failed', reason, triggers: [] });
    expect(fake.requests).toEqual([]);
  });

  it('prints the validate shape for validate', async () => {
    const { code, stdout } = await cliWith(['validate', '--json', '--rulez', 'x'], baseEnv, RULES);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      valid: false,
      reason: '--rulez is not an option of validate; did you mean --rules? (see --help)',
      problems: [],
    });
  });

  it('prints no JSON after --no-json', async () => {
    const { stdout } = await cli(['--json', '--no-json', '--DRY-RUN']);
    expect(stdout).toBe('');
  });
});

describe('--fail-on-no-match', () => {
  it.each([
    [['--fail-on-no-match'], {}, '--fail-on-no-match'],
    [[], { CCI_CONDITIONAL_FAIL_ON_NO_MATCH: 'yes' }, 'CCI_CONDITIONAL_FAIL_ON_NO_MATCH'],
  ])('says it is the reason for exit 1 (%j %j)', async (argv, env, origin) => {
    const { code, stderr } = await cli(argv, { CIRCLE_BRANCH: 'feature/x', ...env });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `skipped: no rule matches branch "feature/x"\nerror: no rule matches branch "feature/x", and ${origin} makes that exit 1\n`,
    );
  });
});
