/**
 * examples/: one folder per setup, each with config.yml, deploy-rules.json and a README.md that
 * links them. For each: the rules are valid and `validate` finds that the config fits them (the
 * continued config of a setup config); the jobs the rules name exist and their workflows are
 * gated; and a representative branch or tag does what the README says, through `check` and a
 * `--dry-run` in the CircleCI environment of that setup. CircleCI's config schema is checked for
 * every config in test/config-schema.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseRules } from '../src/core/parse-rules.js';
import type { RuleSet } from '../src/core/rules.js';
import { ROOT } from './helpers/run-bin.js';
import { baseEnv, mainWith, SHA } from './helpers/run-harness.js';

const EXAMPLES = join(ROOT, 'examples');
const FOLDERS = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

type Config = {
  jobs?: Record<string, { environment?: Record<string, string> }>;
  workflows?: Record<string, unknown>;
};
type Workflow = { when?: unknown; unless?: unknown; jobs?: unknown[] };

const pathOf = (folder: string, file: string) => join(EXAMPLES, folder, file);
const read = (folder: string, file: string) => readFileSync(pathOf(folder, file), 'utf8');
/** The config with the workflows: a setup config's continuation, else config.yml. */
const checkedConfig = (folder: string) =>
  existsSync(pathOf(folder, 'continue-config.yml')) ? 'continue-config.yml' : 'config.yml';
const rulesOf = (folder: string): RuleSet => parseRules(read(folder, 'deploy-rules.json'));

function cli(argv: string[], env: Record<string, string> = {}) {
  return mainWith(argv, env, { readFile: async (path) => readFileSync(path, 'utf8') });
}

describe('examples/', () => {
  it('has one folder per setup', () => {
    expect(FOLDERS).toEqual([
      'bitbucket',
      'github-app',
      'github-oauth',
      'legacy-v1.1',
      'monorepo',
      'server',
      'setup-config',
    ]);
  });

  it('lists every folder in its README', () => {
    const index = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
    for (const folder of FOLDERS) expect(index).toContain(`](${folder}/)`);
  });
});

