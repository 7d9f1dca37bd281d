/**
 * The orb's `doctor` command (orb/commands/doctor.yml): it renders a `cci-conditional doctor`
 * command line the CLI accepts, for the package version the orb ships with.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/cli/cli.js';
import { type FakeCircleCI, startFakeCircleCI } from './fake-circleci/server.js';
import { baseEnv } from './helpers/run-harness.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};
type Value = string | boolean;
const command = parse(readFileSync(join(ROOT, 'orb', 'commands', 'doctor.yml'), 'utf8')) as {
  description: string;
  parameters: Record<string, { type: string; default: Value }>;
  steps: Array<{ run: { command: string } }>;
};

/** CircleCI's substitution of `<< parameters.x >>` and `<<# parameters.x >>...<</ parameters.x >>`. */
function render(values: Record<string, Value> = {}): string {
  const defaults = Object.fromEntries(
    Object.entries(command.parameters).map(([name, p]) => [name, p.default]),
  );
  const given: Record<string, Value> = { ...defaults, ...values };
  return (command.steps[0]?.run.command ?? '')
    .replace(
      /<<# parameters\.(\w+) >>(.*?)<<\/ parameters\.\1 >>/g,
      (_, name: string, inner: string) => (given[name] ? inner : ''),
    )
    .replace(/<< parameters\.(\w+) >>/g, (_, name: string) => String(given[name]))
    .replace(/\s+/g, ' ')
    .trim();
}

const words = (line: string) =>
  [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');

let fake: FakeCircleCI;
beforeEach(async () => {
  fake = await startFakeCircleCI();
});
afterEach(async () => {
  await fake.close();
});

describe('the orb doctor command', () => {
  it('takes the rules, --json and the token variable (a name, never the token)', () => {
    expect(command.description).toMatch(/read-only/);
    expect(Object.keys(command.parameters).sort()).toEqual(['json', 'rules', 'token_variable']);
    expect(command.parameters.token_variable).toEqual(
      expect.objectContaining({ type: 'env_var_name', default: 'CIRCLE_API_TOKEN' }),
    );
  });

  it.each<[string, Record<string, Value>, string]>([
    ['the defaults', {}, "--rules '.circleci/deploy-rules.json' --token-env CIRCLE_API_TOKEN"],
    [
      'every parameter set',
      { rules: 'ci/my rules.json', json: true, token_variable: 'DEPLOY_TOKEN' },
      "--rules 'ci/my rules.json' --token-env DEPLOY_TOKEN --json",
    ],
  ])('renders the command line with %s', (_, values, options) => {
    expect(render(values)).toBe(`npx --yes cci-conditional@${version} doctor ${options}`);
  });

  it('renders a command line the CLI runs: a JSON report, only GET requests', async () => {
    const rules = join(ROOT, 'examples', 'github-oauth', 'deploy-rules.json');
    const args = words(render({ rules, json: true, token_variable: 'DEPLOY_TOKEN' })).slice(3);
    let out = '';
    const { CIRCLE_API_TOKEN: token = '', ...env } = baseEnv;
    const code = await main(
      [...args, '--host', fake.url],
      // From the repository's root, the default config would be this repository's own CI config.
      {
        ...env,
        DEPLOY_TOKEN: token,
        CCI_CONDITIONAL_CONFIG: join(ROOT, 'examples', 'github-oauth', 'config.yml'),
      },
      {
        stdout: { write: (text: string) => (out += text) },
        stderr: { write: () => true },
        readFile: async (path) => readFileSync(path, 'utf8'),
      },
    );
    const report = JSON.parse(out) as { checks: { name: string; status: string }[] };
    // every check passes; the project has no pipelines yet, which is a warning
    expect(report.checks.map((check) => check.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'warning']);
    expect(code).toBe(0);
    expect(fake.requests.map((r) => r.method)).toEqual(Array(fake.requests.length).fill('GET'));
    expect(fake.requests.length).toBeGreaterThan(0);
  });
});
