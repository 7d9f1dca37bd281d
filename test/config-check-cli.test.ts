/**
 * The config check through `main()`: `validate` lists every problem and warning, `run` checks the
 * fired rules before sending (against the fake CircleCI) and sends nothing on a problem.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import { useFake } from './helpers/fake.js';
import { aliasedIntoWorkflows, backtracking, deeplyNested } from './helpers/hostile-configs.js';
import { baseEnv, posts, TOKEN, tagEnv } from './helpers/run-harness.js';

const CONFIGS = 'test/fixtures/configs';
const STAGING = { name: 'staging', branches: ['main'], job: 'deploy_staging' };

/**
 * `main()` in a checkout that has the rules file given and the test fixtures, nothing else (no
 * .circleci/config.yml); every read is noted.
 */
async function cli(
  argv: string[],
  rules: unknown,
  env: Record<string, string> = baseEnv,
  files: Record<string, string> = {},
) {
  let stdout = '';
  let stderr = '';
  const read: string[] = [];
  const code = await main(argv, env, {
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
    readFile: async (path) => {
      read.push(path);
      if (path === 'rules.json') return JSON.stringify({ rules });
      if (Object.hasOwn(files, path)) return files[path] as string;
      if (path.startsWith('test/')) return readFile(path, 'utf8');
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
    sleep: async () => {},
  });
  return { code, stdout, stderr, read };
}

describe('validate', () => {
  const validate = (config: string, rules: unknown, ...rest: string[]) =>
    cli(['validate', '--rules', 'rules.json', '--config', `${CONFIGS}/${config}`, ...rest], rules);
  const validateText = (text: string) =>
    cli(['validate', '--rules', 'rules.json', '--config', 'hostile.yml'], [STAGING], baseEnv, {
      'hostile.yml': text,
    });

  it('checks a rule with paths as any other: its paths change nothing the config must have', async () => {
    const run = await validate('../../../examples/github-oauth/config.yml', [
      { ...STAGING, paths: ['services/api/**', '!**/*.md'] },
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('fits the rules: 1 v2 rule(s) checked, 0 problems, 0 warnings');
  });

  it('says the config fits (exit 0)', async () => {
    const run = await validate('../../../examples/github-oauth/config.yml', [STAGING]);
    expect(run).toMatchObject({
      code: 0,
      stdout:
        'rules.json is valid: 1 rule(s), api v2, match first\n' +
        'test/fixtures/configs/../../../examples/github-oauth/config.yml fits the rules: 1 v2 rule(s) checked, 0 problems, 0 warnings\n',
      stderr: '',
    });
  });

  it('warns about a branch deploy without a serial group, naming the job as the config does', async () => {
    const run = await validate('renamed.yml', [STAGING]);
    expect(run).toMatchObject({
      code: 0,
      stdout:
        'rules.json is valid: 1 rule(s), api v2, match first\n' +
        'test/fixtures/configs/renamed.yml fits the rules: 1 v2 rule(s) checked, 0 problems, 1 warning\n',
      stderr:
        'warning: rule "staging" deploys job deploy_staging (workflow deploy_staging) on branches, and it has no serial-group: two commits whose pipelines finish out of order would deploy in the wrong order, the older one last. With a serial group, the newer pipeline wins and the older deploy is skipped. Add: workflows: { deploy_staging: { jobs: [ { deploy: { name: deploy_staging, serial-group: << pipeline.project.slug >>/deploy-deploy_staging } } ] } }\n',
    });
  });

  it('lists every problem with its fix, then exits 2', async () => {
    const run = await validate('orb-loop.yml', [
      STAGING,
      { name: 'deploy', branches: ['dev'], job: 'deploy', parameters: { DEPLOY_ENV: 'x' } },
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('rules.json is valid: 2 rule(s), api v2, match first\n');
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('error: '));
    expect(errors).toEqual([
      // deploy_staging is no job of the config: a workflow running it would be no fix.
      'error: rule "staging" targets job deploy_staging, but test/fixtures/configs/orb-loop.yml has no job of that name (no key of jobs:, no workflow job\'s name: or matrix alias): the pipeline cci-conditional starts would not run it. Name one of the config\'s jobs in the rule.',
      'error: rule "staging": workflow build runs with target_job = "deploy_staging", and its job trigger runs cci-conditional: the new pipeline would trigger again (a loop). Skip the workflow in triggered pipelines: workflows: { build: { unless: << pipeline.parameters.target_job >> } }',
      'error: rule "deploy" sends the pipeline parameter DEPLOY_ENV, which test/fixtures/configs/orb-loop.yml does not declare: CircleCI would fail the new pipeline with "Unexpected argument(s): DEPLOY_ENV". Declare it: parameters: { DEPLOY_ENV: { type: string, default: "" } }',
      'error: rule "deploy": workflow build runs with target_job = "deploy", DEPLOY_ENV = "x", and its job trigger runs cci-conditional: the new pipeline would trigger again (a loop). Skip the workflow in triggered pipelines: workflows: { build: { unless: << pipeline.parameters.target_job >> } }',
      'error: test/fixtures/configs/orb-loop.yml does not fit the rules: 2 v2 rule(s) checked, 4 problems, 1 warning',
    ]);
    expect(run.stderr.split('\n')).toHaveLength(7);
  });

  it('prints warnings and exits 0 when nothing is a problem', async () => {
    const run = await validate('branch-gated.yml', [STAGING]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: rule "staging": workflow main_only may run with /);
    expect(run.stdout).toContain(
      'branch-gated.yml fits the rules: 1 v2 rule(s) checked, 0 problems, 2 warnings\n',
    );
  });

  it('gives problems and warnings as data with --json', async () => {
    const run = await validate(
      'undeclared.yml',
      [{ ...STAGING, parameters: { DEPLOY_ENV: 's' } }],
      '--json',
    );
    expect(run.code).toBe(2);
    const problem = {
      rule: 'staging',
      check: 'declared',
      message: `rule "staging" sends the pipeline parameter DEPLOY_ENV, which ${CONFIGS}/undeclared.yml does not declare: CircleCI would fail the new pipeline with "Unexpected argument(s): DEPLOY_ENV". Declare it:`,
      fix: 'parameters:\n  DEPLOY_ENV:\n    type: string\n    default: ""\n',
    };
    const order = {
      rule: 'staging',
      check: 'order',
      message:
        'rule "staging" deploys job deploy_staging (workflow deploy_staging) on branches, and it has no serial-group: two commits whose pipelines finish out of order would deploy in the wrong order, the older one last. With a serial group, the newer pipeline wins and the older deploy is skipped. Add:',
      fix: 'workflows:\n  deploy_staging:\n    jobs:\n      - deploy_staging:\n          serial-group: << pipeline.project.slug >>/deploy-deploy_staging\n',
    };
    expect(JSON.parse(run.stdout)).toEqual({
      valid: false,
      rules: 1,
      problems: [`${problem.message} parameters: { DEPLOY_ENV: { type: string, default: "" } }`],
      warnings: [
        `${order.message} workflows: { deploy_staging: { jobs: [ { deploy_staging: { serial-group: << pipeline.project.slug >>/deploy-deploy_staging } } ] } }`,
      ],
      config: {
        path: `${CONFIGS}/undeclared.yml`,
        checked: true,
        problems: [problem],
        warnings: [order],
      },
    });
  });

  it('warns that a setup config is not checked, and exits 0', async () => {
    const run = await validate('setup.yml', [STAGING], '--json');
    expect(run.code).toBe(0);
    const message = `${CONFIGS}/setup.yml is a setup config (setup: true): the config it continues with is generated when the pipeline runs; the config is not checked against the rules`;
    expect(JSON.parse(run.stdout)).toEqual({
      valid: true,
      rules: 1,
      problems: [],
      warnings: [message],
      config: {
        path: `${CONFIGS}/setup.yml`,
        checked: false,
        problems: [],
        warnings: [{ check: 'config', message }],
      },
    });
  });

  it('says in one line that a config beyond the bounds is not checked, and exits 2', async () => {
    const run = await validate('recursive-alias.yml', [STAGING]);
    expect(run).toMatchObject({
      code: 2,
      stdout: 'rules.json is valid: 1 rule(s), api v2, match first\n',
      stderr: `error: ${CONFIGS}/recursive-alias.yml is not checked against the rules: an alias at line 5, column 31 refers to a value that contains it\n`,
    });
  });

  it.each<[string, string, RegExp]>([
    [
      'nested 5,000 levels deep',
      deeplyNested(),
      /(ran out of stack|nests deeper than 1,000 levels)/,
    ],
    [
      'aliasing a 20,000-entry list into 999 workflows',
      aliasedIntoWorkflows(),
      /has more than 100 aliases/,
    ],
    [
      'with matches: {pattern: "^(a+)+$"}',
      backtracking(),
      /the pattern "\^\(a\+\)\+\$" can backtrack/,
    ],
  ])('ends a config %s with one line and exit 2', async (_, text, why) => {
    const started = performance.now();
    const run = await validateText(text);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        new RegExp(`^error: hostile\\.yml is not checked against the rules: .*${why.source}`),
      ),
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('checks nothing when the default config is missing', async () => {
    const run = await cli(
      ['validate', '--rules', 'rules.json', '--log-level', 'debug'],
      [STAGING],
      {},
    );
    expect(run.code).toBe(0);
    expect(run.read).toEqual(['rules.json', '.circleci/config.yml']);
    expect(run.stderr).toBe(
      'debug: no .circleci/config.yml: the config is not checked (--config names it)\n',
    );
  });

  it('exits 2 when the config named by --config is missing', async () => {
    const run = await cli(
      ['validate', '--rules', 'rules.json', '--config', 'nowhere.yml'],
      [STAGING],
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: cannot read CircleCI config nowhere.yml: no such file (set --config to the path of the CircleCI config)\n',
    );
  });

  it('offers --no-config-check only to run, the one command that takes it', async () => {
    const ran = await cli(
      ['--dry-run', '--rules', 'rules.json', '--config', 'nowhere.yml'],
      [STAGING],
    );
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      'error: cannot read CircleCI config nowhere.yml: no such file (set --config to the path of the CircleCI config, or --no-config-check to send without checking)\n',
    );
  });

  it('does not read the config when no rule is a v2 trigger of this project', async () => {
    const rules = [
      { ...STAGING, api: 'v1.1' },
      { ...STAGING, project: 'gh/acme/other' },
    ];
    const run = await cli(['validate', '--rules', 'rules.json', '--config', 'nowhere.yml'], rules);
    expect(run.code).toBe(0);
    expect(run.read).toEqual(['rules.json']);
  });
});

describe('run', () => {
  const fake = useFake({ token: TOKEN, pipelineSetupReads: 0, workflowDelayReads: 0 });
  const run = (config: string, rules: unknown, extra: string[] = [], env = baseEnv) =>
    cli(
      ['--host', fake.url, '--rules', 'rules.json', '--config', `${CONFIGS}/${config}`, ...extra],
      rules,
      env,
    );

  it.each<[string, string, unknown, Record<string, string>, string]>([
    [
      'an undeclared parameter',
      'undeclared.yml',
      { ...STAGING, parameters: { DEPLOY_ENV: 's' } },
      baseEnv,
      'declare',
    ],
    ['an unreached target', 'renamed.yml', { ...STAGING, job: 'deploy' }, baseEnv, 'no workflow'],
    [
      'a missing tag filter',
      'tag-deploy.yml',
      { name: 'docs', tags: ['v*'], job: 'deploy_docs' },
      { ...baseEnv, ...tagEnv },
      'no filters.tags',
    ],
    [
      'a loop',
      'orb-loop.yml',
      { name: 'deploy', branches: ['main'], job: 'deploy' },
      baseEnv,
      'a loop',
    ],
    [
      'a branch the filters exclude',
      'branch-gated.yml',
      { ...STAGING, branches: ['feat'] },
      { ...baseEnv, CIRCLE_BRANCH: 'feat' },
      'do not let branch "feat" through',
    ],
  ])('refuses to send into %s: exit 2, nothing sent', async (_, config, rule, env, words) => {
    const ran = await run(config, [rule], [], env);
    expect(ran.code).toBe(2);
    expect(fake.requests).toEqual([]);
    expect(ran.stderr).toContain(words);
    expect(ran.stderr.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(
        `^error: ${CONFIGS}/${config} does not fit the rule that fired \\(1 problem, \\d+ warnings?\\): nothing sent; fix the config, or --no-config-check to send anyway$`,
      ),
    );
  });

  it('still triggers with --no-config-check', async () => {
    const ran = await run(
      'orb-loop.yml',
      [{ name: 'deploy', branches: ['main'], job: 'deploy' }],
      ['--no-config-check'],
    );
    expect(ran.code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(ran.read).toEqual(['rules.json']);
  });

  it('still triggers with CCI_CONDITIONAL_CONFIG_CHECK=false', async () => {
    const env = { ...baseEnv, CCI_CONDITIONAL_CONFIG_CHECK: 'false' };
    const ran = await run('looping.yml', [STAGING], [], env);
    expect(ran.code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
  });

  it('triggers when the config fits, after reading it', async () => {
    const ran = await run('renamed.yml', [STAGING]);
    expect(ran.code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(ran.read).toEqual(['rules.json', `${CONFIGS}/renamed.yml`]);
  });

  it('triggers with a warning when a loop depends on the branch', async () => {
    const ran = await run('branch-gated.yml', [STAGING]);
    expect(ran.code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(ran.stderr).toMatch(/^warning: rule "staging": workflow main_only may run with /m);
  });

  it('checks a dry run too: a problem is exit 2 and no request is printed', async () => {
    const ran = await run('looping.yml', [STAGING], ['--dry-run']);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(fake.requests).toEqual([]);
  });

  it('triggers with a warning when the config is a setup config', async () => {
    const ran = await run('setup.yml', [STAGING]);
    expect(ran.code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(ran.stderr).toContain(`warning: ${CONFIGS}/setup.yml is a setup config (setup: true)`);
  });

  it.each<[string, string]>([
    ['nested 5,000 levels deep', deeplyNested()],
    ['aliasing a 20,000-entry list into 999 workflows', aliasedIntoWorkflows()],
    ['with matches: {pattern: "^(a+)+$"}', backtracking()],
  ])('triggers with a warning when the config is %s: it is not checked', async (_, text) => {
    const ran = await cli(
      ['--host', fake.url, '--rules', 'rules.json', '--config', 'hostile.yml'],
      [STAGING],
      baseEnv,
      { 'hostile.yml': text },
    );
    expect(ran.code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(ran.stderr).toMatch(/^warning: hostile\.yml is not checked against the rules: /m);
  });

  it("triggers on main with CircleCI's own docs config: a dependency filtered out is ignored", async () => {
    // circleci/circleci-docs: deploy-production requires validate, which requires build-main (on
    // main) and build (off main). Before: "CircleCI would run neither", exit 2, nothing sent.
    const docs = readFileSync(`${CONFIGS}/real/circleci-docs.yml`, 'utf8');
    const declared = `${docs}parameters:\n  target_job: { type: string, default: "" }\n  target_sha: { type: string, default: "" }\n`;
    const ran = await cli(
      ['--host', fake.url, '--rules', 'rules.json', '--config', 'docs.yml'],
      [{ name: 'production', branches: ['main'], job: 'deploy-production' }],
      baseEnv,
      { 'docs.yml': declared },
    );
    expect(ran.code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(ran.stderr).toMatch(
      /^warning: rule "production" deploys job deploy-production .* no serial-group/m,
    );
  });

  it('triggers without a check when the default config is missing', async () => {
    const ran = await cli(
      ['--host', fake.url, '--rules', 'rules.json', '--log-level', 'debug'],
      [STAGING],
    );
    expect(ran.code).toBe(0);
    expect(posts(fake)).toHaveLength(1);
    expect(ran.stderr).toContain(
      'debug: .circleci/config.yml not checked against the rules (no such file)\n',
    );
  });

  it('exits 2 with nothing sent when the config named by --config is missing', async () => {
    const ran = await cli(
      ['--host', fake.url, '--rules', 'rules.json', '--config', 'nowhere.yml'],
      [STAGING],
    );
    expect(ran.code).toBe(2);
    expect(fake.requests).toEqual([]);
  });

  it('reads no config on a skip, nor for rules it does not check', async () => {
    const skip = await run('looping.yml', [{ ...STAGING, branches: ['other'] }]);
    expect(skip.code).toBe(0);
    expect(skip.read).toEqual(['rules.json']);
    const v1 = await run('looping.yml', [{ ...STAGING, api: 'v1.1' }]);
    expect(v1.code).toBe(0);
    expect(v1.read).toEqual(['rules.json']);
    expect(posts(fake)).toHaveLength(1);
  });
});
