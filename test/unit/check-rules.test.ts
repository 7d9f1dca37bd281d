import { describe, expect, it } from 'vitest';
import { problemsOf } from './fixtures.js';

const deploy = { branches: ['main'], job: 'deploy' };
const v1 = { ...deploy, api: 'v1.1' };
const hold = { branches: ['main'], approve: 'hold-production' };
/** `count` v2 parameters named P0, P1, ... */
const manyParameters = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`P${i}`, i]));

describe('checkRules (through parseRules)', () => {
  it.each([
    ['a branch rule', deploy],
    ['a tag rule', { tags: ['v*'], job: 'deploy' }],
    [
      'a v2 rule with parameters and no job',
      { branches: ['main'], parameters: { target_job: 'deploy' } },
    ],
    ['a v1.1 rule with env-name parameters', { ...v1, parameters: { DEPLOY_ENV: 'x', _A1: 1 } }],
    ['an approve rule', hold],
    ['a regex with anchors', { ...deploy, branches: ['/^hotfix-\\d+$/'] }],
    [
      'exclusions beside an inclusion, in any order',
      { ...deploy, branches: ['!wip', 'main', '!/^tmp-/'] },
    ],
    ['99 parameters beside job and SHA', { ...deploy, parameters: manyParameters(98) }],
    ['a parameter key of 128 characters', { ...deploy, parameters: { ['k'.repeat(128)]: 1 } }],
    ['a parameter value of 512 characters', { ...deploy, parameters: { A: 'v'.repeat(512) } }],
    ['a job of 512 characters', { ...deploy, job: 'j'.repeat(512) }],
    ['negative and boolean parameter values', { ...deploy, parameters: { A: -3, B: false } }],
  ])('accepts %s', (_, rule) => {
    expect(problemsOf({ rules: [rule] })).toEqual([]);
  });

  it.each([
    [
      'a rule without branches or tags',
      { job: 'deploy' },
      ['rules[0]: needs "branches" or "tags"'],
    ],
    [
      'a regex with flags',
      { ...deploy, branches: ['main', '/^main$/i'] },
      [
        'rules[0].branches[1]: "/^main$/i" starts with / but is not a /regex/ (write /.../, without flags)',
      ],
    ],
    [
      'a lone slash',
      { ...deploy, branches: ['/'] },
      ['rules[0].branches[0]: "/" starts with / but is not a /regex/ (write /.../, without flags)'],
    ],
    [
      'an empty regex',
      { ...deploy, branches: ['//'] },
      [
        'rules[0].branches[0]: "//" starts with / but is not a /regex/ (write /.../, without flags)',
      ],
    ],
    [
      'an invalid regex',
      { ...deploy, tags: ['/v(\\d+/'] },
      ['rules[0].tags[0]: invalid regular expression /v(\\d+/: Unterminated group'],
    ],
    [
      'an invalid excluded regex',
      { ...deploy, branches: ['main', '!/[/'] },
      ['rules[0].branches[1]: invalid regular expression /[/: Unterminated character class'],
    ],
    [
      'a lone !',
      { ...deploy, branches: ['main', '!'] },
      ['rules[0].branches[1]: "!": write one ! followed by a pattern'],
    ],
    [
      'a double !',
      { ...deploy, branches: ['main', '!!wip'] },
      ['rules[0].branches[1]: "!!wip": write one ! followed by a pattern'],
    ],
    [
      'a regex that can backtrack exponentially',
      { ...deploy, branches: ['main', '/release\\/(\\d+\\.?)+/'] },
      [
        'rules[0].branches[1]: "/release\\\\/(\\\\d+\\\\.?)+/" can backtrack exponentially (\\d+ repeats inside (\\d+\\.?)+), so a branch or tag name could make matching hang: write it without a repetition inside a repetition or alternatives that overlap',
      ],
    ],
    [
      'an excluded extglob that can backtrack exponentially',
      { ...deploy, tags: ['v*', '!+(a|aa)'] },
      [
        'rules[0].tags[1]: "+(a|aa)" can backtrack exponentially (the alternatives a and aa of (?:a|aa)+ can start with the same text), so a branch or tag name could make matching hang: write it without a repetition inside a repetition or alternatives that overlap',
      ],
    ],
    [
      'a regex that is no regex before it is anchored',
      { ...deploy, branches: ['/main)|(.*/'] },
      ["rules[0].branches[0]: invalid regular expression /main)|(.*/: Unmatched ')'"],
    ],
    [
      'only exclusions',
      { ...deploy, branches: ['!wip', '!tmp'] },
      ['rules[0]: a pattern list of only ! exclusions matches nothing; add a pattern to include'],
    ],
    [
      'only exclusions in tags',
      { ...deploy, tags: ['!v0*'] },
      ['rules[0]: a pattern list of only ! exclusions matches nothing; add a pattern to include'],
    ],
  ])('reports %s', (_, rule, problems) => {
    expect(problemsOf({ rules: [rule] })).toEqual(problems);
  });

  describe('api v1.1', () => {
    it.each([
      [
        'a missing job',
        { branches: ['main'], api: 'v1.1' },
        ['rules[0]: "job" is required for api v1.1'],
      ],
      [
        'a missing job even with parameters',
        { branches: ['main'], api: 'v1.1', parameters: { A: 'x' } },
        ['rules[0]: "job" is required for api v1.1'],
      ],
      [
        'a parameter name starting with a digit',
        { ...v1, parameters: { '1ENV': 'x' } },
        [
          'rules[0].parameters.1ENV: not a valid environment variable name (letters, digits and _, not starting with a digit)',
        ],
      ],
      [
        'a parameter name with a dash',
        { ...v1, parameters: { 'DEPLOY-ENV': 'x' } },
        [
          'rules[0].parameters.DEPLOY-ENV: not a valid environment variable name (letters, digits and _, not starting with a digit)',
        ],
      ],
      [
        'an empty parameter name',
        { ...v1, parameters: { '': 'x' } },
        [
          'rules[0].parameters.: not a valid environment variable name (letters, digits and _, not starting with a digit)',
        ],
      ],
      [
        'CIRCLE_JOB among the parameters',
        { ...v1, parameters: { CIRCLE_JOB: 'other' } },
        ['rules[0].parameters.CIRCLE_JOB: is set from "job"; remove it'],
      ],
      [
        'a circleci/ project',
        { ...v1, project: 'circleci/org-id/project-id' },
        [
          'rules[0].project: circleci/org-id/project-id is a v2-only slug; api v1.1 takes gh/ or bb/ projects',
        ],
      ],
      [
        'a definitionId',
        { ...v1, definitionId: '11111111-1111-4111-8111-111111111111' },
        [
          'rules[0]: "definitionId" needs api v2 (it runs a pipeline definition through pipeline/run)',
        ],
      ],
    ])('reports %s', (_, rule, problems) => {
      expect(problemsOf({ rules: [rule] })).toEqual(problems);
    });

    it('applies the file api to every rule', () => {
      expect(problemsOf({ api: 'v1.1', rules: [{ branches: ['main'] }] })).toEqual([
        'rules[0]: "job" is required for api v1.1',
      ]);
    });

    it('lets v1.1 parameter names be any env name, however long', () => {
      expect(problemsOf({ rules: [{ ...v1, parameters: { ['K'.repeat(200)]: 1 } }] })).toEqual([]);
    });
  });

  describe('api v2', () => {
    it.each([
      [
        'no job and no parameters',
        { branches: ['main'] },
        ['rules[0]: needs "job" (or non-empty "parameters") for api v2'],
      ],
      [
        'no job and empty parameters',
        { branches: ['main'], parameters: {} },
        ['rules[0]: needs "job" (or non-empty "parameters") for api v2'],
      ],
      [
        '101 parameters with job and SHA',
        { ...deploy, parameters: manyParameters(99) },
        ['rules[0].parameters: 101 pipeline parameters would be sent; CircleCI takes at most 100'],
      ],
      [
        'a parameter key over 128 characters',
        { ...deploy, parameters: { ['k'.repeat(129)]: 1 } },
        [`rules[0].parameters.${'k'.repeat(129)}: name longer than 128 characters`],
      ],
      [
        'a parameter without a name',
        { ...deploy, parameters: { '': 'x' } },
        ['rules[0].parameters: a parameter needs a name, not ""'],
      ],
      [
        'a parameter value over 512 characters',
        { ...deploy, parameters: { A: 'v'.repeat(513) } },
        ['rules[0].parameters.A: value longer than 512 characters'],
      ],
      [
        'a job over 512 characters',
        { ...deploy, job: 'j'.repeat(513) },
        ['rules[0].job: longer than 512 characters (a v2 parameter value)'],
      ],
      [
        'a fractional number',
        { ...deploy, parameters: { REPLICAS: 1.5 } },
        [
          'rules[0].parameters.REPLICAS: 1.5 is not an integer (v2 parameters are integers, strings or booleans)',
        ],
      ],
      [
        'an unsafe integer',
        { ...deploy, parameters: { BIG: 2 ** 60 } },
        [
          `rules[0].parameters.BIG: ${2 ** 60} is not an integer (v2 parameters are integers, strings or booleans)`,
        ],
      ],
      [
        'the job parameter beside job',
        { ...deploy, parameters: { target_job: 'other' } },
        [
          'rules[0].parameters.target_job: is the job parameter, set from "job"; remove one of them',
        ],
      ],
      [
        'the SHA parameter',
        { ...deploy, parameters: { target_sha: 'abc' } },
        [
          'rules[0].parameters.target_sha: is the SHA parameter, set to CIRCLE_SHA1; remove it or set "shaParameter" to null',
        ],
      ],
    ])('reports %s', (_, rule, problems) => {
      expect(problemsOf({ rules: [rule] })).toEqual(problems);
    });

    it('counts only the parameters that are sent: 100 fit when shaParameter is null', () => {
      const rule = { ...deploy, parameters: manyParameters(99) };
      expect(problemsOf({ shaParameter: null, rules: [rule] })).toEqual([]);
    });

    it('counts 100 parameters and no job as fitting', () => {
      const rule = { branches: ['main'], parameters: manyParameters(99) };
      expect(problemsOf({ rules: [rule] })).toEqual([]);
    });

    it('checks the custom jobParameter and shaParameter names', () => {
      const rule = { ...deploy, parameters: { deploy_job: 'x', deploy_sha: 'y', target_sha: 'z' } };
      expect(
        problemsOf({ jobParameter: 'deploy_job', shaParameter: 'deploy_sha', rules: [rule] }),
      ).toEqual([
        'rules[0].parameters.deploy_job: is the job parameter, set from "job"; remove one of them',
        'rules[0].parameters.deploy_sha: is the SHA parameter, set to CIRCLE_SHA1; remove it or set "shaParameter" to null',
      ]);
    });

    it('lets a rule without job set the job parameter itself', () => {
      expect(
        problemsOf({ rules: [{ branches: ['main'], parameters: { target_job: 'deploy' } }] }),
      ).toEqual([]);
    });

    it('accepts v2 parameter names that are not env names', () => {
      expect(problemsOf({ rules: [{ ...deploy, parameters: { 'deploy-env': 'x' } }] })).toEqual([]);
    });
  });

  describe('approve', () => {
    it.each([
      ['job', { ...hold, job: 'deploy' }, ['rules[0].job: cannot be combined with "approve"']],
      [
        'parameters',
        { ...hold, parameters: { A: 1 } },
        ['rules[0].parameters: cannot be combined with "approve"'],
      ],
      [
        'project',
        { ...hold, project: 'gh/acme/other' },
        ['rules[0].project: cannot be combined with "approve"'],
      ],
      [
        'api v1.1',
        { ...hold, api: 'v1.1' },
        ['rules[0].approve: needs api v2 (approval jobs are a v2 feature)'],
      ],
    ])('refuses approve with %s', (_, rule, problems) => {
      expect(problemsOf({ rules: [rule] })).toEqual(problems);
    });

    it('names every key that clashes with approve', () => {
      const rule = { ...hold, job: 'deploy', parameters: { A: 1 }, project: 'gh/a/b', api: 'v1.1' };
      expect(problemsOf({ rules: [rule] })).toEqual([
        'rules[0].job: cannot be combined with "approve"',
        'rules[0].parameters: cannot be combined with "approve"',
        'rules[0].project: cannot be combined with "approve"',
        'rules[0].approve: needs api v2 (approval jobs are a v2 feature)',
      ]);
    });

    it('allows empty parameters beside approve', () => {
      expect(problemsOf({ rules: [{ ...hold, parameters: {} }] })).toEqual([]);
    });
  });

  describe('paths', () => {
    const api = { ...deploy, paths: ['services/api/**', '!**/*.md'] };

    it.each([
      ['a branch rule with paths', api],
      ['a v1.1 branch rule with paths', { ...api, api: 'v1.1' }],
      [
        'paths of /regex/ and braces',
        { ...deploy, paths: ['/services\\/(a|b)\\/.*/', '{a,b}/**'] },
      ],
    ])('accepts %s', (_, rule) => {
      expect(problemsOf({ rules: [rule] })).toEqual([]);
    });

    it.each([
      [
        'a tag rule',
        { tags: ['v*'], job: 'deploy', paths: ['a/**'] },
        [
          'rules[0].paths: only branch rules take "paths" (a tag build has no earlier deploy of its branch to compare with); put "tags" in a rule of its own',
        ],
      ],
      [
        'a rule with branches and tags',
        { ...api, tags: ['v*'] },
        [
          'rules[0].paths: only branch rules take "paths" (a tag build has no earlier deploy of its branch to compare with); put "tags" in a rule of its own',
        ],
      ],
      [
        'a rule without job',
        { branches: ['main'], parameters: { deploy: true }, paths: ['a/**'] },
        [
          'rules[0].paths: needs "job": the changed paths are taken since that job\'s last successful deploy',
        ],
      ],
      [
        'approve',
        { ...hold, paths: ['a/**'] },
        [
          'rules[0].paths: cannot be combined with "approve" (an approval starts no deploy whose commit could be compared with)',
        ],
      ],
      [
        'another project',
        { ...api, project: 'gh/acme/other' },
        [
          'rules[0].paths: cannot be combined with "project": the paths are compared in this checkout, and another project\'s deploys are of its own commits',
        ],
      ],
      [
        'only exclusions',
        { ...deploy, paths: ['!**/*.md'] },
        ['rules[0]: a pattern list of only ! exclusions matches nothing; add a pattern to include'],
      ],
      [
        'an invalid regex and a lone !',
        { ...deploy, paths: ['/(/', '!'] },
        [
          'rules[0].paths[0]: invalid regular expression /(/: Unterminated group',
          'rules[0].paths[1]: "!": write one ! followed by a pattern',
        ],
      ],
      [
        'a regex that can backtrack exponentially',
        { ...deploy, paths: ['/v\\/(\\d+\\.?)+/'] },
        [expect.stringMatching(/^rules\[0\]\.paths\[0\]: .* can backtrack exponentially/)],
      ],
    ])('refuses paths on %s', (_, rule, problems) => {
      expect(problemsOf({ rules: [rule] })).toEqual(problems);
    });
  });

  it('collects the problems of every rule, in file order', () => {
    const file = {
      rules: [
        deploy,
        { branches: ['main', '/(/'], tags: ['/x/g'], job: 'deploy' },
        { tags: ['v*'], api: 'v1.1', parameters: { 'A-B': 1 } },
        { branches: ['!wip'], parameters: { N: 0.5 } },
      ],
    };
    expect(problemsOf(file)).toEqual([
      'rules[1].branches[1]: invalid regular expression /(/: Unterminated group',
      'rules[1].tags[0]: "/x/g" starts with / but is not a /regex/ (write /.../, without flags)',
      'rules[2]: "job" is required for api v1.1',
      'rules[2].parameters.A-B: not a valid environment variable name (letters, digits and _, not starting with a digit)',
      'rules[3]: a pattern list of only ! exclusions matches nothing; add a pattern to include',
      'rules[3].parameters.N: 0.5 is not an integer (v2 parameters are integers, strings or booleans)',
    ]);
  });
});
