/**
 * The patterns of the adversarial report through the built CLI: each is decided in linear time
 * or refused, well within 5 s, on a branch name of 240 dashes (which took them 42 to 48 s), and a
 * name beyond 1,000 bytes is exit 2.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBin } from './helpers/run-bin.js';
import { baseEnv } from './helpers/run-harness.js';

const DASHES = `feature/${'-'.repeat(240)}`;
/** Generous: the point is that nothing runs for tens of seconds, on a busy machine too. */
const WITHIN_MS = 5000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-conditional-patterns-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runBin(args: string[], patterns: string[], env: Record<string, string> = {}) {
  const rules = join(dir, `rules-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(rules, JSON.stringify({ rules: [{ branches: patterns, job: 'deploy' }] }));
  const started = Date.now();
  const { code, stderr } = await startBin([...args, '--rules', rules], {
    cwd: dir,
    // no token and no host: nothing could be sent anyway
    env: { ...baseEnv, CIRCLE_API_TOKEN: '', ...env },
  }).ended;
  return { code, stderr, ms: Date.now() - started };
}

describe('patterns that backtracked polynomially', () => {
  it.each([
    ['the glob', 'feature/*-*-*-*-*-[0-9]'],
    ['the regex', '/^feature\\/.*-.*-.*-.*-.*-[0-9]+$/'],
    ['the regex with one more .*', '/^feature\\/.*-.*-.*-.*-.*-.*-[0-9]+$/'],
  ])('%s is valid and decided at once by check and run', async (_, pattern) => {
    const validate = await runBin(['validate'], [pattern]);
    expect(validate.code).toBe(0);
    const check = await runBin(['check', '--branch', DASHES], [pattern]);
    expect(check.code).toBe(1);
    const run = await runBin([], [pattern], { CIRCLE_BRANCH: DASHES });
    expect(run).toMatchObject({
      code: 0,
      stderr: expect.stringMatching(/^skipped: no rule matches/),
    });
    for (const one of [validate, check, run]) expect(one.ms).toBeLessThan(WITHIN_MS);
  });

  it('is refused, naming it, when a lookaround leaves it to JavaScript', async () => {
    const pattern = '/^(?=f)feature\\/.*-.*-.*-.*-.*-[0-9]+$/';
    for (const args of [['validate'], ['check', '--branch', DASHES], []]) {
      const run = await runBin(args, [pattern], { CIRCLE_BRANCH: DASHES });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${JSON.stringify(pattern)} can backtrack polynomially`);
      expect(run.ms).toBeLessThan(WITHIN_MS);
    }
  });
});

describe('a name longer than 1,000 bytes', () => {
  it('is exit 2 in check and run', async () => {
    const name = `feature/${'-'.repeat(993)}`;
    const check = await runBin(['check', '--branch', name], ['feature/**']);
    expect(check).toMatchObject({ code: 2 });
    expect(check.stderr).toBe(
      'error: --branch is 1001 bytes long: branch and tag names longer than 1000 bytes are refused, so that no name can make matching slow\n',
    );
    const run = await runBin([], ['feature/**'], { CIRCLE_BRANCH: name });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: CIRCLE_BRANCH is 1001 bytes long');
  });
});
