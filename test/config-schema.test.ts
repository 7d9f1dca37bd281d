/**
 * Every CircleCI config shown to users works when copied: the ```yaml snippets of README.md and
 * docs/, the configs of examples/, the usage of each orb example, the orb itself and this project's own
 * .circleci/config.yml. Each is valid against CircleCI's JSON Schema of config.yml, and complete:
 * every job, command and executor it uses is defined in it or comes from an orb it names (no job
 * that exists only in a comment). A snippet of the docs is a whole config or a list of steps.
 *
 * The schema is CircleCI's own (CircleCI-Public/circleci-yaml-language-server, schema.json at
 * c9a13f55002be4d417369b2dfce7f9da1ea7e517, Apache License 2.0, Copyright Circle Internet
 * Services, Inc.), kept unchanged in test/fixtures so that a clone needs nothing beside it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { codeBlocks, userPages } from './helpers/markdown.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA = join(ROOT, 'test', 'fixtures', 'circleci-config-schema.json');
// The original lives in ../shared beside the repository, which a fresh clone lacks.
const SHARED = join(ROOT, '..', 'shared', 'circleci-api', 'config-schema.json');

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(JSON.parse(readFileSync(SCHEMA, 'utf8')), 'config');
const validateConfig = ajv.getSchema('config');
const validateStep = ajv.getSchema('config#/definitions/step');

type Map = Record<string, unknown>;
type Config = {
  version?: unknown;
  orbs?: Map;
  commands?: Map;
  executors?: Map;
  jobs?: Record<
    string,
    { executor?: unknown; steps?: unknown[]; parameters?: Record<string, { default?: unknown }> }
  >;
  workflows?: Map;
};

const BUILT_IN_STEPS = new Set([
  'add_ssh_keys',
  'attach_workspace',
  'checkout',
  'persist_to_workspace',
  'restore_cache',
  'run',
  'save_cache',
  'setup_remote_docker',
  'store_artifacts',
  'store_test_results',
  'unless',
  'when',
]);

function schemaErrors(config: unknown): ErrorObject[] {
  if (validateConfig === undefined) throw new Error('the schema did not compile');
  if (validateConfig(config)) return [];
  return validateConfig.errors ?? [];
}

/**
 * The schema's problems with a config. CircleCI's schema knows only `version: 2.1`: a 2.0 config
 * (the legacy v1.1 example, for CircleCI server) is checked as the 2.1 config it otherwise is.
 */
function problems(config: Config): string[] {
  const legacy = config.version === 2 || config.version === '2.0';
  return schemaErrors(config)
    .filter((e) => !(legacy && e.instancePath === '/version' && e.keyword === 'enum'))
    .map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The single key of a step or job entry (`- checkout`, `- run: ...`). */
const nameOf = (entry: unknown) =>
  typeof entry === 'string' ? entry : Object.keys((entry ?? {}) as Map)[0];
/** Whether `name` is `orb/thing` from an orb the config names. */
const fromOrb = (config: Config, name: string) =>
  name.includes('/') && Object.keys(config.orbs ?? {}).includes(name.split('/')[0] ?? '');

/** What a config uses without defining it. */
function undefinedNames(config: Config): string[] {
  const missing: string[] = [];
  const known = (kind: keyof Config, name: string) =>
    Object.keys((config[kind] ?? {}) as Map).includes(name) || fromOrb(config, name);
  const steps = [
    ...Object.values(config.jobs ?? {}).flatMap((job) => job.steps ?? []),
    ...Object.values((config.commands ?? {}) as Record<string, { steps?: unknown[] }>).flatMap(
      (command) => command.steps ?? [],
    ),
  ];
  for (const step of steps) {
    const name = nameOf(step) ?? '';
    if (!BUILT_IN_STEPS.has(name) && !known('commands', name)) missing.push(`step ${name}`);
  }
  for (const [name, job] of Object.entries(config.jobs ?? {})) {
    // `executor: << parameters.executor >>`: the executor parameter's default
    const parameter = /^<< parameters\.(\w+) >>$/.exec(nameOf(job.executor) ?? '')?.[1];
    const executor = nameOf(parameter ? job.parameters?.[parameter]?.default : job.executor);
    if (executor !== undefined && !known('executors', executor))
      missing.push(`executor ${executor} of job ${name}`);
  }
  for (const [name, workflow] of Object.entries(config.workflows ?? {})) {
    if (typeof workflow !== 'object' || workflow === null) continue; // `version: 2`
    const entries = ((workflow as { jobs?: unknown[] }).jobs ?? []).map((entry) => {
      const job = nameOf(entry) ?? '';
      const settings = (typeof entry === 'string' ? {} : (entry as Map)[job]) as {
        name?: string;
        type?: string;
        requires?: string[];
      } | null;
      const approval = settings?.type === 'approval';
      return { job, approval, shown: settings?.name ?? job, requires: settings?.requires ?? [] };
    });
    for (const { job, approval, requires } of entries) {
      if (!approval && !known('jobs', job)) missing.push(`job ${job} of workflow ${name}`);
      for (const required of requires) {
        if (!entries.some((e) => e.shown === required))
          missing.push(`${required}, required in workflow ${name}`);
      }
    }
  }
  return missing;
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** The .yml files of a folder and of the folders in it. */
const yamlFiles = (folder: string): string[] =>
  readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? yamlFiles(`${folder}/${entry.name}`)
      : entry.name.endsWith('.yml')
        ? [`${folder}/${entry.name}`]
        : [],
  );

/** The orb as `circleci orb pack` assembles it from its folders, scripts included. */
function packedOrb(): Config {
  // a value `<<include(scripts/x.sh)>>` becomes the file's text
  const include = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const path = /^<<include\(([^)]+)\)>>$/.exec(value)?.[1];
      return path === undefined ? value : read(`orb/${path}`);
    }
    if (Array.isArray(value)) return value.map(include);
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, include(v)]));
    return value;
  };
  const folder = (name: string) =>
    Object.fromEntries(
      yamlFiles(`orb/${name}`).map((path) => [
        path.replace(/^.*\//, '').replace(/\.yml$/, ''),
        include(parse(read(path))),
      ]),
    );
  return {
    ...parse(read('orb/@orb.yml')),
    commands: folder('commands'),
    jobs: folder('jobs'),
    executors: folder('executors'),
    examples: folder('examples'),
  };
}

