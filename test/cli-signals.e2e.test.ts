/**
 * The built CLI stopped by a signal, as CircleCI stops a step it cancels or times out, and with
 * its reader gone (`| head`): a child process against the fake CircleCI.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeCircleCI, startFakeCircleCI } from './fake-circleci/server.js';
import { baseEnv, posts, TOKEN } from './helpers/run-harness.js';

const BIN = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  'bin',
  'cci-conditional.js',
);
const V2_PATH = '/api/v2/project/gh/acme/app/pipeline';

let dir: string;
let bashEnv: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-conditional-signals-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fake: FakeCircleCI;
beforeEach(async () => {
  fake = await startFakeCircleCI({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });
  bashEnv = join(dir, `bash-env-${Math.random().toString(36).slice(2)}`);
  await writeFile(bashEnv, '');
});
afterEach(async () => {
  await fake.close();
});

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(
  args: string[],
  rules: unknown,
): Promise<{ child: ChildProcess; ended: Promise<Outcome> }> {
  return (async () => {
    const file = join(dir, `rules-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(rules));
    const child = spawn(process.execPath, [BIN, '--host', fake.url, '--rules', file, ...args], {
      // A checkout of its own: this repository's CI config is not the one of these rules.
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...baseEnv, BASH_ENV: bashEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const ended = new Promise<Outcome>((done, fail) => {
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
    return { child, ended };
  })();
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

describe('a reader that goes away', () => {
  it('is no reason for a stack trace (EPIPE on stdout)', async () => {
    const rules = {
      rules: Array.from({ length: 200 }, (_, i) => ({ ...staging, name: `rule-${i}` })),
    };
    const file = join(dir, 'many-rules.json');
    await writeFile(file, JSON.stringify(rules));
    const child = spawn(process.execPath, [BIN, 'check', '--rules', file, '--branch', 'main'], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const code = await new Promise((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('a FIFO as the rules file', () => {
  it('is exit 2 with a sentence from the built CLI, which does not wait for a writer', async () => {
    const fifo = join(dir, 'rules.fifo');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [BIN, '--rules', fifo], {
      env: { PATH: process.env.PATH ?? '', ...baseEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const code = await new Promise((done) => child.on('close', done));
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: cannot read rules file ${fifo}: it is a FIFO, not a regular file (set --rules)\n`,
    );
  });
});
