/**
 * The config check on another thread, as the bin runs it (src/config-check/isolated.ts): what crosses to
 * the thread and back is data alone, the outcome is the same as in this thread, and a thread that
 * fails leaves the config unchecked (run) or is exit 2 (validate), never a stack trace.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IsolatedTask, runIsolated, worthIsolating } from '../src/config-check/isolated.js';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, posts, TOKEN } from './helpers/run-harness.js';

let LOOPING = resolve('test/fixtures/configs/looping.yml');
const staging = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };

/** The rules given, and the config files as they are on disk. */
const files = async (path: string) =>
  path.endsWith('.yml') ? readFile(path, 'utf8') : JSON.stringify(staging);

/** The worker's protocol without the worker: only what structuredClone copies goes and comes. */
const sameThread = async (task: IsolatedTask, input: unknown) =>
  structuredClone(await runIsolated(task, structuredClone(input)));
const failing = async () => {
  throw new Error('ERR_WORKER_OUT_OF_MEMORY');
};

const fake = useFake({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-conditional-isolated-'));
  // Larger than 64 KiB: checked on the other thread.
  const large = join(dir, 'looping-large.yml');
  await writeFile(large, `${await readFile(LOOPING, 'utf8')}\n# ${'x'.repeat(70_000)}\n`);
  LOOPING = large;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('worthIsolating', () => {
  it.each([
    ['a small config', 'version: 2.1\njobs: {a: {steps: [checkout]}}\n', false],
    // a star that only looks like an alias costs the thread's start-up, nothing else
    ['a star in a command', 'steps: [run: ls *.txt]\n', true],
    ['a config with an alias', 'defaults: &d {a: 1}\njobs:\n  a:\n    <<: *d\n', true],
    ['an alias in a flow list', 'x: [*d, *e]\n', true],
    ['a glob in a string', 'branches: {only: ["release/*", "*"]}\n', false],
    ['a large config', `# ${'x'.repeat(70_000)}\n`, true],
  ])('decides for %s', (_, text, expected) => {
    expect(worthIsolating(text)).toBe(expected);
  });
});

describe('the config check on another thread', () => {
  it('stops a run with the same lines and exit 2 as in this thread', async () => {
    const args = ['--host', fake.url, '--config', LOOPING];
    const here = await cliWith(args, { ...baseEnv }, staging, { readFile: files });
    const there = await cliWith(args, { ...baseEnv }, staging, {
      readFile: files,
      isolate: sameThread,
    });
    expect(there).toEqual(here);
    expect(there.code).toBe(2);
    expect(there.stderr).toContain('does not fit the rule that fired');
    expect(fake.requests).toEqual([]);
  });

  it('validates with the same lines and exit code as in this thread', async () => {
    const rules = join(dir, 'rules.json');
    await writeFile(rules, JSON.stringify(staging));
    const args = ['validate', '--rules', rules, '--config', LOOPING, '--json'];
    const here = await cliWith(args, {}, staging, { readFile: files });
    const there = await cliWith(args, {}, staging, { readFile: files, isolate: sameThread });
    expect(there).toEqual(here);
    expect(there.code).toBe(2);
  });

  it('leaves the config unchecked when the thread fails, and the run goes on', async () => {
    const run = await cliWith(['--host', fake.url, '--config', LOOPING], baseEnv, staging, {
      readFile: files,
      isolate: failing,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `warning: ${LOOPING} could not be checked against the rules (ERR_WORKER_OUT_OF_MEMORY); the config is not checked against the rules\n`,
    );
    expect(posts(fake)).toHaveLength(1);
  });

  it('is exit 2 with one line in validate when the thread fails', async () => {
    const io = { readFile: files, isolate: failing };
    const run = await cliWith(['validate', '--config', LOOPING], {}, staging, io);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${LOOPING} could not be checked against the rules (ERR_WORKER_OUT_OF_MEMORY)\n`,
    });
  });
});
