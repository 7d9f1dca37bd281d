/**
 * The orb in orb/ (CircleCI's unpacked layout: @orb.yml, commands/, examples/): its `run` command
 * renders the cci-conditional command line from its parameters the way CircleCI does
 * (`<< parameters.x >>` and `<<# parameters.x >>...<</ parameters.x >>` for booleans), and runs
 * the package version it ships with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/cli/cli.js';
import { optionsOf } from '../src/cli/cli-options.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORB = join(ROOT, 'orb');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

type Parameter = { type: string; default?: unknown; enum?: string[]; description?: string };
type Command = {
  parameters: Record<string, Parameter>;
  steps: Array<{ run: { command: string } }>;
};
type Value = string | number | boolean;

const yamlOf = (path: string) => parse(readFileSync(join(ORB, path), 'utf8'));
const command = yamlOf('commands/run.yml') as Command;
const template = command.steps[0]?.run.command ?? '';

/** CircleCI's substitution of a command's parameters, defaults filled in. */
function render(values: Record<string, Value> = {}): string {
  const given = { ...defaults(), ...values };
  const value = (name: string) => {
    if (!(name in given)) throw new Error(`the command has no parameter ${name}`);
    return given[name];
  };
  return template
    .replace(
      /<<([#^]) parameters\.(\w+) >>(.*?)<<\/ parameters\.\2 >>/g,
      (_, kind: string, name: string, inner: string) =>
        Boolean(value(name)) === (kind === '#') ? inner : '',
    )
    .replace(/<< parameters\.(\w+) >>/g, (_, name: string) => String(value(name)))
    .replace(/\s+/g, ' ')
    .trim();
}

function defaults(): Record<string, Value> {
  return Object.fromEntries(
    Object.entries(command.parameters).map(([name, p]) => [name, p.default as Value]),
  );
}

/** The words a shell makes of the rendered line: spaces split, single quotes group. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** The option a parameter sets: its name with `-` for `_`, but the token is named by its variable. */
const optionOf = (parameter: string) =>
  parameter === 'token_variable' ? 'token-env' : parameter.replaceAll('_', '-');
const cliOptions = Object.keys(optionsOf.run);
const knownToCli = (parameter: string) => cliOptions.includes(optionOf(parameter));

/** A value other than the default, of the parameter's type (a commit SHA for a commit). */
function otherValue(p: Parameter, name = ''): Value {
  if (name === 'paths_base') return 'fedcba9876543210fedcba9876543210fedcba98';
  switch (p.type) {
    case 'boolean':
      return !p.default;
    case 'integer':
      return Number(p.default) + 7;
    case 'enum':
      return p.enum?.find((value) => value !== p.default) ?? '';
    case 'env_var_name':
      return 'DEPLOY_TOKEN';
    default:
      return 'ci/other file.yml';
  }
}

describe('orb/', () => {
  it('is an orb of version 2.1 with a description', () => {
    const orb = yamlOf('@orb.yml') as { version: number; description: string };
    expect(orb.version).toBe(2.1);
    expect(orb.description).toMatch(/cci-conditional/);
  });

  it('runs the cci-conditional version of package.json', () => {
    expect(words(render()).slice(0, 3)).toEqual(['npx', '--yes', `cci-conditional@${version}`]);
  });

  it('takes the token variable as an env_var_name, never the token', () => {
    expect(command.parameters.token_variable).toMatchObject({
      type: 'env_var_name',
      default: 'CIRCLE_API_TOKEN',
    });
  });

  it('has a parameter for every option of run, and no other', () => {
    const options = Object.keys(command.parameters).map(optionOf);
    expect(options.sort()).toEqual([...cliOptions].sort());
  });

  it('renders the defaults as the CLI defaults, without the optional config path', () => {
    expect(render()).toBe(
      `npx --yes cci-conditional@${version} --rules '.circleci/deploy-rules.json' ` +
        "--host 'https://circleci.com' --token-env CIRCLE_API_TOKEN --node 0 --log-level info " +
        '--log-format text --timeout 30 --retries 3 --wait-timeout 1800',
    );
  });

  it.each(Object.keys(command.parameters))('passes %s as its option', (name) => {
    const parameter = command.parameters[name] as Parameter;
    const value = otherValue(parameter, name);
    const option = optionOf(name);
    const rendered = words(render({ [name]: value }));
    const defaults = words(render());
    if (typeof value === 'boolean') {
      const flag = value ? `--${option}` : `--no-${option}`;
      const at = rendered.indexOf(flag);
      expect(at, rendered.join(' ')).toBeGreaterThan(2);
      expect(rendered.toSpliced(at, 1)).toEqual(defaults);
    } else {
      const at = rendered.indexOf(`--${option}`);
      expect(at, rendered.join(' ')).toBeGreaterThan(2);
      expect(rendered[at + 1]).toBe(String(value));
      expect(rendered.length - defaults.length).toBe(defaults.includes(`--${option}`) ? 0 : 2);
    }
  });

  it.each([
    ['on', true],
    ['off', false],
  ])(
    'renders every parameter into options the CLI accepts: a dry run with the config check %s exits 0 with the request',
    async (_, configCheck) => {
      const values: Record<string, Value> = Object.fromEntries(
        Object.entries(command.parameters)
          .filter(([name]) => knownToCli(name))
          .map(([name, p]) => [name, otherValue(p, name)]),
      );
      Object.assign(values, {
        rules: join(ROOT, 'examples', 'deploy-rules.json'),
        host: 'https://circleci.example.com',
        node: 1,
        log_level: 'debug',
      });
      if (knownToCli('config')) values.config = join(ROOT, 'examples', 'config-v2.yml');
      if (knownToCli('config_check')) values.config_check = configCheck;
      const args = words(render(values));
      let out = '';
      const code = await main(
        args.slice(3),
        {
          CIRCLE_BRANCH: 'main',
          CIRCLE_SHA1: '0123456789abcdef0123456789abcdef01234567',
          CIRCLE_PROJECT_USERNAME: 'acme',
          CIRCLE_PROJECT_REPONAME: 'shop',
          CIRCLE_NODE_INDEX: '1',
          CIRCLE_NODE_TOTAL: '2',
          CIRCLE_BUILD_NUM: '41',
          DEPLOY_TOKEN: 'not-sent',
        },
        {
          stdout: { write: (text: string) => (out += text) },
          stderr: { write: () => true },
          readFile: async (path) => readFileSync(path, 'utf8'),
        },
      );
      expect(args).toContain('--dry-run');
      expect(args).toContain('--json');
      expect({ code, decision: JSON.parse(out).decision }).toEqual({
        code: 0,
        decision: 'dry-run',
      });
      expect(JSON.parse(out).triggers[0].requests[0].url).toBe(
        'https://circleci.example.com/api/v2/project/gh/acme/shop/pipeline',
      );
    },
  );

  describe.each(readdirSync(join(ORB, 'examples')))('example %s', (file) => {
    const example = yamlOf(`examples/${file}`) as {
      description: string;
      usage: { orbs?: Record<string, string>; parameters?: Record<string, unknown> };
    };
    const text = JSON.stringify(example.usage);

    it('has a description and uses the run command of this version', () => {
      expect(example.description).toBeTruthy();
      expect(example.usage.orbs).toEqual({
        'cci-conditional': `cci-conditional/cci-conditional@${version}`,
      });
      expect(text).toContain('"cci-conditional/run"');
    });

    it('passes the run command only its parameters, with values of their types', () => {
      const calls = [...text.matchAll(/"cci-conditional\/run":(\{[^{}]*\}|null)/g)].map(
        (m) => (JSON.parse(m[1] ?? 'null') ?? {}) as Record<string, Value>,
      );
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        for (const [name, value] of Object.entries(call)) {
          const parameter = command.parameters[name];
          expect(parameter, name).toBeDefined();
          const type = parameter?.type === 'integer' ? 'number' : parameter?.type;
          if (type === 'boolean' || type === 'number') expect(typeof value, name).toBe(type);
        }
      }
    });

    it('declares every pipeline parameter it uses', () => {
      const used = [...text.matchAll(/<< pipeline\.parameters\.(\w+) >>/g)].map((m) => m[1]);
      expect(used.length).toBeGreaterThan(0);
      for (const name of used) expect(Object.keys(example.usage.parameters ?? {})).toContain(name);
    });
  });
});
