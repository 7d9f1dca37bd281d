/** `when:` and `unless:` evaluated as CircleCI compiles them: true, false, or unknown. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluateCondition, substitute } from '../../src/config-check/conditions.js';
import { parseExpression } from '../../src/config-check/expression.js';
import { UNKNOWN } from '../../src/config-check/three-valued.js';

/** A pipeline triggered for deploy_staging, as cci-conditional sends it. */
const values = {
  'pipeline.parameters.target_job': 'deploy_staging',
  'pipeline.parameters.target_sha': '0123456789abcdef0123456789abcdef01234567',
  'pipeline.parameters.run_tests': false,
  'pipeline.parameters.count': 3,
  'pipeline.parameters.empty': '',
};
const u = 'unknown';
const shown = (truth: unknown) => (truth === UNKNOWN ? u : truth);

/** Each case: the condition as YAML, then what it evaluates to. */
const cases: Array<[string, boolean | 'unknown']> = [
  // literals and their truthiness
  ['true', true],
  ['false', false],
  ['null', false],
  ['0', false],
  ['1', true],
  ['.nan', false],
  ['""', false],
  ['"some text"', true],
  ['[]', u],
  // substitution of pipeline parameters
  ['<< pipeline.parameters.target_job >>', true],
  ['<< pipeline.parameters.empty >>', false],
  ['<< pipeline.parameters.run_tests >>', false],
  ['"<< pipeline.parameters.empty >><< pipeline.parameters.empty >>"', false],
  ['"x-<< pipeline.parameters.empty >>"', true],
  ['<< pipeline.parameters.undeclared >>', u],
  ['<< pipeline.git.branch >>', u],
  ['<< parameters.job_parameter >>', u],
  // logic statements (CircleCI's documented examples among them)
  ['{ equal: [deploy_staging, << pipeline.parameters.target_job >>] }', true],
  ['{ equal: [deploy_production, << pipeline.parameters.target_job >>] }', false],
  ['{ equal: [main, << pipeline.git.branch >>] }', u],
  ['{ equal: [a, b, << pipeline.git.branch >>] }', false],
  ['{ equal: [3, << pipeline.parameters.count >>] }', true],
  ['{ equal: ["3", << pipeline.parameters.count >>] }', false],
  ['{ equal: [] }', false],
  ['{ not: << pipeline.parameters.target_job >> }', false],
  ['{ not: << pipeline.git.tag >> }', u],
  ['{ and: [true, << pipeline.parameters.target_job >>] }', true],
  ['{ and: [<< pipeline.git.branch >>, false] }', false],
  ['{ and: [<< pipeline.git.branch >>, true] }', u],
  ['{ and: [] }', false],
  ['{ or: [false, << pipeline.parameters.empty >>] }', false],
  ['{ or: [<< pipeline.git.branch >>, true] }', true],
  ['{ or: [<< pipeline.git.branch >>, false] }', u],
  [
    '{ and: [{ not: { matches: { pattern: "^main$", value: << pipeline.git.branch >> } } }, { not: << pipeline.parameters.target_job >> }] }',
    false,
  ],
  ['{ matches: { pattern: "^deploy_.+$", value: << pipeline.parameters.target_job >> } }', true],
  ['{ matches: { pattern: "deploy", value: << pipeline.parameters.target_job >> } }', false],
  ['{ matches: { pattern: "deploy_.*", value: << pipeline.parameters.target_job >> } }', true],
  ['{ matches: { pattern: "^main$", value: << pipeline.git.branch >> } }', u],
  [
    '{ or: [{ equal: [deploy_staging, << pipeline.parameters.target_job >>] }, { equal: [deploy_production, << pipeline.parameters.target_job >>] }] }',
    true,
  ],
  ['{ some: map }', true],
  // expression strings
  ['pipeline.parameters.target_job == "deploy_staging"', true],
  ['pipeline.parameters.target_job != "deploy_staging"', false],
  ['pipeline.parameters.target_job == "deploy_production"', false],
  ['pipeline.parameters.count == "3"', false],
  ['pipeline.parameters.count != "3"', true],
  ['pipeline.parameters.count >= 3', true],
  ['pipeline.parameters.count > 3', false],
  ['pipeline.parameters.count <= 2', false],
  ['pipeline.parameters.count < 4', true],
  ['pipeline.parameters.target_job starts-with "deploy_"', true],
  ['pipeline.parameters.target_job starts-with "build"', false],
  ['pipeline.parameters.target_job matches /deploy_.*/', true],
  ['pipeline.parameters.target_job matches /deploy/', false],
  ['\'"hello world" matches /hello.*/\'', true],
  ['not pipeline.parameters.target_job', false],
  ['not pipeline.parameters.empty', true],
  ['pipeline.parameters.run_tests or pipeline.parameters.target_job == "deploy_staging"', true],
  ['not pipeline.parameters.run_tests and pipeline.parameters.count == 3', true],
  ['not (pipeline.parameters.run_tests or pipeline.parameters.count == 3)', false],
  ['pipeline.git.branch == "main"', u],
  ['pipeline.git.branch == "main" or pipeline.git.branch starts-with "integration-"', u],
  ['pipeline.git.branch == "main" and pipeline.parameters.target_job == ""', false],
  ['pipeline.git.branch == "main" or pipeline.parameters.target_job != ""', true],
  ['pipeline.trigger.type == "api" and not pipeline.parameters.empty', u],
  ["pipeline.parameters.target_job == 'deploy_staging'", true],
  ['pipeline.parameters.undeclared == "x"', u],
  ['true and false', false],
];

