/**
 * The orb in orb/ against the CLI's option table (src/cli/cli-options.ts): every option of `run`
 * is a parameter of the trigger command and job, every option of `doctor` one of the doctor
 * command, and a parameter left at its default passes nothing, so the CLI reads its own
 * defaults and the CCI_CONDITIONAL_* variables as it does without the orb. Each command's step is
 * run with bash and a fake npx (test/helpers/orb.ts): the words it passes are the option of the
 * parameter set, and nothing else. The orb runs the npm version of its own version number.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Options } from 'yargs';
import { type Command, optionsOf } from '../src/cli/cli-options.js';
import { LOG_FORMATS, LOG_LEVELS } from '../src/cli/logger.js';
import {
  type Booleans,
  type Component,
  orbYaml,
  type Parameter,
  readOrb,
  renderStep,
  runStep,
  type Value,
} from './helpers/orb.js';
import { ROOT } from './helpers/run-bin.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const major = pkg.version.split('.')[0];
const SCRIPT = 'scripts/cci-conditional.sh';

/** Each orb command and the CLI command it runs. */
const COMMANDS: Array<[string, Command]> = [
  ['trigger', 'run'],
  ['doctor', 'doctor'],
];
const component = (name: string) => orbYaml(`commands/${name}.yml`);

/** The option a parameter sets: its name with - for _; the token is named by its variable. */
const optionOf = (parameter: string) =>
  parameter === 'token_variable' ? 'token-env' : parameter.replaceAll('_', '-');

/** The choices the CLI takes for an option, where it has a fixed list. */
const CHOICES: Record<string, readonly string[]> = {
  'log-level': LOG_LEVELS,
  'log-format': LOG_FORMATS,
};

/** A value other than the default, of the parameter's type, that the CLI accepts. */
function otherValue(name: string, p: Parameter): Value {
  if (p.type === 'boolean') return !p.default;
  if (p.type === 'enum') return p.enum?.find((value) => value !== '' && value !== 'info') ?? '';
  const examples: Record<string, string> = {
    rules: 'ci/other rules.json',
    config: 'ci/other config.yml',
    host: 'https://circleci.example.com',
    token_variable: 'DEPLOY_TOKEN',
    project: 'gh/acme/other',
    node: '1',
    timeout: '45',
    retries: '5',
    wait_timeout: '600',
    repo_dir: 'services/checkout',
    paths_base: 'fedcba9876543210fedcba9876543210fedcba98',
  };
  const value = examples[name];
  if (value === undefined) throw new Error(`no example value for ${name}`);
  return value;
}

/** The word the CLI reads for the parameter set to `value`. */
function wordOf(name: string, value: Value): string {
  const option = optionOf(name);
  if (typeof value === 'boolean') return value ? `--${option}` : `--no-${option}`;
  return `--${option}=${value}`;
}

describe.each(COMMANDS)('the %s command', (name, command) => {
  const orb = component(name);
  const options: Record<string, Options> = optionsOf[command];
  const lead = ['--yes', `cci-conditional@${pkg.version}`, ...(command === 'run' ? [] : [command])];

  it(`has a parameter for every option of cci-conditional ${command}, and no other`, () => {
    expect(Object.keys(orb.parameters).map(optionOf).sort()).toEqual(Object.keys(options).sort());
  });

  it.each(Object.keys(orb.parameters))(
    'leaves %s to the CLI by default: a switch at the CLI default, anything else empty',
    (parameter) => {
      const p = orb.parameters[parameter] as Parameter;
      const option = options[optionOf(parameter)] as Options;
      expect(p.description, parameter).toBeTruthy();
      if (option.type === 'boolean') {
        expect(p).toMatchObject({ type: 'boolean', default: option.default });
      } else {
        expect(p.default).toBe('');
        expect(['string', 'enum']).toContain(p.type);
        const choices = CHOICES[optionOf(parameter)];
        if (choices) expect(p).toMatchObject({ type: 'enum', enum: ['', ...choices] });
      }
    },
  );

  it.each<Booleans>(['words', 'digits'])(
    'passes nothing with every parameter at its default (booleans as %s)',
    async (booleans) => {
      const ran = await runStep(renderStep(orb, {}, booleans), {});
      expect(ran).toMatchObject({ code: 0, npx: lead });
    },
  );

  it.each(Object.keys(orb.parameters))('passes %s as its option and nothing else', async (p) => {
    const value = otherValue(p, orb.parameters[p] as Parameter);
    for (const booleans of ['words', 'digits'] as const) {
      const ran = await runStep(renderStep(orb, { [p]: value }, booleans), {});
      expect(ran.npx, booleans).toEqual([...lead, wordOf(p, value)]);
    }
  });

  it('keeps a value with spaces, quotes and = in one word', async () => {
    const value = `it's "a" rules=file.json`;
    const ran = await runStep(renderStep(orb, { rules: value }), {});
    expect(ran.npx).toEqual([...lead, `--rules=${value}`]);
  });

  it('runs its step from the script in orb/scripts', () => {
    const step = (orb.steps[0] as { run: { command: string; name: string } }).run;
    expect(step.command).toBe(`<<include(${SCRIPT})>>`);
    expect(step.name).toBeTruthy();
  });
});

