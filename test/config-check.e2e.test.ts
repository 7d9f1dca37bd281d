/**
 * The config check in the built CLI, run as CircleCI runs it: a checkout with its
 * .circleci/config.yml and rules file, the bin in a child process, the fake CircleCI as API.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeCircleCI, startFakeCircleCI } from './fake-circleci/server.js';
import { deeplyNested } from './helpers/hostile-configs.js';
import { baseEnv, posts, TOKEN } from './helpers/run-harness.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'cci-conditional.js');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cci-conditional-config-'));
  mkdirSync(join(dir, '.circleci'));
  copyFileSync(join(ROOT, 'test/fixtures/configs/looping.yml'), join(dir, '.circleci/config.yml'));
  const rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
  writeFileSync(join(dir, '.circleci/deploy-rules.json'), JSON.stringify(rules));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fake: FakeCircleCI;
beforeEach(async () => {
  fake = await startFakeCircleCI({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });
});
afterEach(async () => {
  await fake.close();
});

/** The bin with only PATH inherited, in the checkout. Async: the fake answers in this process. */
function bin(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const options = { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } };
    execFile(process.execPath, [BIN, ...args], options, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the built CLI checks .circleci/config.yml', () => {
  it('validate names each problem and exits 2', async () => {
    const run = await bin(['validate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(
      '.circleci/deploy-rules.json is valid: 1 rule(s), api v2, match first\n',
    );
    // docs/config.md shows this very run.
    const page = readFileSync(join(ROOT, 'docs/config.md'), 'utf8');
    const shown = page.slice(page.indexOf('For a config written before\ncci-conditional'));
    const block =
      /```console\n\$ npx cci-conditional@1 validate {3}# exit 2\n([\s\S]*?)```/.exec(shown)?.[1] ??
      '';
    const errors = block.split('\n').filter((line) => line.startsWith('error: '));
    expect(errors).toHaveLength(5);
    expect(run.stderr).toBe(`${errors.join('\n')}\n`);
    expect(run.stderr).toContain(
      'error: .circleci/config.yml does not fit the rules: 1 v2 rule(s) checked, 4 problems, 0 warnings\n',
    );
  });

  it('validate reads anchors, aliases and merge keys with the bundled YAML parser', async () => {
    const config = join(ROOT, 'test/fixtures/configs/anchors.yml');
    const run = await bin(['validate', '--config', config]);
    expect(run).toEqual({
      code: 0,
      stdout: `.circleci/deploy-rules.json is valid: 1 rule(s), api v2, match first\n${config} fits the rules: 1 v2 rule(s) checked, 0 problems, 1 warning\n`,
      stderr: expect.stringMatching(
        /^warning: rule "staging" deploys job deploy_staging .*serial-group.*\n$/,
      ),
    });
  });

  it('validate ends a config nested 5,000 levels deep with one line and exit 2, run goes on', async () => {
    // Before: "unexpected error: Maximum call stack size exceeded" from validate, run and doctor.
    const config = join(dir, 'deep.yml');
    writeFileSync(config, deeplyNested());
    const validated = await bin(['validate', '--config', config]);
    expect(validated.code).toBe(2);
    expect(validated.stderr).toMatch(
      /^error: \S+deep\.yml is not checked against the rules: (the YAML parser ran out of stack|it nests deeper)[^\n]*\n$/,
    );
    const env = { ...baseEnv, CIRCLE_API_TOKEN: TOKEN };
    const ran = await bin(['--host', fake.url, '--config', config], env);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toMatch(/^warning: \S+deep\.yml is not checked against the rules: /m);
    expect(posts(fake)).toHaveLength(1);
  });

  it('run sends nothing into a config that would fail, and sends with --no-config-check', async () => {
    const env = { ...baseEnv, CIRCLE_API_TOKEN: TOKEN };
    const refused = await bin(['--host', fake.url], env);
    expect(refused.code).toBe(2);
    expect(fake.requests).toEqual([]);
    const sent = await bin(['--host', fake.url, '--no-config-check'], env);
    expect(sent.code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
  });
});
