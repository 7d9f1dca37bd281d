/**
 * The built CLI stopped by a signal, as CircleCI stops a step it cancels or times out, and with
 * its reader gone (`| head`): a child process against the fake CircleCI.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { type Outcome, startBin } from './helpers/run-bin.js';
import { baseEnv, posts, TOKEN } from './helpers/run-harness.js';

const V2_PATH = '/api/v2/project/gh/acme/app/pipeline';

let dir: string;
let bashEnv: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-conditional-signals-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fake = useFake({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });
beforeEach(async () => {
  bashEnv = join(dir, `bash-env-${Math.random().toString(36).slice(2)}`);
  await writeFile(bashEnv, '');
});

async function start(args: string[], rules: unknown, env: Record<string, string> = {}) {
  const file = join(dir, `rules-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(rules));
  const host = args[0] === 'validate' ? [] : ['--host', fake.url];
  return startBin([...args.slice(0, 1), ...host, '--rules', file, ...args.slice(1)], {
    // A checkout of its own: this repository's CI config is not the one of these rules.
    cwd: dir,
    env: { ...baseEnv, BASH_ENV: bashEnv, ...env },
  });
}

/** Resolves once the fake has received `count` POSTs. */
async function postsArrived(count: number): Promise<void> {
  while (posts(fake).length < count) await new Promise((r) => setTimeout(r, 10));
}

const staging = { name: 'staging', branches: ['main'], job: 'deploy_staging' };
const MAY_HAVE =
  'before its outcome was known: a request may have reached CircleCI; check there before rerunning';

describe('a signal while a trigger is in flight', () => {
  it('SIGTERM: says a request may have landed, on stdout with --json and in $BASH_ENV, exit 143', async () => {
    // The fake creates the pipeline, then never answers: the outcome is truly unknown.
    fake.fault({ method: 'POST', path: V2_PATH }, { hangAfterHandling: true });
    const { child, ended } = await start(['--json'], { rules: [staging] });
    await postsArrived(1);
    child.kill('SIGTERM');
    const { code, stdout, stderr } = await ended;
    expect(code).toBe(143);
    expect(JSON.parse(stdout)).toEqual({
      decision: 'failed',
      reason:
        'interrupted by SIGTERM (rule "staging" matches branch "main" (pattern "main")): rule "staging" may have been triggered',
      ref: { kind: 'branch', name: 'main' },
      sha: baseEnv.CIRCLE_SHA1,
      triggers: [
        {
          rule: 'staging',
          job: 'deploy_staging',
          api: 'v2',
          project: 'gh/acme/app',
          status: 'failed',
          reason: `interrupted by SIGTERM ${MAY_HAVE}`,
        },
      ],
      signal: 'SIGTERM',
    });
    expect(stderr).toContain(`error: ${JSON.parse(stdout).reason}\n`);
    expect(stderr).not.toContain('    at ');
    expect(await readFile(bashEnv, 'utf8')).toBe("\nexport CCI_CONDITIONAL_DECISION='failed'\n");
    expect(posts(fake)).toHaveLength(1);
  });

  it('SIGINT after one of two rules triggered: names the pipeline, exit 130', async () => {
    fake.fault({ method: 'POST', path: V2_PATH }, {}, { hang: true });
    const rules = {
      match: 'all',
      rules: [staging, { name: 'docs', branches: ['main'], job: 'deploy_docs' }],
    };
    const { child, ended } = await start([], rules);
    await postsArrived(2);
    child.kill('SIGINT');
    const { code, stdout, stderr } = await ended;
    expect(code).toBe(130);
    expect(stdout).toBe('');
    const pipeline = fake.pipelines[0];
    expect(stderr).toContain(
      `triggered deploy_staging on branch "main": pipeline 1 (${pipeline?.id})\n`,
    );
    expect(stderr).toContain(
      'error: interrupted by SIGINT (rule "staging" matches branch "main" (pattern "main"); rule "docs" matches branch "main" (pattern "main")): rule "staging" triggered; rule "docs" may have been triggered\n',
    );
    expect(await readFile(bashEnv, 'utf8')).toBe(
      `\nexport CCI_CONDITIONAL_DECISION='triggered'\nexport CCI_CONDITIONAL_PIPELINE_ID='${pipeline?.id}'\nexport CCI_CONDITIONAL_PIPELINE_NUMBER='1'\n`,
    );
  });
});

