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
import { main } from '../src/cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORB = join(ROOT, 'orb');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

type Parameter = { type: string; default?: unknown; description?: string };
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
    expect(Object.keys(command.parameters).sort()).toEqual(
      ['dry_run', 'node', 'rules', 'token_variable', 'wait'].sort(),
    );
  });

  it.each<[string, Record<string, Value>, string]>([
    [
      'the defaults',
      {},
      "--rules '.circleci/deploy-rules.json' --node 0 --token-env CIRCLE_API_TOKEN",
    ],
    [
      'dry_run',
      { dry_run: true },
      "--rules '.circleci/deploy-rules.json' --node 0 --token-env CIRCLE_API_TOKEN --dry-run",
    ],
    [
      'wait',
      { wait: true },
      "--rules '.circleci/deploy-rules.json' --node 0 --token-env CIRCLE_API_TOKEN --wait",
    ],
    [
      'every parameter set',
      {
        rules: 'ci/my rules.json',
        node: 2,
        token_variable: 'DEPLOY_TOKEN',
        dry_run: true,
        wait: true,
      },
      "--rules 'ci/my rules.json' --node 2 --token-env DEPLOY_TOKEN --dry-run --wait",
    ],
  ])('renders the command line with %s', (_, values, options) => {
    expect(render(values)).toBe(`npx --yes cci-conditional@${version} ${options}`);
  });

  it('renders options the CLI accepts: a dry run with them exits 0 and prints the request', async () => {
    const rules = join(ROOT, 'examples', 'deploy-rules.json');
    const args = words(render({ rules, node: 1, token_variable: 'DEPLOY_TOKEN', dry_run: true }));
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
        DEPLOY_TOKEN: 'not-sent',
        CCI_CONDITIONAL_CONFIG: join(ROOT, 'examples', 'config-v2.yml'),
      },
      {
        stdout: { write: (text: string) => (out += text) },
        stderr: { write: () => true },
        readFile: async (path) => readFileSync(path, 'utf8'),
      },
    );
    expect(code).toBe(0);
    expect(out).toContain('POST https://circleci.com/api/v2/project/gh/acme/shop/pipeline');
  });

  it.each(readdirSync(join(ORB, 'examples')))('example %s uses the run command', (file) => {
    const example = yamlOf(`examples/${file}`) as { description: string; usage: unknown };
    expect(example.description).toBeTruthy();
    expect(JSON.stringify(example.usage)).toContain('"cci-conditional/run"');
    expect(JSON.stringify(example.usage)).toContain(`cci-conditional/cci-conditional@${version}`);
  });
});
