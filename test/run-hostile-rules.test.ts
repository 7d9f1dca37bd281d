/**
 * Hostile patterns and names through whole runs against the fake CircleCI: each ends with exit 2
 * and one line naming the place, before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, TOKEN } from './helpers/run-harness.js';

const fake = useFake({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });

const rule = (branches: string[]) => ({ rules: [{ name: 'release', branches, job: 'deploy' }] });
// Matching this name against the pattern took 16 s before patterns were checked.
const HANGING_NAME = `release/${'1'.repeat(28)}x`;

describe('a pattern that can backtrack exponentially', () => {
  it.each([
    ['run', ['--host']],
    ['check', ['check', '--branch', HANGING_NAME]],
    ['validate', ['validate']],
  ])('stops %s with exit 2 naming its place, sending nothing', async (_, command) => {
    const argv = command[0] === '--host' ? ['--host', fake.url] : command;
    const env = { ...baseEnv, CIRCLE_BRANCH: HANGING_NAME };
    const run = await cliWith(
      [...argv, '--rules', 'r.json'],
      env,
      rule(['main', '/release\\/(\\d+\\.?)+/']),
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: invalid rules file r.json: rules[0].branches[1]: "/release\\\\/(\\\\d+\\\\.?)+/" can backtrack exponentially (\\d+ repeats inside (\\d+\\.?)+), so a branch or tag name could make matching hang: write it without a repetition inside a repetition or alternatives that overlap\n',
    );
    expect(fake.requests).toEqual([]);
  });

  it('lets the same rule written safely trigger for that name', async () => {
    const env = { ...baseEnv, CIRCLE_BRANCH: 'release/1.2' };
    const run = await cliWith(
      ['--host', fake.url, '--rules', 'r.json'],
      env,
      rule(['/release\\/[\\d.]+/']),
    );
    expect(run.code).toBe(0);
    expect(fake.pipelines).toHaveLength(1);
  });
});

describe('a regex that widens once anchored', () => {
  it('is exit 2 rather than a trigger for every branch', async () => {
    const env = { ...baseEnv, CIRCLE_BRANCH: 'feature/anything' };
    const run = await cliWith(
      ['--host', fake.url, '--rules', 'r.json'],
      env,
      rule(['/main)|(.*/']),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: invalid rules file r.json: rules[0].branches[0]: invalid regular expression /main)|(.*/: Unmatched ')'\n",
    );
    expect(fake.requests).toEqual([]);
  });
});

describe('a CIRCLE_SHA1 that is no commit SHA', () => {
  it('stops a run whose rule sends it with exit 2, sending nothing', async () => {
    const env = { ...baseEnv, CIRCLE_SHA1: 'not-a-sha' };
    for (const args of [['--host', fake.url], ['--dry-run']]) {
      const run = await cliWith([...args, '--rules', 'r.json'], env, rule(['main']));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'error: CIRCLE_SHA1="not-a-sha" is not a commit SHA (40 hex digits): it would be sent as the commit to deploy\n',
      );
    }
    expect(fake.requests).toEqual([]);
  });
});

describe('. and .. as project names', () => {
  it.each([
    [{ CIRCLE_PROJECT_USERNAME: '..' }, 'CIRCLE_PROJECT_USERNAME=".."'],
    [{ CIRCLE_PROJECT_REPONAME: '.' }, 'CIRCLE_PROJECT_REPONAME="."'],
  ])('in the environment stop the run with exit 2, sending nothing (%j)', async (names, named) => {
    const run = await cliWith(
      ['--host', fake.url, '--rules', 'r.json'],
      { ...baseEnv, ...names },
      rule(['main']),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: ${named} is not a project name: "." and ".." would send requests to another path of the API\n`,
    );
    expect(fake.requests).toEqual([]);
  });

  it('in a rule project stop the run with exit 2, sending nothing', async () => {
    const rules = { rules: [{ branches: ['main'], job: 'deploy', project: 'gh/acme/..' }] };
    const run = await cliWith(['--host', fake.url, '--rules', 'r.json'], baseEnv, rules);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules[0].project: must be a project slug');
    expect(fake.requests).toEqual([]);
  });
});