/** Resolves once `check` holds, polling every 10 ms. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
}

/** Sends `signal` and resolves with the outcome and how long the process took to end after it. */
async function stop(child: ChildProcess, ended: Promise<Outcome>, signal: NodeJS.Signals) {
  const sent = Date.now();
  child.kill(signal);
  const outcome = await ended;
  return { ...outcome, ms: Date.now() - sent };
}

const NOTHING_SENT = 'nothing was sent';
const pipelineLines = (id: string | undefined, number: number) =>
  `export CCI_CONDITIONAL_PIPELINE_ID='${id}'\nexport CCI_CONDITIONAL_PIPELINE_NUMBER='${number}'\n`;

describe('a signal at every stage ends the run within 1 s, saying what it had done', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s before anything was sent (the loop guard reading): nothing was sent',
    async (signal, code) => {
      const running = 'f1a2b3c4-0000-4000-8000-000000000001';
      fake.fault({ method: 'GET', path: `/api/v2/pipeline/${running}` }, { hang: true });
      const { child, ended } = await start(
        ['--json'],
        { rules: [staging] },
        {
          CIRCLE_PIPELINE_ID: running,
        },
      );
      await until(() => fake.requests.some((r) => r.path === `/api/v2/pipeline/${running}`));
      const out = await stop(child, ended, signal);
      expect(out.code).toBe(code);
      expect(out.ms).toBeLessThan(1000);
      const result = JSON.parse(out.stdout);
      expect(result.decision).toBe('failed');
      expect(result.reason).toBe(
        `interrupted by ${signal} (rule "staging" matches branch "main" (pattern "main")): ${NOTHING_SENT}`,
      );
      expect(result.reason).not.toContain('may have been');
      expect(out.stderr).toContain(`error: ${result.reason}\n`);
      expect(await readFile(bashEnv, 'utf8')).toBe("\nexport CCI_CONDITIONAL_DECISION='failed'\n");
      expect(posts(fake)).toHaveLength(0);
    },
  );

  it('SIGTERM during the read-back of an accepted trigger: triggered, with its pipeline, in --json and $BASH_ENV', async () => {
    fake.fault({ method: 'GET', path: /^\/api\/v2\/pipeline\/[^/]+$/ }, { hang: true });
    const { child, ended } = await start(['--json'], { rules: [staging] });
    // the outputs are written as soon as the trigger is accepted, before the read-back ends
    await until(async () => (await readFile(bashEnv, 'utf8')).includes('PIPELINE_ID'));
    const pipeline = fake.pipelines[0];
    const atOnce = await readFile(bashEnv, 'utf8');
    expect(atOnce).toBe(
      `\nexport CCI_CONDITIONAL_DECISION='triggered'\n${pipelineLines(pipeline?.id, 1)}`,
    );
    const out = await stop(child, ended, 'SIGTERM');
    expect(out.code).toBe(143);
    expect(out.ms).toBeLessThan(1000);
    const result = JSON.parse(out.stdout);
    expect(result.decision).toBe('triggered');
    expect(result.triggers).toEqual([
      expect.objectContaining({
        rule: 'staging',
        status: 'triggered',
        pipeline: expect.objectContaining({ id: pipeline?.id, number: 1 }),
      }),
    ]);
    expect(result.reason).toBe(
      'interrupted by SIGTERM (rule "staging" matches branch "main" (pattern "main")): rule "staging" triggered',
    );
    expect(await readFile(bashEnv, 'utf8')).toBe(atOnce);
    expect(posts(fake)).toHaveLength(1);
  });

  it('SIGINT while --wait follows the pipeline: triggered, exit 130', async () => {
    await fake.start({
      token: TOKEN,
      pipelineSetupReads: 0,
      workflowDelayReads: 0,
      workflows: () => [
        {
          name: 'deploy',
          statuses: ['running'],
          jobs: [{ name: 'deploy_staging', type: 'build', status: 'running' }],
        },
      ],
    });
    const { child, ended } = await start(['--json', '--wait'], { rules: [staging] });
    await until(() => fake.requests.some((r) => r.path.endsWith('/workflow')));
    const out = await stop(child, ended, 'SIGINT');
    expect(out.code).toBe(130);
    expect(out.ms).toBeLessThan(1000);
    const result = JSON.parse(out.stdout);
    expect(result.decision).toBe('triggered');
    expect(result.triggers[0]).toMatchObject({ status: 'triggered', pipeline: { number: 1 } });
    expect(await readFile(bashEnv, 'utf8')).toBe(
      `\nexport CCI_CONDITIONAL_DECISION='triggered'\n${pipelineLines(fake.pipelines[0]?.id, 1)}`,
    );
  });

  it('SIGTERM during a long check of the CircleCI config, which blocks no signal: nothing was sent', async () => {
    const config = join(dir, 'big-config.yml');
    await writeFile(config, bigConfig(20_000));
    const { child, ended } = await start(['--json', '--log-level', 'debug', '--config', config], {
      rules: [staging],
    });
    let stderr = '';
    child.stderr?.on('data', (text: string) => (stderr += text));
    await until(() => stderr.includes('matches branch'));
    await new Promise((r) => setTimeout(r, 300));
    const out = await stop(child, ended, 'SIGTERM');
    expect(out.code).toBe(143);
    expect(out.ms).toBeLessThan(1000);
    expect(JSON.parse(out.stdout)).toMatchObject({
      decision: 'failed',
      reason: 'interrupted by SIGTERM: nothing was sent',
      signal: 'SIGTERM',
    });
    expect(await readFile(bashEnv, 'utf8')).toBe("\nexport CCI_CONDITIONAL_DECISION='failed'\n");
    expect(fake.requests).toEqual([]);
  });

  it("SIGTERM during validate's long config check: exit 143 with one JSON object", async () => {
    const config = join(dir, 'big-config-validate.yml');
    await writeFile(config, bigConfig(20_000));
    const { child, ended } = await start(['validate', '--json', '--config', config], {
      rules: [staging],
    });
    await new Promise((r) => setTimeout(r, 500));
    const out = await stop(child, ended, 'SIGTERM');
    expect(out.code).toBe(143);
    expect(out.ms).toBeLessThan(1000);
    expect(JSON.parse(out.stdout)).toEqual({
      valid: false,
      reason: 'interrupted by SIGTERM',
      problems: [],
    });
  });
});

