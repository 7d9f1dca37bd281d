/**
 * Whole runs in-process through `main(argv, env, io)` against the fake CircleCI on 127.0.0.1:
 * options, environment, rules file, the requests on the wire, the output and the exit code.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import { validateRequestBody } from './fake-circleci/openapi.js';
import type { FakeOptions } from './fake-circleci/types.js';
import { useFake } from './helpers/fake.js';
import { baseEnv, SHA, TOKEN, tagEnv, USER_AGENT } from './helpers/run-harness.js';

const V2_PATH = '/api/v2/project/gh/acme/app/pipeline';

const RULE_FILES = {
  'v2.json': {
    $schema: 'https://unpkg.com/cci-conditional@1/schema.json',
    rules: [
      { name: 'production', tags: ['v*.*.*'], job: 'deploy_production' },
      {
        name: 'staging',
        branches: ['main', 'release/**', '!release/legacy-*'],
        job: 'deploy_staging',
        parameters: { DEPLOY_ENV: 'staging' },
      },
    ],
  },
  'v1.json': {
    api: 'v1.1',
    rules: [
      {
        name: 'review',
        branches: ['feature/**'],
        job: 'deploy_review',
        parameters: { DEPLOY_ENV: 'review' },
      },
      { name: 'release', tags: ['v*'], job: 'deploy_release' },
    ],
  },
  'all.json': {
    match: 'all',
    rules: [
      { name: 'app', branches: ['main'], job: 'deploy_app' },
      { name: 'develop only', branches: ['develop'], job: 'deploy_develop' },
      { name: 'infra', branches: ['ma*'], job: 'deploy_infra', project: 'gh/acme/infra' },
      { name: 'legacy', branches: ['/^main$/'], job: 'deploy_legacy', api: 'v1.1' },
      { name: 'mirror', branches: ['main'], job: 'deploy_mirror', project: 'bb/acme/mirror' },
    ],
  },
  'invalid.json': { rules: [{ name: 'broken', branches: [], job: 'deploy' }] },
};
type RuleFile = keyof typeof RULE_FILES;

let dir: string;
const rulesPath = (name: RuleFile) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-conditional-run-'));
  for (const [name, content] of Object.entries(RULE_FILES))
    await writeFile(join(dir, name), JSON.stringify(content, null, 2));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fake whose pipelines settle on their first read, so a read-back after a trigger never waits. */
const settled: FakeOptions = { token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 };
const fake = useFake(settled);
async function restartFake(options: FakeOptions) {
  await fake.start({ ...settled, ...options });
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A CircleCI config that fits the v2 rules above (the check before sending passes). */
const CONFIG = 'test/fixtures/configs/deploy-apps.yml';

async function cli(argv: string[], env: Record<string, string | undefined> = baseEnv) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io = {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    readFile: (path: string) => readFile(path, 'utf8'),
    // retries and polls do not really wait (used by main when it takes a sleep)
    sleep: async (_ms: number) => {},
  };
  // From the repository's root, the default config would be this repository's own CI config.
  const code = await main(argv, { CCI_CONDITIONAL_CONFIG: CONFIG, ...env }, io);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') } satisfies Outcome;
}

/** `--host <fake> --rules <file>` and the rest. */
function args(file: RuleFile, ...rest: string[]): string[] {
  return ['--host', fake.url, '--rules', rulesPath(file), ...rest];
}

const posts = () => fake.requests.filter((request) => request.method === 'POST');