/** The ```yaml snippets of the README and of every page of docs/, by page and line. */
const readmeSnippets: Array<readonly [string, unknown]> = userPages().flatMap((page) =>
  codeBlocks(read(page))
    .filter((block) => block.lang === 'yaml')
    .map((block) => [`${page}:${block.line}`, parse(block.body)] as const),
);

const configs: Array<readonly [string, Config]> = [
  ...yamlFiles('examples').map((path) => [path, parse(read(path)) as Config] as const),
  ...yamlFiles('orb/examples').map(
    (path) => [`${path} usage`, (parse(read(path)) as { usage: Config }).usage] as const,
  ),
  ['.circleci/config.yml', parse(read('.circleci/config.yml')) as Config],
  ...readmeSnippets.filter((snippet): snippet is readonly [string, Config] =>
    Boolean(snippet[1] && typeof snippet[1] === 'object' && !Array.isArray(snippet[1])),
  ),
];

describe('the CircleCI config schema in test/fixtures', () => {
  it.skipIf(!existsSync(SHARED))('is ../shared/circleci-api/config-schema.json unchanged', () => {
    expect(readFileSync(SCHEMA, 'utf8')).toBe(readFileSync(SHARED, 'utf8'));
  });

  it('refuses what CircleCI refuses: an unknown job key, a workflow job that is not a list', () => {
    const job = { docker: [{ image: 'cimg/base:current' }], steps: ['checkout'] };
    expect(problems({ version: 2.1, jobs: { job }, workflows: { w: { jobs: ['job'] } } })).toEqual(
      [],
    );
    const misspelt = { version: 2.1, jobs: { job: { ...job, step: [] } } } as Config;
    expect(problems(misspelt)).not.toEqual([]);
    expect(
      problems({ version: 2.1, jobs: { job }, workflows: { w: { jobs: 'job' } } }),
    ).not.toEqual([]);
  });

  it('finds what a config uses without defining it', () => {
    expect(
      undefinedNames({
        version: 2.1,
        orbs: { node: 'circleci/node@7' },
        jobs: {
          a: { executor: 'small', steps: ['checkout', 'node/install', 'mine', 'aws/login'] },
        },
        workflows: {
          w: {
            jobs: [
              'a',
              { test: { requires: ['a', 'lint', 'hold'] } },
              'node/test',
              { hold: { type: 'approval' } },
            ],
          },
        },
      }),
    ).toEqual([
      'step mine',
      'step aws/login',
      'executor small of job a',
      'job test of workflow w',
      'lint, required in workflow w',
    ]);
  });
});

describe('configs shown to users', () => {
  it('include every snippet of the README and docs/: each is a whole config or a list of steps', () => {
    expect(readmeSnippets.length).toBeGreaterThan(10);
    expect(readmeSnippets.some(([where]) => where.startsWith('README.md:'))).toBe(true);
    for (const [name, snippet] of readmeSnippets) {
      const whole = typeof snippet === 'object' && snippet !== null && 'version' in snippet;
      expect(whole || Array.isArray(snippet), name).toBe(true);
    }
  });

  it.each(configs)('%s is a valid CircleCI config', (_, config) => {
    expect(problems(config)).toEqual([]);
  });

  it.each(configs)('%s defines every job, command and executor it uses', (_, config) => {
    expect(undefinedNames(config)).toEqual([]);
  });

  it.each(
    readmeSnippets.filter((snippet): snippet is readonly [string, unknown[]] =>
      Array.isArray(snippet[1]),
    ),
  )('%s holds valid steps', (name, steps) => {
    for (const step of steps) {
      expect(validateStep?.(step), `${name}: ${JSON.stringify(validateStep?.errors)}`).toBe(true);
      expect(BUILT_IN_STEPS.has(nameOf(step) ?? ''), name).toBe(true);
    }
  });

  it('include the orb, packed as `circleci orb pack` does', () => {
    const orb = packedOrb();
    expect(Object.keys(orb.commands ?? {}).sort()).toEqual(['doctor', 'trigger']);
    expect(Object.keys(orb.jobs ?? {})).toEqual(['trigger']);
    expect(Object.keys(orb.executors ?? {})).toEqual(['default']);
    expect(problems(orb)).toEqual([]);
    expect(undefinedNames(orb)).toEqual([]);
  });
});
