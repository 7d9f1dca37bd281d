/** Shared fixtures of the unit tests: a CircleCI branch build's environment and rules from JSON. */

import { RulesError } from '../../src/base/errors.js';
import { parseRules } from '../../src/core/parse-rules.js';
import type { Env } from '../../src/core/read-context.js';
import type { RuleSet } from '../../src/core/rules.js';

/** What CircleCI sets on node 0 of a two-container branch build of a GitHub OAuth project. */
export const baseEnv: Env = {
  CIRCLE_BRANCH: 'main',
  CIRCLE_SHA1: '0123456789abcdef0123456789abcdef01234567',
  CIRCLE_PROJECT_USERNAME: 'acme',
  CIRCLE_PROJECT_REPONAME: 'shop',
  CIRCLE_REPOSITORY_URL: 'git@github.com:acme/shop.git',
  CIRCLE_NODE_INDEX: '0',
  CIRCLE_NODE_TOTAL: '2',
  CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/shop/41',
  CIRCLE_BUILD_NUM: '41',
  CIRCLE_JOB: 'test',
  CIRCLE_WORKFLOW_ID: '6f1d2c3b-0000-4000-8000-000000000001',
  CIRCLE_PIPELINE_ID: '6f1d2c3b-0000-4000-8000-000000000002',
};

/** A rules file with every kind of rule: docs/rules.md's complete example, with a tag glob. */
export const CONTRACT_EXAMPLE = {
  $schema: 'https://unpkg.com/cci-conditional@1/schema.json',
  api: 'v2',
  match: 'first',
  rules: [
    { name: 'production', tags: ['v*.*.*'], job: 'deploy_production' },
    {
      name: 'staging',
      branches: ['main', 'release/**', '!release/legacy-*'],
      job: 'deploy_staging',
      parameters: { DEPLOY_ENV: 'staging' },
    },
    { branches: ['/^hotfix-\\d+$/'], job: 'deploy_hotfix', api: 'v1.1' },
  ],
};

/** A tag build: CircleCI leaves CIRCLE_BRANCH empty. */
export const tagEnv: Env = { ...baseEnv, CIRCLE_BRANCH: '', CIRCLE_TAG: 'v1.2.3' };

/** Parses a rules file written as an object. */
export function rulesOf(file: unknown): RuleSet {
  return parseRules(JSON.stringify(file), 'rules.json');
}

/** Every problem parseRules reports for a rules file (text or object); [] when it is valid. */
export function problemsOf(file: unknown): readonly string[] {
  try {
    parseRules(typeof file === 'string' ? file : JSON.stringify(file), 'rules.json');
    return [];
  } catch (error) {
    if (error instanceof RulesError) return error.problems;
    throw error;
  }
}
