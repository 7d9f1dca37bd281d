/**
 * The built CLI as CircleCI runs it: `node bin/cci-conditional.js` in a child process with a fully
 * controlled environment, against the fake CircleCI. `npm test` builds first; the many token-leak
 * cases also run in-process through `main()`, which is the same code without the process cost.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultStep } from './fake-circleci/types.js';
import { useFake } from './helpers/fake.js';
import { type Outcome, ROOT, runBin as runBinIn } from './helpers/run-bin.js';
import { baseEnv as harnessEnv, mainWith } from './helpers/run-harness.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

const TOKEN = 'CCIPAT_leak_check_0123456789abcdef';
/** A CircleCI config that fits the rules below. */
const FITTING_CONFIG = join(ROOT, 'examples', 'github-oauth', 'config.yml');
const SHA = 'fedcba9876543210fedcba9876543210fedcba98';
const V2_PATH = '/api/v2/project/gh/acme/app/pipeline';

const baseEnv = { ...harnessEnv, CIRCLE_SHA1: SHA, CIRCLE_API_TOKEN: TOKEN };

let dir: string;
let rules: string;
let v1Rules: string;
let invalidRules: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-conditional-e2e-'));
  rules = join(dir, 'deploy-rules.json');
  v1Rules = join(dir, 'v1-rules.json');
  invalidRules = join(dir, 'invalid-rules.json');
  await writeFile(
    rules,
    JSON.stringify({ rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] }),
  );
  await writeFile(
    v1Rules,
    JSON.stringify({ api: 'v1.1', rules: [{ branches: ['main'], job: 'deploy_staging' }] }),
  );
  await writeFile(invalidRules, '{"rules": [{"branches": ["main"], "job": "deploy",}]}');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fake = useFake({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });

/** Runs the bin in the test's directory, with only PATH inherited. */
function runBin(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return runBinIn(args, env, dir);
}

async function runInProcess(args: string[], env: Record<string, string>): Promise<Outcome> {
  // From the repository's root, the default config would be this repository's own CI config.
  return mainWith(
    args,
    { CCI_CONDITIONAL_CONFIG: FITTING_CONFIG, ...env },
    {
      readFile: (path: string) => readFile(path, 'utf8'),
      // retries and polls do not really wait (used by main when it takes a sleep)
      sleep: async (_ms: number) => {},
    },
  );
}