describe('API v2', () => {
  it('triggers a pipeline for a branch with the job and SHA as parameters', async () => {
    const { code, stderr } = await cli(args('v2.json'));
    expect(code).toBe(0);
    expect(posts()).toHaveLength(1);
    const [sent] = posts();
    expect(sent?.path).toBe(V2_PATH);
    expect(sent?.body).toEqual({
      branch: 'main',
      parameters: { target_job: 'deploy_staging', target_sha: SHA, DEPLOY_ENV: 'staging' },
    });
    expect(validateRequestBody('/project/{project-slug}/pipeline', 'post', sent?.body)).toEqual([]);
    const pipeline = fake.pipelines[0];
    expect(stderr).toContain(
      `triggered deploy_staging on branch "main": pipeline 1 (${pipeline?.id})\n`,
    );
  });

  it('triggers a pipeline for a tag', async () => {
    const { code } = await cli(args('v2.json'), { ...baseEnv, ...tagEnv });
    expect(code).toBe(0);
    const [sent] = posts();
    expect(sent?.path).toBe(V2_PATH);
    expect(sent?.body).toEqual({
      tag: 'v1.2.3',
      parameters: { target_job: 'deploy_production', target_sha: SHA },
    });
    expect(validateRequestBody('/project/{project-slug}/pipeline', 'post', sent?.body)).toEqual([]);
  });

  it('uses the bb/ slug for a Bitbucket repository', async () => {
    const env = { ...baseEnv, CIRCLE_REPOSITORY_URL: 'git@bitbucket.org:acme/app.git' };
    expect((await cli(args('v2.json'), env)).code).toBe(0);
    expect(posts().map((r) => r.path)).toEqual(['/api/v2/project/bb/acme/app/pipeline']);
  });

  it('prints the result as one JSON object with --json', async () => {
    const { code, stdout } = await cli(args('v2.json', '--json'));
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(result).toMatchObject({
      decision: 'triggered',
      reason: 'rule "staging" matches branch "main" (pattern "main")',
      triggers: [
        {
          rule: 'staging',
          job: 'deploy_staging',
          api: 'v2',
          project: 'gh/acme/app',
          status: 'triggered',
          pipeline: { id: fake.pipelines[0]?.id, number: 1 },
        },
      ],
    });
    expect(result.triggers).toHaveLength(1);
  });
});

describe('API v1.1', () => {
  it('triggers the job on a URL-encoded branch at this revision', async () => {
    const env = { ...baseEnv, CIRCLE_BRANCH: 'feature/x' };
    const { code, stderr, stdout } = await cli(args('v1.json', '--json'), env);
    expect(code).toBe(0);
    // The deploy-order check reads this build first (the fake has none: a warning).
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v1.1/project/github/acme/app/41',
      'POST /api/v1.1/project/github/acme/app/tree/feature%2Fx',
    ]);
    const sent = fake.requests[1];
    expect(sent?.path).toBe('/api/v1.1/project/github/acme/app/tree/feature%2Fx');
    expect(sent?.body).toEqual({
      revision: SHA,
      build_parameters: { CIRCLE_JOB: 'deploy_review', DEPLOY_ENV: 'review' },
    });
    const url = `${fake.url}/gh/acme/app/100`;
    expect(stderr).toContain(`triggered deploy_review on branch "feature/x": build 100 ${url}\n`);
    expect(JSON.parse(stdout)).toMatchObject({
      decision: 'triggered',
      triggers: [
        {
          rule: 'review',
          job: 'deploy_review',
          api: 'v1.1',
          project: 'gh/acme/app',
          build: { number: 100, url },
        },
      ],
    });
  });

  it('triggers the job for a tag without a revision', async () => {
    const { code } = await cli(args('v1.json'), { ...baseEnv, ...tagEnv });
    expect(code).toBe(0);
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent?.path).toBe('/api/v1.1/project/github/acme/app');
    expect(sent?.body).toEqual({
      tag: 'v1.2.3',
      build_parameters: { CIRCLE_JOB: 'deploy_release' },
    });
  });

  it('accepts a 201 answer as success', async () => {
    await restartFake({ v11Status: 201 });
    const env = { ...baseEnv, CIRCLE_BRANCH: 'feature/x' };
    expect((await cli(args('v1.json'), env)).code).toBe(0);
  });
});

