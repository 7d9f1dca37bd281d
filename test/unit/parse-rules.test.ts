import { describe, expect, it } from 'vitest';
import { RulesError, UsageError } from '../../src/base/errors.js';
import { formatPath, parseRules } from '../../src/core/parse-rules.js';
import { CONTRACT_EXAMPLE, problemsOf, rulesOf } from './fixtures.js';

const deploy = { branches: ['main'], job: 'deploy' };

describe('parseRules', () => {
  it('reads the example with every kind of rule, its defaults filled in', () => {
    const ruleSet = rulesOf(CONTRACT_EXAMPLE);
    expect(ruleSet).toEqual({
      match: 'first',
      jobParameter: 'target_job',
      shaParameter: 'target_sha',
      rules: [
        {
          index: 0,
          name: 'production',
          branches: undefined,
          tags: ['v*.*.*'],
          job: 'deploy_production',
          parameters: {},
          project: undefined,
          api: 'v2',
          approve: undefined,
          definitionId: undefined,
        },
        {
          index: 1,
          name: 'staging',
          branches: ['main', 'release/**', '!release/legacy-*'],
          tags: undefined,
          job: 'deploy_staging',
          parameters: { DEPLOY_ENV: 'staging' },
          project: undefined,
          api: 'v2',
          approve: undefined,
          definitionId: undefined,
        },
        {
          index: 2,
          name: 'rules[2]',
          branches: ['/^hotfix-\\d+$/'],
          tags: undefined,
          job: 'deploy_hotfix',
          parameters: {},
          project: undefined,
          api: 'v1.1',
          approve: undefined,
          definitionId: undefined,
        },
      ],
    });
  });

  it.each([
    ['match', { match: 'all' }, (s: ReturnType<typeof rulesOf>) => s.match, 'all'],
    [
      'jobParameter',
      { jobParameter: 'deploy_job' },
      (s: ReturnType<typeof rulesOf>) => s.jobParameter,
      'deploy_job',
    ],
    [
      'shaParameter',
      { shaParameter: 'deploy_sha' },
      (s: ReturnType<typeof rulesOf>) => s.shaParameter,
      'deploy_sha',
    ],
    [
      'shaParameter null',
      { shaParameter: null },
      (s: ReturnType<typeof rulesOf>) => s.shaParameter,
      null,
    ],
    ['file api', { api: 'v1.1' }, (s: ReturnType<typeof rulesOf>) => s.rules[0]?.api, 'v1.1'],
  ])('takes the file key %s', (_, overrides, pick, expected) => {
    expect(pick(rulesOf({ ...overrides, rules: [deploy] }))).toEqual(expected);
  });

  it('lets a rule api override the file api', () => {
    const ruleSet = rulesOf({ api: 'v1.1', rules: [deploy, { ...deploy, api: 'v2' }] });
    expect(ruleSet.rules.map((rule) => rule.api)).toEqual(['v1.1', 'v2']);
  });

  it('lets a rule definitionId override the file definitionId', () => {
    const fileId = '11111111-1111-4111-8111-111111111111';
    const ruleId = '22222222-2222-4222-8222-222222222222';
    const ruleSet = rulesOf({
      definitionId: fileId,
      rules: [deploy, { ...deploy, definitionId: ruleId }],
    });
    expect(ruleSet.rules.map((rule) => rule.definitionId)).toEqual([fileId, ruleId]);
  });

  it('allows and ignores $schema', () => {
    expect(rulesOf({ $schema: './schema.json', rules: [deploy] })).toEqual(
      rulesOf({ rules: [deploy] }),
    );
  });

  it('throws a RulesError (a UsageError, exit 2) that names the file and the one problem', () => {
    let error: unknown;
    try {
      parseRules('{"rules": []}', 'ci/rules.json');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(RulesError);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as RulesError).message).toBe(
      'invalid rules file ci/rules.json: rules: must not be empty',
    );
  });

  it('counts the problems in the message when there are several', () => {
    expect(() => parseRules('{"rules": [], "extra": 1}', 'ci/rules.json')).toThrow(
      'invalid rules file ci/rules.json: 2 problems',
    );
  });

  it('names .circleci/deploy-rules.json when no file name is given', () => {
    expect(() => parseRules('{}')).toThrow(
      'invalid rules file .circleci/deploy-rules.json: rules: is required',
    );
  });

  it.each([
    ['a missing rules', {}, ['rules: is required']],
    ['an empty rules', { rules: [] }, ['rules: must not be empty']],
    ['an array at the top', [deploy], ['(top level): must be an object, not an array']],
    ['null at the top', null, ['(top level): must be an object, not null']],
    ['a string at the top', '"rules"', ['(top level): must be an object, not string "rules"']],
    ['rules as an object', { rules: deploy }, ['rules: must be an array, not an object']],
    [
      'an unknown file key',
      { rules: [deploy], matches: 'all' },
      ['matches: unknown key; did you mean "match"?'],
    ],
    [
      'an unknown rule key',
      { rules: [deploy, { ...deploy, branch: ['x'] }] },
      ['rules[1].branch: unknown key; did you mean "branches"?'],
    ],
    [
      'a misspelt rule key, in another case',
      {
        rules: [
          { branches: ['main'], job: 'd', definitionID: '00000000-0000-0000-0000-000000000000' },
        ],
      },
      ['rules[0].definitionID: unknown key; did you mean "definitionId"?'],
    ],
    [
      'a file key used on a rule, with its nearest rule key',
      { rules: [{ ...deploy, jobParameter: 'x', approv: 'hold' }] },
      [
        'rules[0].jobParameter: unknown key; "jobParameter" goes at the top level of the file',
        'rules[0].approv: unknown key; did you mean "approve"?',
      ],
    ],
    [
      'a rule key on the file',
      { tags: ['v*'], rules: [deploy] },
      ['tags: unknown key; "tags" goes in a rule'],
    ],
    [
      'a rule that is a string',
      { rules: ['main'] },
      ['rules[0]: must be an object, not string "main"'],
    ],
    [
      'branches as a string',
      { rules: [{ ...deploy, branches: 'main' }] },
      ['rules[0].branches: must be an array, not string "main"'],
    ],
    [
      'a number pattern',
      { rules: [{ ...deploy, branches: ['main', 7] }] },
      ['rules[0].branches[1]: must be a string, not number 7'],
    ],
    [
      'an empty branches',
      { rules: [{ ...deploy, branches: [] }] },
      ['rules[0].branches: must not be empty'],
    ],
    ['an empty tags', { rules: [{ ...deploy, tags: [] }] }, ['rules[0].tags: must not be empty']],
    [
      'an empty pattern',
      { rules: [{ ...deploy, tags: [''] }] },
      ['rules[0].tags[0]: must not be empty'],
    ],
    [
      'a job that is a number',
      { rules: [{ ...deploy, job: 1 }] },
      ['rules[0].job: must be a string, not number 1'],
    ],
    ['an empty job', { rules: [{ ...deploy, job: '' }] }, ['rules[0].job: must not be empty']],
    ['an empty name', { rules: [{ ...deploy, name: '' }] }, ['rules[0].name: must not be empty']],
    [
      'an unknown api',
      { api: 'v3', rules: [deploy] },
      ['api: must be one of "v2", "v1.1", not "v3"'],
    ],
    [
      'an unknown rule api',
      { rules: [{ ...deploy, api: 'v1' }] },
      ['rules[0].api: must be one of "v2", "v1.1", not "v1"'],
    ],
    [
      'an unknown match',
      { match: 'any', rules: [deploy] },
      ['match: must be one of "first", "all", not "any"'],
    ],
    [
      'an empty jobParameter',
      { jobParameter: '', rules: [deploy] },
      ['jobParameter: must not be empty'],
    ],
    [
      'a jobParameter over 128 characters',
      { jobParameter: 'p'.repeat(129), rules: [deploy] },
      ['jobParameter: must be at most 128 characters'],
    ],
    [
      'a shaParameter that is a number',
      { shaParameter: 5, rules: [deploy] },
      ['shaParameter: must be a string, not number 5'],
    ],
    [
      'parameters as an array',
      { rules: [{ ...deploy, parameters: ['A'] }] },
      ['rules[0].parameters: must be an object, not an array'],
    ],
    [
      'a null parameter value',
      { rules: [{ ...deploy, parameters: { A: null } }] },
      ['rules[0].parameters.A: must be a string, number or boolean, not null'],
    ],
    [
      'an object parameter value',
      { rules: [{ ...deploy, parameters: { A: { b: 1 } } }] },
      ['rules[0].parameters.A: must be a string, number or boolean, not an object'],
    ],
    [
      'a project that is not a slug',
      { rules: [{ ...deploy, project: 'acme/shop' }] },
      [
        'rules[0].project: must be a project slug like gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>, not "acme/shop"',
      ],
    ],
    [
      'a gitlab project slug',
      { rules: [{ ...deploy, project: 'gl/acme/shop' }] },
      [
        'rules[0].project: must be a project slug like gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>, not "gl/acme/shop"',
      ],
    ],
    [
      'a definitionId that is not 8-4-4-4-12 hex digits',
      { definitionId: 'prod', rules: [deploy] },
      ['definitionId: must be a pipeline definition id (8-4-4-4-12 hex digits), not "prod"'],
    ],
    [
      '.. as the org of a project',
      { rules: [{ ...deploy, project: 'gh/../shop' }] },
      [
        'rules[0].project: must be a project slug like gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>, not "gh/../shop"',
      ],
    ],
    [
      '. as the repo of a project',
      { rules: [{ ...deploy, project: 'bb/acme/.' }] },
      [
        'rules[0].project: must be a project slug like gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>, not "bb/acme/."',
      ],
    ],
    [
      'prototype names as parameters',
      { rules: [{ ...deploy, parameters: { constructor: 'x', prototype: 1 } }] },
      [
        'rules[0].parameters.constructor: is not a usable parameter name (__proto__, constructor and prototype are refused)',
        'rules[0].parameters.prototype: is not a usable parameter name (__proto__, constructor and prototype are refused)',
      ],
    ],
    [
      '__proto__ as the jobParameter',
      { jobParameter: '__proto__', rules: [deploy] },
      [
        'jobParameter: is not a usable parameter name (__proto__, constructor and prototype are refused), not "__proto__"',
      ],
    ],
    [
      'the jobParameter as the shaParameter',
      { jobParameter: 'target', shaParameter: 'target', rules: [deploy] },
      [
        'shaParameter: is also the jobParameter ("target"): the commit SHA would overwrite the job name; give them different names',
      ],
    ],
    [
      'the default jobParameter as the shaParameter',
      { shaParameter: 'target_job', rules: [deploy] },
      [
        'shaParameter: is also the jobParameter ("target_job"): the commit SHA would overwrite the job name; give them different names',
      ],
    ],
    [
      'a huge value, cut',
      { api: 'v'.repeat(100_000), rules: [deploy] },
      [`api: must be one of "v2", "v1.1", not "${'v'.repeat(200)}…" (100000 characters)`],
    ],
    [
      'control characters in a key and a value, escaped',
      { 'x\u001b[2J\ny': 1, match: 'first\r\nerror: forged', rules: [deploy] },
      [
        'match: must be one of "first", "all", not "first\\r\\nerror: forged"',
        'x\\u001b[2J\\ny: unknown key',
      ],
    ],
  ])('reports %s', (_, file, problems) => {
    expect(problemsOf(file)).toEqual(problems);
  });

  it('refuses __proto__ as a parameter, a rule key or a file key, which JSON.parse keeps', () => {
    const text =
      '{"__proto__": {}, "rules": [{"branches": ["main"], "job": "d", "__proto__": 1, "parameters": {"__proto__": "x"}}]}';
    expect(problemsOf(text)).toEqual([
      'rules[0].parameters.__proto__: is not a usable parameter name (__proto__, constructor and prototype are refused)',
      'rules[0].__proto__: unknown key',
      '__proto__: unknown key',
    ]);
  });

  it('accepts a file that starts with a UTF-8 byte-order mark', () => {
    expect(parseRules(`\uFEFF${JSON.stringify({ rules: [deploy] })}`).rules).toHaveLength(1);
  });

  it('accepts a definitionId of any version, in any case', () => {
    const id = '00000000-0000-0000-0000-ABCDEFabcdef';
    expect(rulesOf({ definitionId: id, rules: [deploy] }).rules[0]?.definitionId).toBe(id);
  });

  it('reports JSON nested 5,000 deep as a problem, without overflowing the stack', () => {
    const deep = `{"rules": [${'['.repeat(5000)}${']'.repeat(5000)}]}`;
    expect(() => parseRules(deep)).toThrow(RulesError);
    expect(problemsOf(deep)).toEqual(['rules[0]: must be an object, not an array']);
    const deeper = `{"rules": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(() => parseRules(deeper)).toThrow(RulesError);
  });

  it('collects every shape problem of the file, not only the first', () => {
    const file = {
      api: 'v3',
      extra: true,
      rules: [
        { branches: 'main', job: 1 },
        { ...deploy, tags: [], colour: 'red' },
        { ...deploy, parameters: { A: [1] } },
      ],
    };
    expect(problemsOf(file)).toEqual([
      'api: must be one of "v2", "v1.1", not "v3"',
      'rules[0].branches: must be an array, not string "main"',
      'rules[0].job: must be a string, not number 1',
      'rules[1].tags: must not be empty',
      'rules[1].colour: unknown key',
      'rules[2].parameters.A: must be a string, number or boolean, not an array',
      'extra: unknown key',
    ]);
  });

  it.each([
    [
      'a trailing comma',
      '{\n  "rules": [\n    {"branches": ["main"],}\n  ]\n}',
      'line 3, column 27: property name expected',
    ],
    ['a missing comma', '{"rules"\n:\n[ "a" "b"]}', 'line 3, column 7: comma expected'],
    ['an unquoted value', '{\r\n"rules": x}', 'line 2, column 10: invalid symbol'],
    ['a comment', '// deploy rules\n{"rules": []}', 'line 1, column 1: invalid comment token'],
    ['an unclosed array', '{"rules": [\n', 'line 2, column 1: close bracket expected'],
    ['an empty file', '', 'line 1, column 1: value expected'],
  ])('names line and column of a JSON syntax error: %s', (_, text, where) => {
    expect(problemsOf(text)).toEqual([`JSON syntax error at ${where}`]);
  });
});

describe('formatPath', () => {
  it.each([
    [['rules', 2, 'branches', 0], 'rules[2].branches[0]'],
    [['rules', 0, 'parameters', 'DEPLOY_ENV'], 'rules[0].parameters.DEPLOY_ENV'],
    [['api'], 'api'],
    [[], ''],
  ])('writes %j as %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