/** A CircleCI config that fits the rules and takes seconds to check: `workflows` workflows. */
function bigConfig(workflows: number): string {
  const lines = [
    'version: 2.1',
    'parameters:',
    '  target_job: {type: string, default: ""}',
    '  target_sha: {type: string, default: ""}',
    'jobs:',
    '  deploy_staging:',
    '    docker: [{image: cimg/base:current}]',
    '    steps: [checkout]',
    'workflows:',
  ];
  for (let i = 0; i < workflows; i++) {
    lines.push(
      `  wf${i}:`,
      '    when: << pipeline.parameters.target_job >>',
      '    jobs: [deploy_staging]',
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('a reader that goes away', () => {
  it('is no reason for a stack trace (EPIPE on stdout)', async () => {
    const rules = {
      rules: Array.from({ length: 200 }, (_, i) => ({ ...staging, name: `rule-${i}` })),
    };
    const file = join(dir, 'many-rules.json');
    await writeFile(file, JSON.stringify(rules));
    const { child, ended } = startBin(['check', '--rules', file, '--branch', 'main']);
    child.stdout.destroy();
    const { code, stderr } = await ended;
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('a FIFO as the rules file', () => {
  it('is exit 2 with a sentence from the built CLI, which does not wait for a writer', async () => {
    const fifo = join(dir, 'rules.fifo');
    execFileSync('mkfifo', [fifo]);
    const { code, stderr } = await startBin(['--rules', fifo], { env: baseEnv }).ended;
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: cannot read rules file ${fifo}: it is a FIFO, not a regular file (set --rules)\n`,
    );
  });
});