describe('several rules', () => {
  it('fires every matching rule in file order with match: all, each in its project', async () => {
    const { code, stdout } = await cli(args('all.json', '--json'));
    expect(code).toBe(0);
    expect(posts().map((r) => [r.path, (r.body as { parameters?: object }).parameters])).toEqual([
      [V2_PATH, { target_job: 'deploy_app', target_sha: SHA }],
      ['/api/v2/project/gh/acme/infra/pipeline', { target_job: 'deploy_infra', target_sha: SHA }],
      ['/api/v1.1/project/github/acme/app/tree/main', undefined],
      ['/api/v2/project/bb/acme/mirror/pipeline', { target_job: 'deploy_mirror', target_sha: SHA }],
    ]);
    const result = JSON.parse(stdout);
    expect(
      result.triggers.map((t: Record<string, unknown>) => [t.rule, t.job, t.api, t.project]),
    ).toEqual([
      ['app', 'deploy_app', 'v2', 'gh/acme/app'],
      ['infra', 'deploy_infra', 'v2', 'gh/acme/infra'],
      ['legacy', 'deploy_legacy', 'v1.1', 'gh/acme/app'],
      ['mirror', 'deploy_mirror', 'v2', 'bb/acme/mirror'],
    ]);
  });

  it('sends the others and exits 1 when the API refuses one of them', async () => {
    await restartFake({ projects: ['gh/acme/app', 'bb/acme/mirror'] });
    const { code, stdout, stderr } = await cli(args('all.json', '--json'));
    expect(code).toBe(1);
    expect(posts()).toHaveLength(4);
    const refusal =
      'POST /api/v2/project/gh/acme/infra/pipeline: HTTP 404 "Project not found": the project does not exist or the token in CIRCLE_API_TOKEN cannot see it; API v2 needs a personal API token (project tokens get 404)';
    expect(stderr).toContain(`error: rule "infra": ${refusal}\n`);
    const result = JSON.parse(stdout);
    expect(result.decision).toBe('failed');
    expect(result.reason).toBe(refusal);
    expect(result.triggers.map((t: { status: string }) => t.status)).toEqual([
      'triggered',
      'failed',
      'triggered',
      'triggered',
    ]);
  });
});

describe('--dry-run', () => {
  it('prints the exact request with the token hidden, sends nothing and needs no token', async () => {
    const { CIRCLE_API_TOKEN: _, ...withoutToken } = baseEnv;
    const { code, stdout } = await cli(
      ['--rules', rulesPath('v2.json'), '--dry-run'],
      withoutToken,
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'rule "staging" would send:',
        'POST https://circleci.com/api/v2/project/gh/acme/app/pipeline',
        'Circle-Token: ***',
        'Content-Type: application/json',
        'Accept: application/json',
        `User-Agent: ${USER_AGENT}`,
        '',
        '{',
        '  "branch": "main",',
        '  "parameters": {',
        '    "target_job": "deploy_staging",',
        `    "target_sha": "${SHA}",`,
        '    "DEPLOY_ENV": "staging"',
        '  }',
        '}',
        '',
        '',
      ].join('\n'),
    );
  });

  it('sends nothing to the host it names', async () => {
    const { code, stdout } = await cli(args('all.json', '--dry-run', '--json'));
    expect(code).toBe(0);
    expect(fake.requests).toEqual([]);
    const result = JSON.parse(stdout);
    expect(result.decision).toBe('dry-run');
    expect(result.triggers).toHaveLength(4);
    expect(result.triggers[2].requests).toEqual([
      {
        method: 'POST',
        url: `${fake.url}/api/v1.1/project/github/acme/app/tree/main`,
        headers: {
          'Circle-Token': '***',
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'User-Agent': USER_AGENT,
        },
        body: { revision: SHA, build_parameters: { CIRCLE_JOB: 'deploy_legacy' } },
      },
    ]);
  });
});

