/**
 * validate and check report the addressing problems before any deploy, where they can tell:
 * from the rules alone (a `circleci/` project without `definitionId`), and, for validate inside
 * a job, from the CIRCLE_* variables (a GitHub App or GitLab project). Nothing is read or sent.
 */
import { describe, expect, it } from 'vitest';
import { baseEnv, cliWith } from './helpers/run-harness.js';

const ids = { CIRCLE_ORGANIZATION_ID: 'b1f4c2d0', CIRCLE_PROJECT_ID: 'c2a5d3e1' };
const appEnv = { ...baseEnv, ...ids, CIRCLE_REPOSITORY_URL: '' };
const rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const DEFINITION = 'd3b6e4f2-ac50-4b79-9e3c-4a8f9b0c1d2e';
const NEEDS_ID =
  'is a GitHub App project, which CircleCI triggers only through pipeline/run: give the rule or the rules file a "definitionId"';

describe('validate inside a job', () => {
  it('exits 2 for a v2 rule without definitionId in a GitHub App project', async () => {
    const { code, stdout, stderr } = await cliWith(['validate'], appEnv, rules);
    expect(code).toBe(2);
    expect(stdout).toContain('is valid: 1 rule(s)');
    expect(stderr).toContain(
      `error: rule "staging": this project (no CIRCLE_REPOSITORY_URL) ${NEEDS_ID}`,
    );
  });

  it('says so in --json', async () => {
    const { code, stdout } = await cliWith(['validate', '--json'], appEnv, rules);
    expect(code).toBe(2);
    const result = JSON.parse(stdout);
    expect(result.valid).toBe(false);
    expect(result.problems[0]).toContain(NEEDS_ID);
  });

  it('accepts the rule with a definitionId there', async () => {
    const { code } = await cliWith(['validate'], appEnv, { definitionId: DEFINITION, ...rules });
    expect(code).toBe(0);
  });

  it('exits 2 naming the custom webhook trigger in a job of a GitLab repository', async () => {
    const env = { ...appEnv, CIRCLE_REPOSITORY_URL: 'git@gitlab.com:acme/app.git' };
    const { code, stderr } = await cliWith(['validate'], env, rules);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "CircleCI documents no API trigger for GitLab projects, so cci-conditional cannot start one: use CircleCI's custom webhook trigger instead",
    );
  });

  it('cannot tell outside CircleCI, and says nothing', async () => {
    const { code } = await cliWith(['validate'], {}, rules);
    expect(code).toBe(0);
  });
});

describe('a rule for a circleci/ project without definitionId', () => {
  const other = { rules: [{ ...rules.rules[0], project: 'circleci/o2/p2' }] };

  it.each([
    ['validate', ['validate']],
    ['check', ['check', '--branch', 'main']],
  ])('is exit 2 in %s, which can tell from the rules alone', async (_, args) => {
    const { code, stderr } = await cliWith(args, {}, other);
    expect(code).toBe(2);
    expect(stderr).toContain(`rules[0].project: circleci/o2/p2 ${NEEDS_ID}`);
  });
});