describe('evaluateCondition', () => {
  it.each(cases)('%s → %s', (yaml, expected) => {
    expect(shown(evaluateCondition(parse(yaml), values))).toBe(expected);
  });
});

describe('parseExpression', () => {
  it.each([
    ['deploy_staging'],
    ['pipeline.git.branch =='],
    ['(pipeline.git.branch == "main"'],
    ['pipeline.git.branch == "main")'],
    ['pipeline.git.branch matches "main"'],
    ['a / b'],
    [''],
  ])('does not take %j for an expression', (text) => {
    expect(parseExpression(text)).toBeUndefined();
  });

  it('binds not more tightly than and', () => {
    expect(parseExpression('not a.b and pipeline.x')).toBeUndefined();
    expect(parseExpression('not pipeline.a and pipeline.b')).toEqual({
      kind: 'and',
      operands: [
        { kind: 'not', operand: { kind: 'name', name: 'pipeline.a' } },
        { kind: 'name', name: 'pipeline.b' },
      ],
    });
  });

  it('reads a chain of and as one node: however long, nothing recurses deeper', () => {
    const chain = Array(20_000).fill('pipeline.parameters.count == 3').join(' and ');
    const tree = parseExpression(chain);
    expect(tree?.kind === 'and' && tree.operands.length).toBe(20_000);
    expect(shown(evaluateCondition(chain, values))).toBe(true);
  });

  it('stops the check at an expression nested deeper than 1,000 levels', () => {
    const nested = `${'not '.repeat(1001)}pipeline.parameters.count`;
    expect(() => parseExpression(nested)).toThrow('an expression nests deeper than 1,000 levels');
    expect(
      shown(evaluateCondition(`${'not '.repeat(1000)}pipeline.parameters.count`, values)),
    ).toBe(true);
  });
});

describe('substitute', () => {
  it.each([
    ['<< pipeline.parameters.count >>', 3],
    ['deploy-<< pipeline.parameters.count >>', 'deploy-3'],
    ['<<pipeline.parameters.target_job>>', 'deploy_staging'],
    ['<< pipeline.git.branch >>', u],
    ['plain', 'plain'],
  ])('%s → %s', (text, expected) => {
    expect(shown(substitute(text, values))).toBe(expected);
  });
});