describe('skipping', () => {
  it.each([
    [
      'no rule matches',
      { CIRCLE_BRANCH: 'feature/x' },
      'skipped: no rule matches branch "feature/x"\n',
    ],
    [
      'the build runs on another node',
      { CIRCLE_NODE_INDEX: '2', CIRCLE_NODE_TOTAL: '4' },
      'skipped: node 2 of 4; only node 0 triggers\n',
    ],
    [
      'the build is a forked pull request',
      { CIRCLE_PR_NUMBER: '17', CIRCLE_PR_REPONAME: 'app' },
      'skipped: forked pull request: deploys are not triggered from forks\n',
    ],
    [
      'an excluding pattern matches',
      { CIRCLE_BRANCH: 'release/legacy-1' },
      'skipped: no rule matches branch "release/legacy-1"\n',
    ],
  ])('sends nothing and exits 0 when %s', async (_, overrides, log) => {
    const { code, stdout, stderr } = await cli(args('v2.json'), { ...baseEnv, ...overrides });
    expect(code).toBe(0);
    expect(stderr).toBe(log);
    expect(stdout).toBe('');
    expect(fake.requests).toEqual([]);
  });

  it('skips without a token', async () => {
    const { CIRCLE_API_TOKEN: _, ...withoutToken } = baseEnv;
    const env = { ...withoutToken, CIRCLE_NODE_INDEX: '1', CIRCLE_NODE_TOTAL: '2' };
    expect((await cli(args('v2.json'), env)).code).toBe(0);
  });

  it('triggers on the node --node names', async () => {
    const env = { ...baseEnv, CIRCLE_NODE_INDEX: '2', CIRCLE_NODE_TOTAL: '4' };
    expect((await cli(args('v2.json', '--node', '2'), env)).code).toBe(0);
    expect(posts()).toHaveLength(1);
  });

  it('exits 1 without a match when --fail-on-no-match is given', async () => {
    const env = { ...baseEnv, CIRCLE_BRANCH: 'feature/x' };
    const { code, stdout } = await cli(args('v2.json', '--fail-on-no-match', '--json'), env);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      decision: 'skipped',
      reason: 'no rule matches branch "feature/x", and --fail-on-no-match makes that exit 1',
      skip: 'no-match',
      triggers: [],
    });
    expect(fake.requests).toEqual([]);
  });
});

describe('the token', () => {
  it('exits 2 naming both variables when no token is set', async () => {
    const { CIRCLE_API_TOKEN: _, ...withoutToken } = baseEnv;
    const { code, stderr } = await cli(args('v2.json'), withoutToken);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'error: no API token: set CIRCLE_API_TOKEN (or CIRCLE_TOKEN) to a personal API token in the project or a context, or name another variable with --token-env\n',
    );
    expect(fake.requests).toEqual([]);
  });

  it('falls back to CIRCLE_TOKEN', async () => {
    const { CIRCLE_API_TOKEN: _, ...withoutToken } = baseEnv;
    const { code } = await cli(args('v2.json'), { ...withoutToken, CIRCLE_TOKEN: TOKEN });
    expect(code).toBe(0);
    expect(posts()[0]?.headers['circle-token']).toBe(TOKEN);
  });

  it('reads the variable --token-env names', async () => {
    const env = { ...baseEnv, CIRCLE_API_TOKEN: 'not-this-one', MY_TOKEN: TOKEN };
    const { code } = await cli(args('v2.json', '--token-env', 'MY_TOKEN'), env);
    expect(code).toBe(0);
    expect(posts()[0]?.headers['circle-token']).toBe(TOKEN);
  });

  it('exits 2 naming the --token-env variable when it is empty', async () => {
    const env = { ...baseEnv, MY_TOKEN: '' };
    const { code, stderr } = await cli(args('v2.json', '--token-env', 'MY_TOKEN'), env);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'error: no API token: MY_TOKEN (named by --token-env) is not set or empty\n',
    );
    expect(fake.requests).toEqual([]);
  });
});

