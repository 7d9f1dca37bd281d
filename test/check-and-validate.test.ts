/**
 * `check` and `validate` in-process through `main()`: what they print, their exit codes, and that
 * they read no CIRCLE_* variable and send nothing.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';

const RULES = 'examples/github-oauth/deploy-rules.json';

async function cli(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    {},
    {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      readFile: (path) =>
        path in files ? Promise.resolve(files[path] as string) : readFile(path, 'utf8'),
    },
  );
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const INVALID = JSON.stringify({
  rules: [
    { branches: ['main'], jobs: 'deploy' },
    { branches: ['/(/'], job: 'deploy', api: 'v1.1', parameters: { 'bad-name': 'x' } },
  ],
});

describe('check', () => {
  it.each([
    ['--branch', 'main', 0, 'would trigger: staging (match: first)'],
    ['--branch', 'release/2.0', 0, 'would trigger: staging (match: first)'],
    [
      '--branch',
      'release/legacy-1',
      1,
      'no rule matches branch "release/legacy-1": nothing would be triggered',
    ],
    ['--branch', 'hotfix-12', 0, 'would trigger: hotfix (match: first)'],
    [
      '--branch',
      'hotfix-12a',
      1,
      'no rule matches branch "hotfix-12a": nothing would be triggered',
    ],
    ['--tag', 'v1.2.3', 0, 'would trigger: production (match: first)'],
    ['--tag', 'main', 1, 'no rule matches tag "main": nothing would be triggered'],
  ])('check %s %s exits %i and says "%s"', async (flag, name, code, verdict) => {
    const run = await cli(['check', '--rules', RULES, flag, name]);
    expect(run.code).toBe(code);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(verdict);
  });

  it('explains every rule, with the pattern that matched or excluded', async () => {
    const run = await cli(['check', '--rules', RULES, '--branch', 'release/legacy-1']);
    expect(run.stdout).toBe(
      [
        'branch "release/legacy-1" against examples/github-oauth/deploy-rules.json:',
        '  no      production: has no branches patterns',
        '  no      staging: excludes branch "release/legacy-1" (pattern "!release/legacy-*")',
        '  no      hotfix: has no pattern matching branch "release/legacy-1"',
        'no rule matches branch "release/legacy-1": nothing would be triggered',
        '',
      ].join('\n'),
    );
  });

  it('prints one JSON object with --json', async () => {
    const run = await cli(['check', '--rules', RULES, '--branch', 'main', '--json']);
    expect(JSON.parse(run.stdout)).toEqual({
      ref: { kind: 'branch', name: 'main' },
      matched: true,
      rules: [
        { rule: 'production', matched: false, fires: false, why: 'has no branches patterns' },
        {
          rule: 'staging',
          matched: true,
          fires: true,
          why: 'matches branch "main" (pattern "main")',
        },
        {
          rule: 'hotfix',
          matched: false,
          fires: false,
          why: 'has no pattern matching branch "main"',
        },
      ],
      warnings: [],
    });
  });

  it('needs --branch or --tag (exit 2)', async () => {
    const run = await cli(['check', '--rules', RULES]);
    expect(run).toMatchObject({
      code: 2,
      stderr: 'error: check needs --branch NAME or --tag NAME\n',
    });
  });

  it('refuses --branch together with --tag (exit 2)', async () => {
    const run = await cli(['check', '--rules', RULES, '--branch', 'a', '--tag', 'b']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: --branch and --tag cannot be combined: give one of them (see --help)\n',
    );
  });

  it('exits 2 on an invalid rules file', async () => {
    const run = await cli(['check', '--rules', 'bad.json', '--branch', 'main'], {
      'bad.json': INVALID,
    });
    expect(run.code).toBe(2);
  });

  it('rejects options of run, naming each once', async () => {
    const run = await cli(['check', '--rules', RULES, '--branch', 'main', '--dry-run']);
    expect(run).toMatchObject({
      code: 2,
      stderr: 'error: --dry-run is an option of run, not of check (see --help)\n',
    });
  });
});

describe('the API v1.1 sunset', () => {
  const V1 = JSON.stringify({
    api: 'v1.1',
    rules: [
      { name: 'review', branches: ['main'], job: 'deploy_review' },
      { name: 'release', tags: ['v*'], job: 'deploy_release' },
    ],
  });
  const warning =
    'API v1.1 rules "review", "release": CircleCI removes the v1.1 trigger on 2027-02-01 (cloud and server), after which it answers 410 Gone; move to "api": "v2" (POST /pipeline with declared pipeline parameters) or give the rule a "definitionId" (pipeline/run); see "Moving from API v1.1 to v2" in the README';

  it('keeps v1.1 rules valid, with one warning per file on stderr', async () => {
    const run = await cli(['validate', '--rules', 'v1.json'], { 'v1.json': V1 });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`warning: ${warning}\n`);
  });

  it('lists the warning in the --json result of validate and check', async () => {
    const files = { 'v1.json': V1 };
    const validate = await cli(['validate', '--rules', 'v1.json', '--json'], files);
    const check = await cli(['check', '--rules', 'v1.json', '--branch', 'main', '--json'], files);
    expect(JSON.parse(validate.stdout)).toEqual({ valid: true, rules: 2, warnings: [warning] });
    expect(JSON.parse(check.stdout).warnings).toEqual([warning]);
    expect(check.code).toBe(0);
  });

  it('says nothing about v2 rules', async () => {
    const run = await cli(['validate', '--rules', RULES, '--json']);
    expect(JSON.parse(run.stdout).warnings).toEqual([]);
    expect(run.stderr).toBe('');
  });
});

describe('validate', () => {
  it('says the file is valid and the config fits it (exit 0)', async () => {
    const run = await cli([
      'validate',
      '--rules',
      RULES,
      '--config',
      'examples/github-oauth/config.yml',
    ]);
    expect(run).toMatchObject({
      code: 0,
      stdout:
        'examples/github-oauth/deploy-rules.json is valid: 3 rule(s), api v2, match first\n' +
        'examples/github-oauth/config.yml fits the rules: 3 v2 rule(s) checked, 0 problems, 0 warnings\n',
    });
  });

  it('prints every problem, shape and cross-field ones alike (exit 2)', async () => {
    const run = await cli(['validate', '--rules', 'bad.json'], { 'bad.json': INVALID });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toEqual([
      'error: rules[0].jobs: unknown key; did you mean "job"?',
      'error: rules[1].branches[0]: invalid regular expression /(/: Unterminated group',
      'error: rules[1].parameters.bad-name: not a valid environment variable name (letters, digits and _, not starting with a digit)',
      'error: invalid rules file bad.json: 3 problems',
      '',
    ]);
  });

  it('lists the problems in its JSON result', async () => {
    const run = await cli(['validate', '--rules', 'bad.json', '--json'], { 'bad.json': INVALID });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      valid: false,
      reason: 'invalid rules file bad.json: 3 problems',
      problems: [
        'rules[0].jobs: unknown key; did you mean "job"?',
        'rules[1].branches[0]: invalid regular expression /(/: Unterminated group',
        'rules[1].parameters.bad-name: not a valid environment variable name (letters, digits and _, not starting with a digit)',
      ],
    });
  });

  it('names line and column of a JSON syntax error', async () => {
    const run = await cli(['validate', '--rules', 'bad.json'], {
      'bad.json': '{\n  "rules": [\n    { "branches": ["main"], }\n  ]\n}',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: invalid rules file bad.json: JSON syntax error at line 3, column 29: property name expected\n',
    );
  });

  it('names a missing rules file (exit 2)', async () => {
    const run = await cli(['validate', '--rules', 'nowhere.json']);
    expect(run).toMatchObject({
      code: 2,
      stderr: 'error: cannot read rules file nowhere.json: no such file (set --rules)\n',
    });
  });
});