describe.each(FOLDERS)('examples/%s', (folder) => {
  it('has config.yml, deploy-rules.json and a README.md linking each file of the folder', () => {
    const files = readdirSync(join(EXAMPLES, folder)).sort();
    expect(files).toEqual(expect.arrayContaining(['README.md', 'config.yml', 'deploy-rules.json']));
    const readme = read(folder, 'README.md');
    for (const file of files.filter((f) => f !== 'README.md'))
      expect(readme, file).toContain(`](${file})`);
    for (const [, link] of readme.matchAll(/\]\(([^)#]+)\)/g)) {
      if (!/^https?:/.test(link ?? ''))
        expect(existsSync(join(EXAMPLES, folder, link ?? ''))).toBe(true);
    }
  });

  it('passes validate: the rules are valid and the config fits them', async () => {
    const config = pathOf(folder, checkedConfig(folder));
    const rules = pathOf(folder, 'deploy-rules.json');
    const ran = await cli(['validate', '--rules', rules, '--config', config, '--json']);
    const result = JSON.parse(ran.stdout);
    expect(result.problems ?? [], ran.stderr).toEqual([]);
    expect(ran.code).toBe(0);
    if (rulesOf(folder).rules.some((rule) => rule.api === 'v2' && !rule.project))
      expect(result.config).toMatchObject({ checked: true, problems: [], warnings: [] });
  });

  it('defines every job its rules trigger in this project, each in a gated workflow', () => {
    const rules = rulesOf(folder);
    const config = parse(read(folder, checkedConfig(folder))) as Config;
    const workflows = Object.entries(config.workflows ?? {}).filter(
      (entry): entry is [string, Workflow] => typeof entry[1] === 'object' && entry[1] !== null,
    );
    for (const rule of rules.rules.filter((r) => r.job && !r.project)) {
      expect(Object.keys(config.jobs ?? {}), rule.name).toContain(rule.job);
      if (rule.api !== 'v2') continue;
      const gated = workflows.filter(([, w]) =>
        JSON.stringify(w.when ?? null).includes(`${rule.job}`),
      );
      expect(
        gated.map(([name]) => name),
        rule.name,
      ).toEqual([rule.job]);
    }
  });
});

/** A branch or tag build of gh/acme/app on CircleCI, as the job sees it. */
const branch = (name: string) => ({ ...baseEnv, CIRCLE_BRANCH: name });
const tag = (name: string) => ({ ...baseEnv, CIRCLE_BRANCH: '', CIRCLE_TAG: name });

/** What a dry run in the example's setup would send: method, URL and body of each request. */
async function dryRun(folder: string, env: Record<string, string>, extra: string[] = []) {
  const ran = await cli(
    [
      '--dry-run',
      '--json',
      '--rules',
      pathOf(folder, 'deploy-rules.json'),
      '--config',
      pathOf(folder, checkedConfig(folder)),
      ...extra,
    ],
    env,
  );
  expect(ran.code, ran.stderr).toBe(0);
  const result = JSON.parse(ran.stdout) as {
    decision: string;
    triggers: Array<{ requests: Array<{ method: string; url: string; body: unknown }> }>;
  };
  return result.triggers.flatMap((t) => t.requests.map((r) => [r.method, r.url, r.body]));
}

async function check(folder: string, ref: string[]) {
  const ran = await cli([
    'check',
    '--rules',
    pathOf(folder, 'deploy-rules.json'),
    '--json',
    ...ref,
  ]);
  const result = JSON.parse(ran.stdout) as { rules: Array<{ rule: string; fires: boolean }> };
  return { code: ran.code, fires: result.rules.filter((r) => r.fires).map((r) => r.rule) };
}

const V2 = 'https://circleci.com/api/v2/project';

describe('what each setup does on a representative branch or tag', () => {
  it('github-oauth: main to staging with DEPLOY_ENV; a release candidate tag to nothing', async () => {
    expect(await dryRun('github-oauth', branch('main'))).toEqual([
      [
        'POST',
        `${V2}/gh/acme/app/pipeline`,
        {
          branch: 'main',
          parameters: { target_job: 'deploy_staging', target_sha: SHA, DEPLOY_ENV: 'staging' },
        },
      ],
    ]);
    expect(await check('github-oauth', ['--tag', 'v1.2.3-rc.1'])).toEqual({ code: 1, fires: [] });
  });

  it('github-app: a release tag through pipeline/run with the definition id', async () => {
    const app = {
      ...tag('v1.2.3'),
      CIRCLE_REPOSITORY_URL: '',
      CIRCLE_ORGANIZATION_ID: 'b3c1f7e2-0000-4000-8000-000000000001',
      CIRCLE_PROJECT_ID: '9d4a6c80-0000-4000-8000-000000000002',
    };
    const definitionId = rulesOf('github-app').rules[0]?.definitionId;
    expect(await dryRun('github-app', app)).toEqual([
      [
        'POST',
        `${V2}/circleci/${app.CIRCLE_ORGANIZATION_ID}/${app.CIRCLE_PROJECT_ID}/pipeline/run`,
        {
          definition_id: definitionId,
          config: { tag: 'v1.2.3' },
          checkout: { tag: 'v1.2.3' },
          parameters: { target_job: 'deploy_production', target_sha: SHA },
        },
      ],
    ]);
  });

  it('bitbucket: main fires both rules, this project and another, through bb/ slugs', async () => {
    const bitbucket = {
      ...branch('main'),
      CIRCLE_REPOSITORY_URL: 'git@bitbucket.org:acme/app.git',
    };
    const sent = await dryRun('bitbucket', bitbucket);
    expect(sent.map(([method, url]) => `${method} ${url}`)).toEqual([
      `POST ${V2}/bb/acme/app/pipeline`,
      `POST ${V2}/bb/acme/docs-site/pipeline`,
    ]);
  });

  it('monorepo: main deploys the services whose paths changed; a service tag releases that service only', async () => {
    const rules = rulesOf('monorepo');
    expect(rules.match).toBe('all');
    const services = rules.rules.filter((rule) => rule.branches);
    expect(services.map((rule) => [rule.name, rule.job, rule.paths?.length])).toEqual([
      ['api', 'deploy_api', 3],
      ['web', 'deploy_web', 3],
    ]);
    const changed = (...paths: string[]) => paths.flatMap((path) => ['--changed', path]);
    expect(
      await check('monorepo', ['--branch', 'main', ...changed('services/web/app.ts')]),
    ).toEqual({
      code: 0,
      fires: ['web'],
    });
    expect(
      await check('monorepo', ['--branch', 'main', ...changed('libs/shared/date.ts')]),
    ).toEqual({
      code: 0,
      fires: ['api', 'web'],
    });
    expect(
      await check('monorepo', ['--branch', 'main', ...changed('services/api/README.md')]),
    ).toEqual({
      code: 1,
      fires: [],
    });
    expect(await check('monorepo', ['--tag', 'api-v1.2.3'])).toEqual({
      code: 0,
      fires: ['api release'],
    });
    const sent = await dryRun('monorepo', tag('web-v2.0.0'));
    expect(sent.map(([, , body]) => body)).toEqual([
      { tag: 'web-v2.0.0', parameters: { target_job: 'release_web', target_sha: SHA } },
    ]);
  });

  it('monorepo: the job that runs cci-conditional checks out first, as rules with paths need', () => {
    const config = parse(read('monorepo', 'config.yml')) as {
      jobs: Record<string, { steps: unknown[] }>;
    };
    const steps = config.jobs.trigger_deploy?.steps ?? [];
    const runs = steps.findIndex((step) => JSON.stringify(step).includes('npx cci-conditional@1'));
    expect(steps.indexOf('checkout')).toBeGreaterThanOrEqual(0);
    expect(steps.indexOf('checkout')).toBeLessThan(runs);
  });

  it('setup-config: the continued config is checked before the dry run; the setup config is not', async () => {
    const sent = await dryRun('setup-config', branch('main'));
    expect(sent.map(([, , body]) => body)).toEqual([
      { branch: 'main', parameters: { target_job: 'deploy_staging', target_sha: SHA } },
    ]);
    const setup = await cli([
      'validate',
      '--rules',
      pathOf('setup-config', 'deploy-rules.json'),
      '--config',
      pathOf('setup-config', 'config.yml'),
    ]);
    expect(setup.code).toBe(0);
    expect(setup.stderr).toMatch(/setup config \(setup: true\)/);
  });

  it("server: the trigger job's CCI_CONDITIONAL_HOST sends to the server", async () => {
    const config = parse(read('server', 'config.yml')) as Config;
    const host = config.jobs?.trigger_deploy?.environment?.CCI_CONDITIONAL_HOST ?? '';
    expect(host).toBe('https://circleci.example.com');
    const sent = await dryRun('server', { ...branch('main'), CCI_CONDITIONAL_HOST: host });
    expect(sent.map(([, url]) => url)).toEqual([`${host}/api/v2/project/gh/acme/app/pipeline`]);
  });

  it('legacy-v1.1: a release tag starts the production job through v1.1', async () => {
    expect(await dryRun('legacy-v1.1', tag('v1.2.3'))).toEqual([
      [
        'POST',
        'https://circleci.com/api/v1.1/project/github/acme/app',
        { tag: 'v1.2.3', build_parameters: { CIRCLE_JOB: 'deploy_production' } },
      ],
    ]);
  });
});
