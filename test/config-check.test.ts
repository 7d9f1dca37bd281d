/**
 * The config check on real configs: this repository's own, examples/, the orb's examples, the
 * README's snippets and the corpus in test/fixtures/configs/, each with the verdict expected for
 * its rules. A verdict lists each finding as `check: rule` (problems and warnings apart).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkConfig,
  configOf,
  type Finding,
  findingAsLine,
  findingAsText,
} from '../src/config-check/index.js';
import { parseRules } from '../src/core/parse-rules.js';
import type { GitRef } from '../src/core/read-context.js';
import type { RuleSet } from '../src/core/rules.js';

const rulesOf = (rules: unknown[], file: Record<string, unknown> = {}): RuleSet =>
  parseRules(JSON.stringify({ ...file, rules }), 'deploy-rules.json');
const EXAMPLE_RULES = parseRules(
  readFileSync('examples/github-oauth/deploy-rules.json', 'utf8'),
  'rules',
);
const STAGING = { name: 'staging', branches: ['main'], job: 'deploy_staging' };
const PRODUCTION = { name: 'production', tags: ['v*'], job: 'deploy_production' };

function loaded(text: string, path: string): Record<string, unknown> {
  const config = configOf(text, path);
  if (config.status !== 'loaded') throw new Error(`${path}: ${config.status}`);
  return config.config;
}
const fixture = (name: string) =>
  loaded(readFileSync(`test/fixtures/configs/${name}`, 'utf8'), name);

const verdictOf = (findings: readonly Finding[]) => findings.map((f) => `${f.check}: ${f.rule}`);

function verdict(
  config: Record<string, unknown>,
  rules: RuleSet,
  ref?: GitRef,
  rulesPath?: string,
) {
  const check = checkConfig(config, rules, {
    path: 'config.yml',
    rulesPath,
    ...(ref ? { ref } : {}),
  });
  return { problems: verdictOf(check.problems), warnings: verdictOf(check.warnings) };
}

const fits = { problems: [], warnings: [] };

/** The rules file of the README's quick start. */
function quickStartRules(): RuleSet {
  const readme = readFileSync('README.md', 'utf8');
  const quickStart = readme.slice(readme.indexOf('## Quick start'));
  const json = /```json\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? '';
  return parseRules(json.replace(/^ {3}/gm, ''), 'quick start');
}

describe('the corpus of configs', () => {
  it.each<[string, RuleSet, { problems: string[]; warnings: string[] }]>([
    [
      'deploy-apps.yml',
      rulesOf([
        PRODUCTION,
        { ...STAGING, parameters: { DEPLOY_ENV: 'staging' } },
        { name: 'app', branches: ['main'], job: 'deploy_app' },
        { name: 'develop', branches: ['develop'], job: 'deploy_develop' },
        { name: 'infra', branches: ['main'], job: 'deploy', project: 'gh/acme/infra' },
        { name: 'legacy', branches: ['main'], job: 'deploy', api: 'v1.1' },
      ]),
      fits,
    ],
    [
      'orbs.yml',
      rulesOf([{ name: 'site', branches: ['main'], job: 'publish_site' }]),
      { problems: [], warnings: ['order: site'] },
    ],
    [
      'orb-loop.yml',
      rulesOf([{ name: 'deploy', branches: ['main'], job: 'deploy' }]),
      { problems: ['loop: deploy'], warnings: ['order: deploy'] },
    ],
    [
      'matrix.yml',
      rulesOf([
        { name: 'staging', branches: ['main'], job: 'deploy-staging' },
        { name: 'canary', branches: ['canary'], job: 'deploy-canary-eu' },
        { name: 'excluded', branches: ['canary'], job: 'deploy-canary-us' },
        { name: 'by definition', branches: ['x'], job: 'deploy' },
      ]),
      // The matrix key names the whole matrix (as in requires:): found, but its workflow runs
      // only for target_job deploy-<environment>.
      {
        problems: ['reached: excluded', 'reached: by definition'],
        warnings: ['order: staging', 'order: canary'],
      },
    ],
    [
      'renamed.yml',
      rulesOf([STAGING, { name: 'by key', branches: ['main'], job: 'deploy' }]),
      { problems: ['reached: by key'], warnings: ['order: staging'] },
    ],
    [
      'anchors.yml',
      rulesOf([PRODUCTION, { ...STAGING, parameters: { DEPLOY_ENV: 'staging' } }]),
      { problems: [], warnings: ['order: staging'] },
    ],
    [
      'expressions.yml',
      rulesOf([PRODUCTION, STAGING]),
      // The rule fires on tags (vx) that the filter's `matches /v\d+(\.\d+)*/` lets not through.
      { problems: [], warnings: ['reached: production', 'order: staging'] },
    ],
    [
      'branch-gated.yml',
      rulesOf([STAGING]),
      { problems: [], warnings: ['loop: staging', 'order: staging'] },
    ],
    [
      'looping.yml',
      rulesOf([STAGING]),
      {
        problems: ['declared: staging', 'declared: staging', 'reached: staging', 'loop: staging'],
        warnings: [],
      },
    ],
    [
      'undeclared.yml',
      rulesOf([{ ...STAGING, parameters: { DEPLOY_ENV: 'staging', replicas: 3 } }]),
      { problems: ['declared: staging', 'declared: staging'], warnings: ['order: staging'] },
    ],
    [
      'enum.yml',
      rulesOf(
        [
          { name: 'staging', branches: ['main'], parameters: { environment: 'staging' } },
          { name: 'qa', branches: ['qa'], parameters: { environment: 'qa' } },
          {
            name: 'scaled',
            branches: ['big'],
            parameters: { environment: 'production', replicas: 3 },
          },
          {
            name: 'as text',
            branches: ['x'],
            parameters: { environment: 'staging', replicas: '3' },
          },
          { name: 'nothing', branches: ['y'], parameters: { canary: true } },
        ],
        { shaParameter: null },
      ),
      {
        // `canary: true` leaves the environment at none: the build workflow runs again.
        problems: ['declared: qa', 'declared: as text', 'loop: nothing'],
        warnings: [],
      },
    ],
    [
      'tag-deploy.yml',
      rulesOf([PRODUCTION, { name: 'docs', tags: ['v*'], job: 'deploy_docs' }]),
      { problems: ['reached: docs'], warnings: [] },
    ],
    [
      'release-chain.yml',
      rulesOf([PRODUCTION, { name: 'docs', branches: ['main', 'dev'], job: 'deploy_docs' }]),
      // On dev, build-docs (only: main) does not run, so neither does deploy_docs: what `run`
      // refuses on dev, `validate` names.
      { problems: ['reached: production'], warnings: ['reached: docs', 'order: docs'] },
    ],
  ])('%s', (name, rules, expected) => {
    expect(verdict(fixture(name), rules)).toEqual(expected);
  });

  it('does not check a setup config, and says why', () => {
    const config = configOf(readFileSync('test/fixtures/configs/setup.yml', 'utf8'), 'setup.yml');
    expect(config).toEqual({
      status: 'unchecked',
      failed: false,
      reason:
        'setup.yml is a setup config (setup: true): the config it continues with is generated when the pipeline runs',
      warning: {
        rule: undefined,
        check: 'config',
        message:
          'setup.yml is a setup config (setup: true): the config it continues with is generated when the pipeline runs; the config is not checked against the rules',
        fix: undefined,
      },
    });
  });
});

describe('a job that runs cci-conditional with another rules file', () => {
  const PROMOTE = { name: 'production', branches: ['main'], job: 'deploy_production' };

  it.each<[unknown, string | undefined, { problems: string[]; warnings: string[] }]>([
    [STAGING, '.circleci/deploy-rules.json', { problems: [], warnings: ['order: staging'] }],
    [PROMOTE, '.circleci/promote-rules.json', { problems: [], warnings: ['order: production'] }],
    [
      STAGING,
      '.circleci/promote-rules.json',
      { problems: ['loop: staging'], warnings: ['order: staging'] },
    ],
    [STAGING, undefined, { problems: ['loop: staging'], warnings: ['order: staging'] }],
  ])('%j checked as the rules of %s', (rule, rulesPath, expected) => {
    expect(verdict(fixture('promotion.yml'), rulesOf([rule]), undefined, rulesPath)).toEqual(
      expected,
    );
  });

  it('is a loop when it is the target job and uses these rules', () => {
    const check = checkConfig(fixture('promotion.yml'), rulesOf([STAGING]), {
      path: 'promotion.yml',
      rulesPath: '.circleci/promote-rules.json',
    });
    expect(check.problems.map(findingAsText)).toEqual([
      // No YAML: a fix that names a job the config does not have would not be one.
      'rule "staging": the target job deploy_staging (workflow deploy_staging) runs with target_job = "deploy_staging" and runs cci-conditional itself: the new pipeline would trigger again (a loop). Run cci-conditional in a job of its own, in a workflow that triggered pipelines skip (unless: << pipeline.parameters.target_job >>), and leave the deploy to the target job.',
    ]);
  });
});

describe('knowing the branch or tag (run)', () => {
  it.each<[string, unknown, GitRef, string[]]>([
    ['branch-gated.yml', STAGING, { kind: 'branch', name: 'main' }, []],
    ['branch-gated.yml', STAGING, { kind: 'branch', name: 'release/2' }, []],
    ['branch-gated.yml', STAGING, { kind: 'branch', name: 'feature/x' }, ['reached: staging']],
    ['expressions.yml', PRODUCTION, { kind: 'tag', name: 'v1.2' }, []],
    ['expressions.yml', PRODUCTION, { kind: 'tag', name: 'nightly' }, ['reached: production']],
    ['tag-deploy.yml', PRODUCTION, { kind: 'tag', name: 'v2' }, []],
    ['tag-deploy.yml', PRODUCTION, { kind: 'tag', name: 'release-2' }, ['reached: production']],
    ['deploy-apps.yml', STAGING, { kind: 'branch', name: 'main' }, []],
    ['release-chain.yml', { ...STAGING, job: 'deploy_docs' }, { kind: 'branch', name: 'main' }, []],
    [
      'release-chain.yml',
      { ...STAGING, job: 'deploy_docs' },
      { kind: 'branch', name: 'dev' },
      ['reached: staging'],
    ],
  ])('%s with %j on %j', (name, rule, ref, problems) => {
    expect(verdict(fixture(name), rulesOf([rule]), ref).problems).toEqual(problems);
  });
});

/** The deploy-order warning for the staging rule's deploy_staging, as people read it. */
const ORDER_STAGING = `rule "staging" deploys job deploy_staging (workflow deploy_staging) on branches, and it has no serial-group: two commits whose pipelines finish out of order would deploy in the wrong order, the older one last. With a serial group, the newer pipeline wins and the older deploy is skipped. Add:
    workflows:
      deploy_staging:
        jobs:
          - deploy_staging:
              serial-group: << pipeline.project.slug >>/deploy-deploy_staging`;

describe('the messages', () => {
  const messages = (name: string, rules: RuleSet, ref?: GitRef) => {
    const check = checkConfig(fixture(name), rules, { path: name, ...(ref ? { ref } : {}) });
    return [...check.problems, ...check.warnings].map(findingAsText);
  };

  it('name the parameter, what CircleCI would do and the declaration to add', () => {
    const rules = rulesOf([{ ...STAGING, parameters: { DEPLOY_ENV: 'staging', replicas: 3 } }]);
    expect(messages('undeclared.yml', rules)).toEqual([
      `rule "staging" sends the pipeline parameter DEPLOY_ENV, which undeclared.yml does not declare: CircleCI would fail the new pipeline with "Unexpected argument(s): DEPLOY_ENV". Declare it:
    parameters:
      DEPLOY_ENV:
        type: string
        default: ""`,
      // The config's type is the intended one: the rule changes what it sends.
      'rule "staging" sends the pipeline parameter replicas = 3 (a number), but undeclared.yml declares it with type string: CircleCI would fail the new pipeline. Send what the config declares; in the rule: {"parameters":{"replicas":"3"}}',
      ORDER_STAGING,
    ]);
    const check = checkConfig(fixture('undeclared.yml'), rules, { path: 'undeclared.yml' });
    expect(check.problems[1]?.ruleFix).toEqual({ parameters: { replicas: '3' } });
  });

  it('name the enum and the value to add to it', () => {
    const rules = rulesOf([{ name: 'qa', branches: ['qa'], parameters: { environment: 'qa' } }]);
    expect(messages('enum.yml', rules)).toEqual([
      `rule "qa" sends the pipeline parameter environment = "qa", which is not in the enum of enum.yml: CircleCI would fail the new pipeline. Add the value:
    parameters:
      environment:
        type: enum
        enum: [ none, staging, production, qa ]`,
    ]);
  });

  it('name the job, the workflow and the gate or filter to add', () => {
    const rules = rulesOf([STAGING]);
    expect(messages('looping.yml', rules).slice(2)).toEqual([
      `rule "staging" targets job deploy_staging, but no workflow of looping.yml has a job of that name: the pipeline cci-conditional starts would not run it. Add a workflow for it:
    workflows:
      deploy_staging:
        when:
          equal: [ deploy_staging, << pipeline.parameters.target_job >> ]
        jobs:
          - deploy_staging:
              serial-group: << pipeline.project.slug >>/deploy-deploy_staging`,
      `rule "staging": workflow build runs with target_job = "deploy_staging", and its job build runs cci-conditional: the new pipeline would trigger again (a loop). Skip the workflow in triggered pipelines:
    workflows:
      build:
        unless: << pipeline.parameters.target_job >>`,
    ]);
    expect(messages('tag-deploy.yml', rulesOf([{ ...PRODUCTION, job: 'deploy_docs' }]))).toEqual([
      `rule "production" fires on tags v*, but job deploy_docs in workflow release has no filters.tags: CircleCI runs no job of a tag pipeline without one, so it would not run. Let them through:
    workflows:
      release:
        jobs:
          - deploy_docs:
              filters:
                tags:
                  only: /v[^\\/]*/`,
    ]);
  });

  it('name the required jobs that keep the target from running, and their filters', () => {
    expect(messages('release-chain.yml', rulesOf([PRODUCTION]))).toEqual([
      `rule "production" fires on tags v*, but job deploy_production in workflow release requires only jobs that do not run then (test: no filters.tags, without which CircleCI runs no job of a tag pipeline): CircleCI runs a job only when at least one job it requires runs, so it would not run either. Let them through:
    workflows:
      release:
        jobs:
          - test:
              filters:
                tags:
                  only: /v[^\\/]*/`,
    ]);
  });

  it('name a renamed job by its key and its name, so that the fix changes the entry that is there', () => {
    const config = loaded(
      'version: 2.1\nparameters: { target_job: { type: string, default: "" }, target_sha: { type: string, default: "" } }\njobs: { deploy: { docker: [{ image: x }], steps: [checkout] } }\nworkflows:\n  web:\n    when: { equal: [deploy-web, << pipeline.parameters.target_job >>] }\n    jobs:\n      - deploy: { name: deploy-web, filters: { tags: { only: /^web-v.*/ } } }\n',
      'c.yml',
    );
    const api = { name: 'api', tags: ['/^api-v\\d+\\.\\d+\\.\\d+$/'], job: 'deploy-web' };
    const check = checkConfig(config, rulesOf([api]), { path: 'c.yml' });
    expect(check.problems.map(findingAsText)).toEqual([
      `rule "api" fires on tags /^api-v\\d+\\.\\d+\\.\\d+$/, but the filters of job deploy-web in workflow web do not let them through: CircleCI would not run it. Let them through:
    workflows:
      web:
        jobs:
          - deploy:
              name: deploy-web
              filters:
                tags:
                  only:
                    - /^web-v.*/
                    - /^api-v\\d+\\.\\d+\\.\\d+$/`,
    ]);
  });

  it('call a loop a problem when the filter lets every tag through, as the README recommends', () => {
    const config = loaded(
      `version: 2.1
parameters:
  target_job: { type: string, default: "" }
  target_sha: { type: string, default: "" }
jobs:
  trigger: { docker: [{ image: cimg/base:current }], steps: [{ run: npx cci-conditional@1 }] }
  deploy_production: { docker: [{ image: cimg/base:current }], steps: [{ run: ./deploy.sh }] }
workflows:
  build:
    jobs:
      - trigger: { filters: { tags: { only: /.*/ } } }
  deploy_production:
    when: { equal: [deploy_production, << pipeline.parameters.target_job >>] }
    jobs:
      - deploy_production: { filters: { tags: { only: /.*/ } } }
`,
      'config.yml',
    );
    expect(verdict(config, rulesOf([PRODUCTION]))).toEqual({
      problems: ['loop: production'],
      warnings: [],
    });
  });

  it('say when a loop depends on what is known only when the pipeline runs', () => {
    expect(messages('branch-gated.yml', rulesOf([STAGING]))).toEqual([
      `rule "staging": workflow main_only may run with target_job = "deploy_staging" (it depends on values known only when the pipeline runs, such as pipeline.git.branch), and its job trigger runs cci-conditional: if it runs, the new pipeline triggers again (a loop). Skip the workflow in triggered pipelines:
    workflows:
      main_only:
        when:
          and:
            - equal: [ main, << pipeline.git.branch >> ]
            - not: << pipeline.parameters.target_job >>`,
      ORDER_STAGING,
    ]);
  });

  it('move the target out of a workflow that does not run with the trigger, deleting the entry there', () => {
    const config = loaded(
      'version: 2.1\nparameters: { target_job: { type: string, default: "" }, target_sha: { type: string, default: "" } }\nworkflows:\n  deploy:\n    when: { equal: [deploy, << pipeline.parameters.target_job >>] }\n    jobs: [deploy_staging]\n',
      'c.yml',
    );
    const check = checkConfig(config, rulesOf([STAGING]), { path: 'c.yml' });
    expect(check.problems.map(findingAsText)).toEqual([
      `rule "staging" targets job deploy_staging, but workflow deploy (which has it) does not run with target_job = "deploy_staging": CircleCI would start a pipeline that does not run it. Move it into a workflow of its own that only pipelines started for it run, and delete it from workflow deploy:
    workflows:
      deploy_staging:
        when:
          equal: [ deploy_staging, << pipeline.parameters.target_job >> ]
        jobs:
          - deploy_staging:
              serial-group: << pipeline.project.slug >>/deploy-deploy_staging`,
    ]);
    expect(check.problems[0]?.remove).toEqual({ workflow: 'deploy', jobs: ['deploy_staging'] });
  });
});

describe('a finding on one line', () => {
  it('carries its fix as one line of YAML that reads back as the fix', () => {
    const check = checkConfig(fixture('looping.yml'), rulesOf([PRODUCTION, STAGING]), {
      path: 'looping.yml',
    });
    expect(check.problems.length).toBeGreaterThan(4);
    for (const finding of check.problems.filter((f) => f.fix !== undefined)) {
      const line = findingAsLine(finding);
      expect(line).not.toContain('\n');
      expect(line.startsWith(`${finding.message} `)).toBe(true);
      expect(parse(line.slice(finding.message.length + 1))).toEqual(parse(finding.fix ?? ''));
    }
  });
});

describe("this repository's configs", () => {
  it('examples/github-oauth/config.yml fits examples/github-oauth/deploy-rules.json', () => {
    const config = loaded(
      readFileSync('examples/github-oauth/config.yml', 'utf8'),
      'github-oauth/config.yml',
    );
    expect(verdict(config, EXAMPLE_RULES)).toEqual(fits);
  });

  it('examples/legacy-v1.1/config.yml has no v2 rule to be checked against', () => {
    const config = loaded(
      readFileSync('examples/legacy-v1.1/config.yml', 'utf8'),
      'legacy-v1.1/config.yml',
    );
    const rules = parseRules(readFileSync('examples/legacy-v1.1/deploy-rules.json', 'utf8'), 'v1');
    expect(verdict(config, rules)).toEqual(fits);
  });

  it("the orb example that triggers fits the README quick start's rules it names", () => {
    const example = parse(readFileSync('orb/examples/trigger-deploy.yml', 'utf8'));
    expect(example.description).toContain(
      'Goes with the rules of the cci-conditional README quick start',
    );
    expect(verdict(example.usage, quickStartRules())).toEqual(fits);
  });

  it("the orb example with the orb's trigger job fits the rules it names", () => {
    const example = parse(readFileSync('orb/examples/trigger-job.yml', 'utf8'));
    expect(example.description).toContain(
      '{"rules": [{"branches": ["main"], "job": "deploy_staging"}]}',
    );
    expect(verdict(example.usage, rulesOf([STAGING]))).toEqual(fits);
  });

  it('the orb example that only previews fits the rules it names', () => {
    const example = parse(readFileSync('orb/examples/dry-run.yml', 'utf8'));
    expect(example.description).toContain(
      '{"rules": [{"branches": ["main"], "job": "deploy_staging"}]}',
    );
    expect(verdict(example.usage, rulesOf([STAGING]))).toEqual(fits);
  });

  it("this repository's own CI config does not fit the example rules (and is not meant to)", () => {
    const config = loaded(readFileSync('.circleci/config.yml', 'utf8'), '.circleci/config.yml');
    const { problems } = verdict(config, rulesOf([STAGING]));
    expect(problems).toEqual([
      'declared: staging',
      'declared: staging',
      'reached: staging',
      'loop: staging',
    ]);
  });

  it("the quick start's rules fit the complete example config", () => {
    const config = loaded(
      readFileSync('examples/github-oauth/config.yml', 'utf8'),
      'github-oauth/config.yml',
    );
    expect(quickStartRules().rules).toHaveLength(2);
    expect(verdict(config, quickStartRules())).toEqual(fits);
  });
});