describe('the built CLI', () => {
  it('prints its version and its help, exiting 0', async () => {
    const [versionRun, helpRun] = await Promise.all([runBin(['--version']), runBin(['--help'])]);
    expect(versionRun).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(helpRun.code).toBe(0);
    expect(helpRun.stdout).toMatch(
      /^cci-conditional \[run\|check\|validate\|doctor\] \[options\]\n/,
    );
    expect(helpRun.stdout).toContain('--dry-run');
    expect(helpRun.stderr).toBe('');
  });

  it('reads help and version as words too', async () => {
    const [helpCheck, versionWord, short] = await Promise.all([
      runBin(['help', 'check']),
      runBin(['version']),
      runBin(['-v']),
    ]);
    expect(helpCheck.code).toBe(0);
    expect(helpCheck.stdout).toMatch(/^cci-conditional check\n/);
    expect(helpCheck.stderr).toBe('');
    expect(versionWord).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(short).toEqual(versionWord);
  });

  it('triggers a pipeline and exits 0', async () => {
    const { code, stderr } = await runBin(['--host', fake.url, '--rules', rules], baseEnv);
    expect(code).toBe(0);
    const sent = fake.requests.filter((request) => request.method === 'POST');
    expect(sent.map((request) => [request.path, request.headers['circle-token']])).toEqual([
      [V2_PATH, TOKEN],
    ]);
    expect(stderr).toContain(
      `triggered deploy_staging on branch "main": pipeline 1 (${fake.pipelines[0]?.id})\n`,
    );
  });

  it.each([
    ['a reset after CircleCI acted', { resetAfterHandling: true }],
    ['a 500 after CircleCI acted', { statusAfterHandling: 500 }],
    ['a 503 after CircleCI acted', { statusAfterHandling: 503 }],
  ] as Array<[string, FaultStep]>)(
    "creates exactly one pipeline after %s, with an earlier one and another user's around",
    async (_case, fault) => {
      const old = new Date(Date.now() - 10 * 60_000).toISOString();
      fake.addPipeline({ trigger: { type: 'api' }, created_at: old });
      fake.addPipeline({
        trigger: { type: 'api', actor: { login: 'someone-else', avatar_url: null } },
      });
      fake.fault({ method: 'POST', path: V2_PATH }, fault);
      const { code, stderr } = await runBin(['--host', fake.url, '--rules', rules], baseEnv);
      const created = fake.pipelines[2];
      expect(code).toBe(0);
      expect(fake.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
      expect(fake.pipelines).toHaveLength(3);
      expect(stderr).toContain('so CircleCI may have acted on it: it did, using what it created\n');
      expect(stderr).toContain(`pipeline 3 (${created?.id})`);
    },
  );

  it('sends one request from node 0 when 4 parallel containers run it at once', async () => {
    const runs = await Promise.all(
      [0, 1, 2, 3].map((node) =>
        runBin(['--host', fake.url, '--rules', rules], {
          ...baseEnv,
          CIRCLE_NODE_INDEX: String(node),
          CIRCLE_NODE_TOTAL: '4',
        }),
      ),
    );
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0]);
    expect(fake.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(fake.pipelines).toHaveLength(1);
    expect(runs[0]?.stderr).toContain('triggered deploy_staging on branch "main": pipeline 1');
    for (const node of [1, 2, 3]) {
      expect(runs[node]?.stderr).toBe(`skipped: node ${node} of 4; only node 0 triggers\n`);
    }
  });

  it('sends nothing from any of 4 containers when CIRCLE_NODE_INDEX is unset', async () => {
    const runs = await Promise.all(
      [0, 1, 2, 3].map(() =>
        runBin(['--host', fake.url, '--rules', rules], { ...baseEnv, CIRCLE_NODE_TOTAL: '4' }),
      ),
    );
    expect(runs.map((run) => run.code)).toEqual([2, 2, 2, 2]);
    expect(runs[0]?.stderr).toBe(
      'error: CIRCLE_NODE_INDEX is not set while CIRCLE_NODE_TOTAL=4: every container would trigger; run this in a CircleCI job step, which sets both\n',
    );
    expect(fake.requests).toEqual([]);
  });

  it('sends nothing with --dry-run=1 or CCI_CONDITIONAL_DRY_RUN=yes', async () => {
    const runs = await Promise.all([
      runBin(['--host', fake.url, '--rules', rules, '--dry-run=1'], baseEnv),
      runBin(['--host', fake.url, '--rules', rules], {
        ...baseEnv,
        CCI_CONDITIONAL_DRY_RUN: 'yes',
      }),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('rule "staging" would send:\n');
    }
    expect(fake.requests).toEqual([]);
  });

  it('refuses a misspelled switch variable and prints one JSON object with --json', async () => {
    const { code, stdout, stderr } = await runBin(['--rules', rules, '--json'], {
      ...baseEnv,
      CCI_CONDITIONAL_DRYRUN: 'true',
    });
    const reason =
      'CCI_CONDITIONAL_DRYRUN is not an option variable; did you mean CCI_CONDITIONAL_DRY_RUN? (see --help)';
    expect({ code, stderr }).toEqual({ code: 2, stderr: `error: ${reason}\n` });
    expect(JSON.parse(stdout)).toEqual({ decision: 'failed', reason, triggers: [] });
    expect(fake.requests).toEqual([]);
  });

  it('exits 2 on an invalid rules file with one line and no stack', async () => {
    const { code, stdout, stderr } = await runBin(['--rules', invalidRules], baseEnv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `error: invalid rules file ${invalidRules}: JSON syntax error at line 1, column 51: property name expected\n`,
    );
    expect(fake.requests).toEqual([]);
  });
});

/**
 * Every form in which the token could leak (as is, trimmed, JSON-escaped once and twice,
 * URL-encoded), and every piece of 8 characters of one, as a cut leaves it.
 */
function leakedForms(output: string, token: string): string[] {
  const escaped = (text: string) => JSON.stringify(text).slice(1, -1);
  const forms = new Set([
    token,
    token.trim(),
    escaped(token),
    escaped(escaped(token)),
    encodeURIComponent(token),
  ]);
  const pieces = [...forms].flatMap((form) =>
    Array.from({ length: Math.max(0, form.length - 7) }, (_, at) => form.slice(at, at + 8)),
  );
  return [...new Set([...forms, ...pieces])].filter((form) => output.includes(form));
}

interface LeakCase {
  name: string;
  /** the secret to look for; TOKEN unless the case sets another */
  token?: string;
  faults?: FaultStep[];
  env?: Record<string, string>;
  args?: string[];
  /** undefined: either is right, as long as nothing is triggered twice */
  code?: number;
  /** the API echoed the token, so `***` must show where it was */
  echoed?: boolean;
}

const echo = (status: number, token = TOKEN): FaultStep => ({
  status,
  body: { message: `token ${token} is not allowed here` },
});

/** A token with the characters JSON escapes, and one that is only hex, as legacy tokens are. */
const QUOTED_TOKEN = 'CCIPAT_"quoted\\back/slash_0123456789';
const HEX_TOKEN = '0123456789abcdef0123456789abcdef01234567';
const SPLIT_TOKEN = `${TOKEN.slice(0, 12)}\n${TOKEN.slice(12)}`;
const NO_TOKEN = { CIRCLE_API_TOKEN: '' };

const LEAK_CASES: LeakCase[] = [
  { name: 'a successful trigger', code: 0 },
  {
    name: 'a success answer that echoes the token',
    faults: [
      {
        status: 201,
        body: {
          id: '5034460f-c7c4-4c43-9457-de07e2029e7b',
          number: 7,
          state: 'created',
          created_at: '2026-01-01T00:00:00.000Z',
          echo: TOKEN,
        },
      },
    ],
    code: 0,
    echoed: true,
  },
  { name: 'a 401 that echoes the token', faults: [echo(401)], code: 1, echoed: true },
  { name: 'a 404 that echoes the token', faults: [echo(404)], code: 1, echoed: true },
  {
    name: 'a plain-text 403 whose cut at 200 characters falls inside the token',
    faults: [{ status: 403, text: `${'e'.repeat(180)}${TOKEN} is not allowed here` }],
    code: 1,
  },
  {
    name: 'a 401 message whose error line is cut at 2,000 characters inside the token',
    faults: [{ status: 401, body: { message: `${'m'.repeat(1920)}${TOKEN} is not allowed` } }],
    code: 1,
  },
  {
    name: 'a 429, then a 500 that is looked up, then sent again',
    faults: [{ status: 429, headers: { 'retry-after': '0' } }, { status: 500 }],
    code: 0,
  },
  {
    name: 'a timeout',
    faults: [{ hang: true }],
    args: ['--timeout', '0.2', '--retries', '0'],
    code: 1,
  },
  { name: 'a connection reset', faults: [{ reset: true }], args: ['--retries', '0'], code: 1 },
  {
    name: 'a POST with an unknown outcome',
    faults: [{ resetAfterHandling: true }],
    args: ['--retries', '0'],
    code: 0,
  },
  {
    name: 'a POST with an unknown outcome, looked up before any retry',
    faults: [{ resetAfterHandling: true }, { status: 504 }],
  },
  { name: 'a v1.1 trigger', args: ['--rules-v1'], code: 0 },
  { name: 'a dry run', args: ['--dry-run'], code: 0 },
  { name: 'an invalid rules file', args: ['--rules-invalid'], code: 2 },
  { name: 'a missing CIRCLE_SHA1', env: { CIRCLE_SHA1: '' }, code: 2 },
  // `--token-env $CIRCLE_API_TOKEN` is an easy mistake: the value is then a variable name.
  { name: 'the token given to --token-env by mistake', args: ['--token-env', TOKEN], code: 2 },
  {
    name: 'the token of another variable given to --token-env',
    env: { ...NO_TOKEN, DEPLOY_TOKEN: TOKEN },
    args: ['--token-env', TOKEN],
    code: 2,
  },
  {
    name: 'the token given as --token-env=VALUE',
    env: { ...NO_TOKEN, DEPLOY_TOKEN: TOKEN },
    args: [`--token-env=${TOKEN}`],
    code: 2,
  },
  {
    name: 'the token given as CCI_CONDITIONAL_TOKEN_ENV',
    env: { ...NO_TOKEN, DEPLOY_TOKEN: TOKEN, CCI_CONDITIONAL_TOKEN_ENV: TOKEN },
    code: 2,
  },
  {
    name: 'a hex token given to --token-env, which is no variable name',
    token: HEX_TOKEN,
    args: ['--token-env', HEX_TOKEN],
    code: 2,
  },
  {
    name: 'a token given to --token-env with a usage error after it',
    env: { ...NO_TOKEN, DEPLOY_TOKEN: TOKEN },
    args: ['--token-env', TOKEN, '--DRY-RUN'],
    code: 2,
  },
  {
    name: 'the token pasted as a word of the command line',
    token: HEX_TOKEN,
    env: { CIRCLE_TOKEN: HEX_TOKEN },
    args: [HEX_TOKEN],
    code: 2,
  },
  { name: 'a token with a trailing line break', env: { CIRCLE_API_TOKEN: `${TOKEN}\n` }, code: 0 },
  { name: 'a token with a trailing space', env: { CIRCLE_API_TOKEN: `${TOKEN} ` }, code: 0 },
  {
    name: 'a token with a trailing line break that the API echoes',
    env: { CIRCLE_API_TOKEN: `${TOKEN}\r\n` },
    faults: [echo(401)],
    code: 1,
    echoed: true,
  },
  {
    name: 'a token with a line break inside',
    token: SPLIT_TOKEN,
    env: { CIRCLE_API_TOKEN: SPLIT_TOKEN },
    code: 2,
  },
  {
    name: 'a token with quotes and backslashes that the API echoes',
    token: QUOTED_TOKEN,
    env: { CIRCLE_API_TOKEN: QUOTED_TOKEN },
    faults: [echo(401, QUOTED_TOKEN)],
    code: 1,
    echoed: true,
  },
  {
    name: 'a token in CIRCLE_TOKEN that the API echoes',
    env: { ...NO_TOKEN, CIRCLE_TOKEN: TOKEN },
    faults: [echo(403)],
    code: 1,
    echoed: true,
  },
  {
    name: 'a token in the --token-env variable that the API echoes',
    env: { ...NO_TOKEN, DEPLOY_TOKEN: TOKEN },
    args: ['--token-env', 'DEPLOY_TOKEN'],
    faults: [echo(401)],
    code: 1,
    echoed: true,
  },
  { name: 'a short token', token: 'x9z2y', env: { CIRCLE_API_TOKEN: 'x9z2y' }, code: 2 },
  { name: 'a very short token', token: 'q7', env: { CIRCLE_API_TOKEN: 'q7' }, code: 2 },
];

function argsOf(leak: LeakCase, format: string): string[] {
  const extra = leak.args ?? [];
  const file = extra.includes('--rules-v1')
    ? v1Rules
    : extra.includes('--rules-invalid')
      ? invalidRules
      : rules;
  const rest = extra.filter((arg) => !arg.startsWith('--rules-'));
  return [
    ...['--host', fake.url, '--rules', file, '--log-level', 'trace', '--log-format', format],
    ...['--json', ...rest],
  ];
}

describe('the token never appears in any output', () => {
  it.each(
    LEAK_CASES.flatMap((leak) => [
      { ...leak, format: 'text' },
      { ...leak, format: 'json' },
    ]),
  )('after $name, with --log-format $format at trace level and --json', async (leak) => {
    if (leak.faults) fake.fault({ method: 'POST' }, ...leak.faults);
    const { code, stdout, stderr } = await runInProcess(argsOf(leak, leak.format), {
      ...baseEnv,
      ...leak.env,
    });
    if (leak.code !== undefined) expect(code).toBe(leak.code);
    expect(fake.pipelines.length).toBeLessThanOrEqual(1);
    // The rules files' folder has a random name, which may hold a very short token by chance.
    const outside = (text: string) => text.replaceAll(dir, '<dir>');
    expect(leakedForms(outside(stdout), leak.token ?? TOKEN)).toEqual([]);
    expect(leakedForms(outside(stderr), leak.token ?? TOKEN)).toEqual([]);
    // trace logs show something, and a JSON result always comes out
    expect(stderr).not.toBe('');
    expect(JSON.parse(stdout).decision).toEqual(expect.any(String));
    if (leak.echoed) expect(`${stdout}${stderr}`).toContain('***');
  });

  it('keeps the token out of the dry-run text, which shows *** instead', async () => {
    const { code, stdout, stderr } = await runInProcess(
      ['--host', fake.url, '--rules', rules, '--log-level', 'trace', '--dry-run'],
      baseEnv,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Circle-Token: ***\n');
    expect(leakedForms(`${stdout}${stderr}`, TOKEN)).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it.each([
    { name: 'a successful trigger', format: 'json', faults: [] as FaultStep[], code: 0 },
    {
      name: 'a 404 that echoes the token',
      format: 'text',
      faults: [echo(404)],
      code: 1,
      echoed: true,
    },
    {
      name: 'a POST with an unknown outcome, found by the lookup',
      format: 'json',
      faults: [{ resetAfterHandling: true }] as FaultStep[],
      code: 0,
    },
  ])('in the built CLI after $name ($format logs)', async ({ format, faults, code, echoed }) => {
    if (faults.length > 0) fake.fault({ method: 'POST' }, ...faults);
    const run = await runBin(
      [
        ...['--host', fake.url, '--rules', rules, '--json', '--retries', '0'],
        ...['--log-level', 'trace', '--log-format', format],
      ],
      baseEnv,
    );
    expect(run.code).toBe(code);
    expect(leakedForms(run.stdout, TOKEN)).toEqual([]);
    expect(leakedForms(run.stderr, TOKEN)).toEqual([]);
    expect(fake.requests[0]?.headers['circle-token']).toBe(TOKEN);
    const { version } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    );
    expect(fake.requests.map((r) => r.headers['user-agent'])).toContain(
      `cci-conditional/${version}`,
    );
    expect(
      fake.requests.every((r) => r.headers['user-agent'] === `cci-conditional/${version}`),
    ).toBe(true);
    if (echoed) expect(run.stderr).toContain('token *** is not allowed here');
  });

  it.each(['text', 'json'])(
    'in the built CLI when --token-env is handed the token itself (%s logs)',
    async (format) => {
      const run = await runBin(
        [
          ...['--host', fake.url, '--rules', rules, '--json', '--log-level', 'trace'],
          ...['--log-format', format, '--token-env', TOKEN],
        ],
        { ...baseEnv, CIRCLE_API_TOKEN: '', DEPLOY_TOKEN: `${TOKEN}\n` },
      );
      expect(run.code).toBe(2);
      expect(leakedForms(run.stdout, TOKEN)).toEqual([]);
      expect(leakedForms(run.stderr, TOKEN)).toEqual([]);
      expect(JSON.parse(run.stdout).reason).toBe(
        '--token-env was given the value of DEPLOY_TOKEN, not a variable name: write --token-env DEPLOY_TOKEN',
      );
      expect(fake.requests).toEqual([]);
    },
  );

  it('in the built CLI on a dry run', async () => {
    const run = await runBin(
      ['--host', fake.url, '--rules', rules, '--dry-run', '--log-level', 'trace'],
      baseEnv,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Circle-Token: ***\n');
    expect(leakedForms(`${run.stdout}${run.stderr}`, TOKEN)).toEqual([]);
  });
});

interface DoctorLeakCase {
  name: string;
  arrange?: () => void;
  args?: string[];
  env?: Record<string, string>;
  code: number;
  /** the API echoed the token in a message doctor reports, so `***` must show where it was */
  echoed?: boolean;
}

const DOCTOR_LEAK_CASES: DoctorLeakCase[] = [
  { name: 'every check passing', arrange: () => void fake.addPipeline(), code: 0 },
  {
    name: 'a 401 on /me that echoes the token',
    arrange: () => fake.fault({ path: '/api/v2/me' }, echo(401)),
    code: 1,
    echoed: true,
  },
  {
    name: 'a 404 on the project that echoes the token',
    arrange: () => fake.fault({ path: '/api/v2/project/gh/acme/app' }, echo(404)),
    code: 1,
    echoed: true,
  },
  {
    name: 'pipelines whose values carry the token',
    arrange: () =>
      fake.fault(
        { path: '/api/v2/project/gh/acme/app/pipeline' },
        { status: 200, body: { items: [{ created_at: TOKEN, trigger: { type: TOKEN } }] } },
      ),
    code: 1,
  },
  {
    name: 'an unreachable API',
    arrange: () => fake.fault({}, ...Array(3).fill({ reset: true })),
    args: ['--retries', '0'],
    code: 1,
  },
  { name: 'no token', env: { CIRCLE_API_TOKEN: '' }, code: 1 },
  // A variable name that is the token: doctor reports it as no token (a problem, exit 1).
  { name: 'the token given to --token-env by mistake', args: ['--token-env', TOKEN], code: 2 },
  { name: 'a bad --project', args: ['--project', `gh/${TOKEN}`], code: 2 },
];
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'];

describe('the token never appears in the output of doctor', () => {
  it.each(
    DOCTOR_LEAK_CASES.flatMap((leak) =>
      LEVELS.flatMap((level) => [
        { ...leak, level, format: 'text', json: true },
        { ...leak, level, format: 'json', json: false },
      ]),
    ),
  )('after $name, at $level level with --log-format $format (--json: $json)', async (leak) => {
    leak.arrange?.();
    const { code, stdout, stderr } = await runInProcess(
      [
        ...['doctor', '--host', fake.url, '--rules', rules],
        ...['--log-level', leak.level, '--log-format', leak.format],
        ...(leak.json ? ['--json'] : []),
        ...(leak.args ?? []),
      ],
      { ...baseEnv, ...leak.env },
    );
    expect(code).toBe(leak.code);
    expect(leakedForms(stdout, TOKEN)).toEqual([]);
    expect(leakedForms(stderr, TOKEN)).toEqual([]);
    if (leak.json) expect(JSON.parse(stdout)).toHaveProperty('ok', code === 0);
    if (leak.echoed) expect(stdout).toContain('token *** is not allowed here');
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it.each([
    { format: 'text', env: baseEnv, code: 0 },
    { format: 'json', env: { ...baseEnv, CIRCLE_API_TOKEN: 'refused-0123456789abcdef' }, code: 1 },
  ])(
    'in the built CLI ($format logs, exit $code), sending only GETs',
    async ({ format, env, code }) => {
      fake.addPipeline();
      const run = await runBin(
        [
          ...['doctor', '--host', fake.url, '--rules', rules, '--json'],
          ...['--log-level', 'trace', '--log-format', format],
        ],
        env,
      );
      expect(run.code).toBe(code);
      const report = JSON.parse(run.stdout) as { ok: boolean; checks: { name: string }[] };
      expect(report.ok).toBe(code === 0);
      expect(report.checks.map((check) => check.name)).toEqual([
        'rules',
        'config',
        'token',
        'project',
        'answers',
      ]);
      for (const secret of [TOKEN, env.CIRCLE_API_TOKEN ?? '']) {
        expect(leakedForms(`${run.stdout}${run.stderr}`, secret)).toEqual([]);
      }
      expect(fake.requests.length).toBeGreaterThan(0);
      expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    },
  );
});