describe('the trigger job', () => {
  const job = orbYaml<Component & { executor: string }>('jobs/trigger.yml');
  const trigger = component('trigger');

  it('takes every parameter of the trigger command, as the command declares it, and an executor', () => {
    const { executor, ...rest } = job.parameters;
    expect(rest).toEqual(trigger.parameters);
    expect(executor).toMatchObject({ type: 'executor', default: 'default' });
    expect(job.executor).toBe('<< parameters.executor >>');
  });

  it('checks out the code, then hands every parameter to the command', () => {
    const passed = Object.fromEntries(
      Object.keys(trigger.parameters).map((name) => [name, `<< parameters.${name} >>`]),
    );
    expect(job.steps).toEqual(['checkout', { trigger: passed }]);
  });
});

describe('the default executor', () => {
  const executor = orbYaml<{
    parameters: Record<string, Parameter>;
    docker: Array<{ image: string }>;
  }>('executors/default.yml');
  const ci = parse(readFileSync(join(ROOT, '.circleci', 'config.yml'), 'utf8')) as {
    jobs: { dogfood: { docker: Array<{ image: string }> } };
    workflows: { ci: { jobs: Array<{ test?: { matrix: { parameters: { node: string[] } } } }> } };
  };
  const tested = ci.workflows.ci.jobs.flatMap((job) => job.test?.matrix.parameters.node ?? []);

  it('is cimg/node on a Node.js LTS line of 22 or later that CI tests, as the dogfood job runs', () => {
    const tag = String(executor.parameters.tag?.default);
    expect(executor.docker).toEqual([{ image: 'cimg/node:<< parameters.tag >>' }]);
    expect(tested).toContain(tag);
    expect(ci.jobs.dogfood.docker).toEqual([{ image: `cimg/node:${tag}` }]);
    const line = Number(tag.split('.')[0]);
    expect(line).toBeGreaterThanOrEqual(22);
    expect(line % 2).toBe(0); // even lines are the LTS ones
  });
});

describe('the version the orb runs', () => {
  it("is package.json's, written once, in the script both commands include", () => {
    const lines = readOrb(SCRIPT)
      .split('\n')
      .filter((line) => line.includes('cci-conditional@'));
    expect(lines).toEqual([`package=cci-conditional@${pkg.version}`]);
  });

  it('is what the examples and the README name by its major version', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const refs = [
      ...readme.matchAll(/cci-conditional\/cci-conditional@[\w.]+/g),
      ...['dry-run', 'trigger-deploy', 'trigger-job'].flatMap((file) => [
        ...readOrb(`examples/${file}.yml`).matchAll(/cci-conditional\/cci-conditional@[\w.]+/g),
      ]),
    ].map((m) => m[0]);
    expect(refs.length).toBeGreaterThan(3);
    expect(new Set(refs)).toEqual(new Set([`cci-conditional/cci-conditional@${major}`]));
  });
});

describe('orb/README.md', () => {
  const readme = readOrb('README.md');
  /** The rows of the first table after `heading`: name, type, default, passes. */
  function tableAfter(heading: string): string[][] {
    const lines = readme.slice(readme.indexOf(`${heading}\n`)).split('\n');
    const start = lines.findIndex((line) => line.startsWith('| parameter'));
    const rows: string[][] = [];
    for (const line of lines.slice(start + 2)) {
      if (!line.startsWith('|')) break;
      rows.push(
        line
          .slice(1, -1)
          .split(' | ')
          .map((cell) => cell.trim().replace(/^`|`$/g, '')),
      );
    }
    return rows;
  }
  const shownDefault = (p: Parameter) => (p.default === '' ? '""' : String(p.default));

  it.each([
    ['### `trigger`', 'commands/trigger.yml'],
    ['### `doctor`', 'commands/doctor.yml'],
  ])(
    'lists every parameter of %s with its type, default and the option it passes',
    (heading, file) => {
      const { parameters } = orbYaml(file);
      const rows = tableAfter(heading);
      expect(rows.map(([name, type, fallback]) => [name, type, fallback])).toEqual(
        Object.entries(parameters).map(([name, p]) => [name, p.type, shownDefault(p)]),
      );
      for (const [name = '', , , passes = ''] of rows) {
        const p = parameters[name] as Parameter;
        const option = optionOf(name);
        const word = p.type === 'boolean' ? wordOf(name, !p.default) : `--${option}`;
        expect(passes.split(/[`\s:()]+/), name).toContain(word);
      }
    },
  );

  it('lists the job parameter that the trigger command does not have', () => {
    const job = orbYaml('jobs/trigger.yml');
    const own = Object.entries(job.parameters).filter(
      ([name]) => !(name in component('trigger').parameters),
    );
    expect(
      tableAfter('## Job `trigger`').map(([name, type, fallback]) => [name, type, fallback]),
    ).toEqual(own.map(([name, p]) => [name, p.type, shownDefault(p)]));
  });

  it('lists the parameters of the default executor', () => {
    const { parameters } = orbYaml('executors/default.yml');
    expect(
      tableAfter('## Executor `default`').map(([name, type, fallback]) => [name, type, fallback]),
    ).toEqual(Object.entries(parameters).map(([name, p]) => [name, p.type, shownDefault(p)]));
  });
});
