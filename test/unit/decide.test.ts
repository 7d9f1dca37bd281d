import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/errors.js';
import { type Decision, decide, evaluateRules } from '../../src/core/decide.js';
import { type Env, readContext } from '../../src/core/read-context.js';
import { baseEnv, rulesOf, tagEnv } from './fixtures.js';

const production = { name: 'production', tags: ['v*.*.*'], job: 'deploy_production' };
const staging = {
  name: 'staging',
  branches: ['main', 'release/**', '!release/legacy-*'],
  job: 'deploy_staging',
};
const everything = { name: 'everything', branches: ['**'], tags: ['**'], job: 'notify' };
const firstOnly = rulesOf({ rules: [production, staging] });
const ruleSet = rulesOf({ rules: [production, staging, everything] });
const allRules = rulesOf({ match: 'all', rules: [production, staging, everything] });

const decideOn = (env: Env, node = 0, rules = firstOnly) =>
  decide(readContext(env), rules, { node });
const firedNames = (decision: Decision) =>
  decision.action === 'fire' ? decision.fired.map((e) => e.rule.name) : decision.kind;

describe('decide', () => {
  describe('names longer than 1,000 bytes', () => {
    it.each([
      ['a branch', { CIRCLE_BRANCH: 'b'.repeat(1001) }, 'CIRCLE_BRANCH', 1001],
      ['a tag', { ...tagEnv, CIRCLE_TAG: `v${'1'.repeat(1000)}` }, 'CIRCLE_TAG', 1001],
      [
        'a branch of two-byte characters',
        { CIRCLE_BRANCH: '\u00e9'.repeat(501) },
        'CIRCLE_BRANCH',
        1002,
      ],
      ['a branch of emoji', { CIRCLE_BRANCH: '\u{1f680}'.repeat(251) }, 'CIRCLE_BRANCH', 1004],
    ])('refuse %s with exit 2, naming the variable', (_, overrides, variable, bytes) => {
      const attempt = () => decideOn({ ...baseEnv, ...overrides });
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow(
        `${variable} is ${bytes} bytes long: branch and tag names longer than 1000 bytes are refused, so that no name can make matching slow`,
      );
    });

    it.each([
      ['1,000 bytes of ASCII', 'b'.repeat(1000)],
      ['500 two-byte characters', '\u00e9'.repeat(500)],
      ['250 emoji', '\u{1f680}'.repeat(250)],
    ])('decide on a name of %s', (_, name) => {
      expect(decideOn({ ...baseEnv, CIRCLE_BRANCH: name }, 0, ruleSet).action).toBe('fire');
    });

    it('skip on another node without looking at the name', () => {
      const env = { ...baseEnv, CIRCLE_NODE_INDEX: '1', CIRCLE_BRANCH: 'b'.repeat(5000) };
      expect(decideOn(env).action).toBe('skip');
    });
  });

  describe('forked pull requests', () => {
    it.each([
      ['CIRCLE_PR_NUMBER', { CIRCLE_PR_NUMBER: '7' }],
      ['CIRCLE_PR_REPONAME', { CIRCLE_PR_REPONAME: 'shop' }],
      ['CIRCLE_PR_NUMBER on another node', { CIRCLE_PR_NUMBER: '7', CIRCLE_NODE_INDEX: '1' }],
      [
        'CIRCLE_PR_REPONAME with a bad node index',
        { CIRCLE_PR_REPONAME: 'shop', CIRCLE_NODE_INDEX: 'x' },
      ],
      ['CIRCLE_PR_NUMBER without a branch', { CIRCLE_PR_NUMBER: '7', CIRCLE_BRANCH: '' }],
    ])('skips when %s is set', (_, overrides) => {
      expect(decideOn({ ...baseEnv, ...overrides })).toEqual({
        action: 'skip',
        kind: 'forked-pr',
        reason: 'forked pull request: deploys are not triggered from forks',
      });
    });
  });

  describe('the parallel guard', () => {
    it.each([
      [
        'CIRCLE_NODE_INDEX and CIRCLE_NODE_TOTAL are unset',
        { CIRCLE_NODE_INDEX: undefined, CIRCLE_NODE_TOTAL: undefined },
        0,
      ],
      [
        'CIRCLE_NODE_INDEX is unset with CIRCLE_NODE_TOTAL 1',
        { CIRCLE_NODE_INDEX: undefined, CIRCLE_NODE_TOTAL: '1' },
        0,
      ],
      [
        'CIRCLE_NODE_INDEX is empty with CIRCLE_NODE_TOTAL 1',
        { CIRCLE_NODE_INDEX: '', CIRCLE_NODE_TOTAL: '1' },
        0,
      ],
      [
        'CIRCLE_NODE_INDEX and CIRCLE_NODE_TOTAL are empty',
        { CIRCLE_NODE_INDEX: '', CIRCLE_NODE_TOTAL: '' },
        0,
      ],
      ['node 0 of 2 and --node is 0', {}, 0],
      ['node 1 of 2 and --node is 1', { CIRCLE_NODE_INDEX: '1' }, 1],
      ['node 3 of 4 and --node is 3', { CIRCLE_NODE_INDEX: '3', CIRCLE_NODE_TOTAL: '4' }, 3],
      ['node 0 and CIRCLE_NODE_TOTAL is unset', { CIRCLE_NODE_TOTAL: undefined }, 0],
    ])('goes on when %s', (_, overrides, node) => {
      expect(decideOn({ ...baseEnv, ...overrides }, node).action).toBe('fire');
    });

    it.each([
      [{ CIRCLE_NODE_INDEX: '1' }, 0, 'node 1 of 2; only node 0 triggers'],
      [{ CIRCLE_NODE_INDEX: '2', CIRCLE_NODE_TOTAL: '4' }, 0, 'node 2 of 4; only node 0 triggers'],
      [{ CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '4' }, 3, 'node 0 of 4; only node 3 triggers'],
      [
        { CIRCLE_NODE_INDEX: '1', CIRCLE_NODE_TOTAL: undefined },
        0,
        'node 1 of ?; only node 0 triggers',
      ],
    ])('skips with %o and --node %i: %s', (overrides, node, reason) => {
      expect(decideOn({ ...baseEnv, ...overrides }, node)).toEqual({
        action: 'skip',
        kind: 'other-node',
        reason,
      });
    });

    it('skips another node before it looks at the branch', () => {
      expect(decideOn({ ...baseEnv, CIRCLE_NODE_INDEX: '1', CIRCLE_BRANCH: '' }).action).toBe(
        'skip',
      );
    });

    it.each([
      [{ CIRCLE_NODE_INDEX: '-1' }, 0, 'CIRCLE_NODE_INDEX="-1" is not a non-negative integer'],
      [{ CIRCLE_NODE_INDEX: 'x' }, 0, 'CIRCLE_NODE_INDEX="x" is not a non-negative integer'],
      [{ CIRCLE_NODE_INDEX: '1.5' }, 0, 'CIRCLE_NODE_INDEX="1.5" is not a non-negative integer'],
      [{ CIRCLE_NODE_INDEX: ' 1' }, 0, 'CIRCLE_NODE_INDEX=" 1" is not a non-negative integer'],
      [
        { CIRCLE_NODE_INDEX: '00' },
        0,
        'CIRCLE_NODE_INDEX="00" is not a non-negative integer (CircleCI writes it without leading zeros)',
      ],
      [
        { CIRCLE_NODE_INDEX: '01' },
        0,
        'CIRCLE_NODE_INDEX="01" is not a non-negative integer (CircleCI writes it without leading zeros)',
      ],
      [
        { CIRCLE_NODE_INDEX: undefined, CIRCLE_NODE_TOTAL: '4' },
        0,
        'CIRCLE_NODE_INDEX is not set while CIRCLE_NODE_TOTAL=4: every container would trigger; run this in a CircleCI job step, which sets both',
      ],
      [
        { CIRCLE_NODE_INDEX: '', CIRCLE_NODE_TOTAL: '2' },
        0,
        'CIRCLE_NODE_INDEX is not set while CIRCLE_NODE_TOTAL=2: every container would trigger; run this in a CircleCI job step, which sets both',
      ],
      [
        { CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '04' },
        0,
        'CIRCLE_NODE_TOTAL="04" is not a positive integer (CircleCI writes it without leading zeros)',
      ],
      [{ CIRCLE_NODE_INDEX: '2' }, 0, 'CIRCLE_NODE_INDEX=2 is not below CIRCLE_NODE_TOTAL=2'],
      [
        { CIRCLE_NODE_INDEX: '5', CIRCLE_NODE_TOTAL: '4' },
        0,
        'CIRCLE_NODE_INDEX=5 is not below CIRCLE_NODE_TOTAL=4',
      ],
      [{}, 2, '--node 2 is not below CIRCLE_NODE_TOTAL=2: no node would trigger'],
      [
        { CIRCLE_NODE_TOTAL: '1' },
        1,
        '--node 1 is not below CIRCLE_NODE_TOTAL=1: no node would trigger',
      ],
      [{ CIRCLE_NODE_TOTAL: '0' }, 0, 'CIRCLE_NODE_TOTAL="0" is not a positive integer'],
      [{ CIRCLE_NODE_TOTAL: 'two' }, 0, 'CIRCLE_NODE_TOTAL="two" is not a positive integer'],
      [
        { CIRCLE_NODE_INDEX: undefined, CIRCLE_NODE_TOTAL: '-2' },
        0,
        'CIRCLE_NODE_TOTAL="-2" is not a positive integer',
      ],
    ])('refuses %o with --node %i: %s', (overrides, node, message) => {
      const attempt = () => decideOn({ ...baseEnv, ...overrides }, node);
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow(message);
    });
  });

  describe('the ref', () => {
    it.each([
      [{ CIRCLE_BRANCH: '' }],
      [{ CIRCLE_BRANCH: undefined }],
      [{ CIRCLE_BRANCH: '', CIRCLE_TAG: '' }],
    ])('refuses a build with neither branch nor tag: %o', (overrides) => {
      const attempt = () => decideOn({ ...baseEnv, ...overrides });
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow(
        'neither CIRCLE_BRANCH nor CIRCLE_TAG is set: run this inside a CircleCI job',
      );
    });
  });

  describe('matching', () => {
    it.each([
      ['branch main', { CIRCLE_BRANCH: 'main' }, ['staging']],
      ['branch release/2.0', { CIRCLE_BRANCH: 'release/2.0' }, ['staging']],
      ['tag v1.2.3', { ...tagEnv }, ['production']],
      ['branch v1.2.3 (a branch named like a tag)', { CIRCLE_BRANCH: 'v1.2.3' }, 'no-match'],
      ['tag main (a tag named like a branch)', { ...tagEnv, CIRCLE_TAG: 'main' }, 'no-match'],
      ['branch release/legacy-1', { CIRCLE_BRANCH: 'release/legacy-1' }, 'no-match'],
    ])('on %s fires %j', (_, overrides, expected) => {
      expect(firedNames(decideOn({ ...baseEnv, ...overrides }))).toEqual(expected);
    });

    it('never fires a rule without tags on a tag build, even one matching every branch', () => {
      const branchesOnly = rulesOf({ rules: [{ branches: ['**'], job: 'deploy' }] });
      expect(decideOn(tagEnv, 0, branchesOnly)).toEqual({
        action: 'skip',
        kind: 'no-match',
        reason: 'no rule matches tag "v1.2.3"',
      });
    });

    it('never fires a rule without branches on a branch build', () => {
      const tagsOnly = rulesOf({ rules: [{ tags: ['**'], job: 'deploy' }] });
      expect(decideOn(baseEnv, 0, tagsOnly)).toEqual({
        action: 'skip',
        kind: 'no-match',
        reason: 'no rule matches branch "main"',
      });
    });

    it('fires only the first matching rule with match "first"', () => {
      const decision = decideOn(baseEnv, 0, ruleSet);
      expect(decision).toMatchObject({
        action: 'fire',
        ref: { kind: 'branch', name: 'main' },
        reason: 'rule "staging" matches branch "main" (pattern "main")',
      });
      expect(firedNames(decision)).toEqual(['staging']);
    });

    it('fires every matching rule in file order with match "all"', () => {
      const decision = decideOn({ ...baseEnv, CIRCLE_BRANCH: 'release/1' }, 0, allRules);
      expect(decision).toMatchObject({
        action: 'fire',
        reason:
          'rule "staging" matches branch "release/1" (pattern "release/**"); rule "everything" matches branch "release/1" (pattern "**")',
      });
      expect(firedNames(decision)).toEqual(['staging', 'everything']);
    });

    it('with match "first", keeps the rules after one with paths, up to the first without', () => {
      const api = { name: 'api', branches: ['main'], paths: ['api/**'], job: 'deploy_api' };
      const web = { name: 'web', branches: ['main'], paths: ['web/**'], job: 'deploy_web' };
      const all = { name: 'all', branches: ['**'], job: 'deploy_all' };
      const rules = rulesOf({ rules: [api, production, web, all, staging] });
      expect(firedNames(decideOn(baseEnv, 0, rules))).toEqual(['api', 'web', 'all']);
      const other = { ...baseEnv, CIRCLE_BRANCH: 'dev' };
      expect(firedNames(decideOn(other, 0, rules))).toEqual(['all']);
    });

    it('fires the rules matching a tag with match "all"', () => {
      expect(firedNames(decideOn(tagEnv, 0, allRules))).toEqual(['production', 'everything']);
    });
  });
});

describe('evaluateRules', () => {
  it('explains every rule for a branch', () => {
    const ref = { kind: 'branch', name: 'release/legacy-2' } as const;
    expect(
      evaluateRules(ruleSet, ref).map(({ rule, matched, why }) => [rule.name, matched, why]),
    ).toEqual([
      ['production', false, 'has no branches patterns'],
      ['staging', false, 'excludes branch "release/legacy-2" (pattern "!release/legacy-*")'],
      ['everything', true, 'matches branch "release/legacy-2" (pattern "**")'],
    ]);
  });

  it('explains a rule with no matching pattern and stops at the first match when asked', () => {
    const ref = { kind: 'tag', name: 'v1.0.0' } as const;
    const names = rulesOf({
      rules: [
        { tags: ['release-*'], job: 'a' },
        { tags: ['v*'], job: 'b' },
        { tags: ['**'], job: 'c' },
      ],
    });
    expect(evaluateRules(names, ref, true).map(({ matched, why }) => [matched, why])).toEqual([
      [false, 'has no pattern matching tag "v1.0.0"'],
      [true, 'matches tag "v1.0.0" (pattern "v*")'],
    ]);
  });
});