describe('bad input', () => {
  it('exits 2 without CIRCLE_SHA1 and sends nothing', async () => {
    const { CIRCLE_SHA1: _, ...withoutSha } = baseEnv;
    const { code, stderr } = await cli(args('v2.json'), withoutSha);
    expect(code).toBe(2);
    expect(stderr).toContain('error: CIRCLE_SHA1 is not set: cannot tell which commit to deploy\n');
    expect(fake.requests).toEqual([]);
  });

  it('exits 2 on an invalid rules file with one line naming the place, and sends nothing', async () => {
    const { code, stdout, stderr } = await cli(args('invalid.json'));
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: invalid rules file ${rulesPath('invalid.json')}: rules[0].branches: must not be empty\n`,
    );
    expect(stdout).toBe('');
    expect(fake.requests).toEqual([]);
  });

  it('exits 2 when the rules file does not exist', async () => {
    const missing = join(dir, 'missing.json');
    const { code, stderr } = await cli(['--host', fake.url, '--rules', missing]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: cannot read rules file ${missing}: no such file (set --rules)\n`);
  });

  it('exits 2 with one line on an unknown option', async () => {
    const { code, stderr } = await cli(args('v2.json', '--dryrun'));
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: --dryrun is not an option of run; did you mean --dry-run? (see --help)\n',
    );
    expect(fake.requests).toEqual([]);
  });

  it.each([
    [['--timeout', 'soon'], '--timeout "soon" is not a positive number of seconds'],
    [['--timeout', '0'], '--timeout "0" is not a positive number of seconds'],
    [['--retries', 'many'], '--retries "many" is not a whole number from 0 to 20'],
    [['--retries', '21'], '--retries "21" is not a whole number from 0 to 20'],
    [['--node', 'first'], '--node "first" is not a whole number from 0 to 1000'],
    [
      ['--log-level', 'loud'],
      '--log-level "loud" is not one of trace, debug, info, warn, error, silent',
    ],
    [['--log-format', 'xml'], '--log-format "xml" is not one of text, json'],
    [
      ['--token-env', 'MY-TOKEN'],
      '--token-env takes the name of a variable, like DEPLOY_TOKEN; the value given is not one (not shown: it may be the token itself)',
    ],
  ])('exits 2 with one line naming the value of %j', async (bad, message) => {
    const { code, stderr } = await cli(args('v2.json', ...bad));
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${message}\n`);
    expect(fake.requests).toEqual([]);
  });

  it.each([
    [
      { CIRCLE_NODE_INDEX: 'one', CIRCLE_NODE_TOTAL: '4' },
      'CIRCLE_NODE_INDEX="one" is not a non-negative integer',
    ],
    [
      { CIRCLE_NODE_INDEX: '4', CIRCLE_NODE_TOTAL: '4' },
      'CIRCLE_NODE_INDEX=4 is not below CIRCLE_NODE_TOTAL=4',
    ],
    [
      { CCI_CONDITIONAL_DRY_RUN: 'maybe' },
      'CCI_CONDITIONAL_DRY_RUN="maybe" is not one of true/false, 1/0, yes/no, on/off',
    ],
  ])('exits 2 with one line naming the bad variable in %j', async (overrides, message) => {
    const { code, stderr } = await cli(args('v2.json'), { ...baseEnv, ...overrides });
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${message}\n`);
    expect(fake.requests).toEqual([]);
  });

  it('prints no stack trace at the info level', async () => {
    const { stderr } = await cli(args('invalid.json'));
    expect(stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('prints the stack at the debug level', async () => {
    const { code, stderr } = await cli(args('invalid.json', '--log-level', 'debug'));
    expect(code).toBe(2);
    expect(stderr).toContain(
      `debug: stack {"stack":"RulesError: invalid rules file ${rulesPath('invalid.json')}: rules[0].branches: must not be empty\\n    at `,
    );
  });
});

describe('--host', () => {
  it('refuses http:// for a host that is not loopback, before reading anything', async () => {
    const { code, stderr } = await cli([
      '--rules',
      rulesPath('v2.json'),
      '--host',
      'http://example.com',
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: --host http://example.com: http:// is refused for example.com, the token would travel in clear text; use https://\n',
    );
  });

  it('accepts http:// on 127.0.0.1', async () => {
    const port = new URL(fake.url).port;
    const { code } = await cli([
      '--rules',
      rulesPath('v2.json'),
      '--host',
      `http://127.0.0.1:${port}`,
    ]);
    expect(code).toBe(0);
    expect(posts()).toHaveLength(1);
  });
});

describe('options from CCI_CONDITIONAL_* variables', () => {
  it('takes --dry-run and --rules from the environment', async () => {
    const env = {
      ...baseEnv,
      CCI_CONDITIONAL_DRY_RUN: 'true',
      CCI_CONDITIONAL_RULES: rulesPath('v2.json'),
      CCI_CONDITIONAL_HOST: fake.url,
    };
    const { code, stdout } = await cli([], env);
    expect(code).toBe(0);
    expect(stdout).toContain(`POST ${fake.url}${V2_PATH}\n`);
    expect(fake.requests).toEqual([]);
  });

  it('lets the command line win over a boolean variable', async () => {
    const env = { ...baseEnv, CCI_CONDITIONAL_DRY_RUN: 'true' };
    const { code } = await cli(args('v2.json', '--no-dry-run'), env);
    expect(code).toBe(0);
    expect(posts()).toHaveLength(1);
  });

  it('lets the command line win over a variable with a value', async () => {
    const env = { ...baseEnv, CCI_CONDITIONAL_RULES: join(dir, 'missing.json') };
    const { code, stderr } = await cli(args('v2.json'), env);
    expect(stderr).not.toContain('error');
    expect(code).toBe(0);
    expect(posts()).toHaveLength(1);
  });

  it('lets --timeout on the command line win over CCI_CONDITIONAL_TIMEOUT', async () => {
    const env = { ...baseEnv, CCI_CONDITIONAL_TIMEOUT: 'soon' };
    const { code, stderr } = await cli(args('v2.json', '--timeout', '10'), env);
    expect(stderr).not.toContain('error');
    expect(code).toBe(0);
    expect(posts()).toHaveLength(1);
  });
});

describe('logs', () => {
  it('writes pino JSON lines with --log-format json', async () => {
    const { code, stderr } = await cli(args('v2.json', '--log-format', 'json'));
    expect(code).toBe(0);
    const lines = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const events = lines.map((line) => [line.level, line.name, line.msg]);
    expect(events).toContainEqual([
      30,
      'cci-conditional',
      'rule "staging" matches branch "main" (pattern "main")',
    ]);
    expect(events).toContainEqual([
      30,
      'cci-conditional',
      `triggered deploy_staging on branch "main": pipeline 1 (${fake.pipelines[0]?.id})`,
    ]);
    for (const line of lines) expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('prints nothing with --log-level silent', async () => {
    const { code, stdout, stderr } = await cli(args('v2.json', '--log-level', 'silent'));
    expect(code).toBe(0);
    expect(posts()).toHaveLength(1);
    expect(stderr).toBe('');
    expect(stdout).toBe('');
  });

  it('exits 1 with the API message when the trigger is refused', async () => {
    const { code, stderr } = await cli(args('v2.json'), {
      ...baseEnv,
      CIRCLE_API_TOKEN: 'stale-token',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `error: rule "staging": POST ${V2_PATH}: HTTP 401 "Invalid token provided.": the API token in CIRCLE_API_TOKEN is invalid, revoked or expired (personal API tokens now expire, at most a year after creation); create a new personal API token (User Settings → Personal API Tokens)\n`,
    );
    expect(posts()).toHaveLength(1);
  });
});

describe('a 2xx answer that names no pipeline', () => {
  it('without a message is a lost answer: looked up, and sent again only when nothing exists', async () => {
    fake.fault({ method: 'POST', path: V2_PATH }, { status: 201, body: {} });
    const { code, stdout } = await cli(args('v2.json', '--json'));
    expect(code).toBe(0);
    expect(posts()).toHaveLength(2);
    expect(fake.pipelines).toHaveLength(1);
    expect(JSON.parse(stdout).triggers[0]).toMatchObject({
      status: 'triggered',
      pipeline: { number: 1 },
    });
  });

  it('with a message started nothing: exit 1 quoting it, and not sent again', async () => {
    fake.fault(
      { method: 'POST', path: V2_PATH },
      { status: 200, body: { message: 'Ignoring pipeline due to CI skip in the commit' } },
    );
    const { code, stderr } = await cli(args('v2.json'));
    expect(code).toBe(1);
    expect(posts()).toHaveLength(1);
    expect(stderr).toContain(
      `error: rule "staging": POST ${V2_PATH}: CircleCI started nothing: "Ignoring pipeline due to CI skip in the commit"; not sending it again\n`,
    );
  });
});
