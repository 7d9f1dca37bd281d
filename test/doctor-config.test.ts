/**
 * The config check inside doctor: doctor takes it as one function and reports its verdict. Here
 * it is a small real check (parameters sent must be declared in the config's `parameters:`), run
 * through doctor() on real files' text; the production adapter says it is not part of this build.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../src/base/errors.js';
import { createLogger } from '../src/cli/logger.js';
import { parseRules } from '../src/core/parse-rules.js';
import type { ConfigChecker, ConfigVerdict } from '../src/doctor/config-check.js';
import { runConfigCheck } from '../src/doctor/config-check.js';
import { checkConfigInProcess as adapter } from '../src/doctor/config-check-adapter.js';
import { doctor } from '../src/doctor/doctor.js';
import { useFake } from './helpers/fake.js';
import { baseEnv } from './helpers/run-harness.js';

const RULES = {
  rules: [
    { name: 'staging', branches: ['main'], job: 'deploy_staging', parameters: { region: 'eu' } },
    { name: 'mirror', branches: ['main'], job: 'deploy', project: 'gh/acme/mirror' },
  ],
};
const CONFIG = `
version: 2.1
parameters:
  target_job: { type: string, default: "" }
  target_sha: { type: string, default: "" }
workflows: {}
`;

/** Declared: each parameter a v2 rule of this project sends is in the top-level `parameters:`. */
const declaredCheck: ConfigChecker = async ({ ruleSet, configPath, readFile }) => {
  const file = configPath ?? '.circleci/config.yml';
  let text: string;
  try {
    text = await readFile(file);
  } catch {
    if (configPath === undefined) return { checked: false, why: `no ${file}` };
    throw new UsageError(`cannot read config ${file}: no such file (set --config)`);
  }
  const declared = Object.keys((parse(text) as { parameters?: object }).parameters ?? {});
  const problems = ruleSet.rules
    .filter((rule) => rule.api === 'v2' && rule.project === undefined)
    .flatMap((rule) =>
      [ruleSet.jobParameter, ruleSet.shaParameter ?? '', ...Object.keys(rule.parameters)]
        .filter((name) => name !== '' && !declared.includes(name))
        .map((name) => `rule "${rule.name}" sends ${name}, which ${file} does not declare`),
    );
  return { checked: true, file, problems, warnings: [] };
};

const fake = useFake();

async function doctorOn(
  files: Record<string, string>,
  config?: string,
  checkConfig = declaredCheck,
) {
  return (await doctorAll(files, config, checkConfig)).find((check) => check.name === 'config');
}

/** doctor() on these files as the whole file system, in a gh/acme/app build. */
function doctorAll(files: Record<string, string>, config?: string, checkConfig = declaredCheck) {
  return doctor(
    {
      rules: 'rules.json',
      config,
      host: fake.url,
      tokenEnv: undefined,
      timeoutSeconds: 5,
      retries: 0,
      project: undefined,
    },
    {
      env: baseEnv,
      readFile: async (path) => {
        const text = files[path];
        if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        return text;
      },
      logger: createLogger('silent', 'text', { write: () => true }),
      checkConfig,
    },
  );
}

describe('doctor with a config check', () => {
  it('finds every check ok on a correct setup', async () => {
    const pipeline = fake.addPipeline({ trigger: { type: 'api' } });
    Reflect.deleteProperty(pipeline, 'trigger_parameters'); // OAuth pipelines carry none
    const config = CONFIG.replace('parameters:\n', 'parameters:\n  region: { type: string }\n');
    const checks = await doctorAll(
      { 'rules.json': JSON.stringify(RULES), 'ci.yml': config },
      'ci.yml',
    );
    expect(checks.map((check) => `${check.name} ${check.status}`)).toEqual([
      'rules ok',
      'config ok',
      'token ok',
      'project ok',
      'answers ok',
    ]);
  });

  it('is ok when the config declares what the v2 rules of this project send', async () => {
    const config = `${CONFIG.replace('parameters:\n', 'parameters:\n  region: { type: string, default: us }\n')}`;
    const check = await doctorOn(
      { 'rules.json': JSON.stringify(RULES), 'ci.yml': config },
      'ci.yml',
    );
    expect(check).toEqual({
      name: 'config',
      status: 'ok',
      message: 'ci.yml declares and gates what rule(s) "staging" send',
    });
  });

  it('names an undeclared parameter as a problem', async () => {
    const files = { 'rules.json': JSON.stringify(RULES), '.circleci/config.yml': CONFIG };
    expect(await doctorOn(files)).toEqual({
      name: 'config',
      status: 'problem',
      message:
        '.circleci/config.yml: 1 problem: rule "staging" sends region, which .circleci/config.yml does not declare',
    });
  });

  it('reports the default config missing as not checked, a warning', async () => {
    expect(await doctorOn({ 'rules.json': JSON.stringify(RULES) })).toEqual({
      name: 'config',
      status: 'warning',
      message: 'not checked (no .circleci/config.yml)',
    });
  });

  it('lets an explicit --config that is missing end doctor as a usage error', async () => {
    await expect(doctorOn({ 'rules.json': JSON.stringify(RULES) }, 'nope.yml')).rejects.toThrow(
      'cannot read config nope.yml: no such file (set --config)',
    );
  });
});

describe('runConfigCheck', () => {
  const ruleSet = parseRules(JSON.stringify(RULES), 'rules.json');
  const input = { configPath: undefined, readFile: async () => '' };
  const verdict =
    (v: ConfigVerdict): ConfigChecker =>
    async () =>
      v;
  const found = (problems: string[], warnings: string[]): ConfigVerdict => ({
    checked: true,
    file: 'c.yml',
    problems,
    warnings,
  });

  it.each<[string, ConfigVerdict, string, string]>([
    [
      'problems and warnings',
      found(['p1', 'p2'], ['w1']),
      'problem',
      'c.yml: 2 problems: p1; p2; 1 warning: w1',
    ],
    ['warnings only', found([], ['w1', 'w2']), 'warning', 'c.yml: 2 warnings: w1; w2'],
    ['nothing found', found([], []), 'ok', 'c.yml declares and gates what rule(s) "staging" send'],
    [
      'not checked',
      { checked: false, why: 'a setup config' },
      'warning',
      'not checked (a setup config)',
    ],
  ])('turns %s into one line', async (_, given, status, message) => {
    expect(await runConfigCheck(ruleSet, input, verdict(given))).toEqual({
      name: 'config',
      status,
      message,
    });
  });

  it('does not call the check when no v2 rule triggers this project', async () => {
    const v1 = parseRules(JSON.stringify({ api: 'v1.1', rules: [RULES.rules[0]] }), 'r.json');
    const never: ConfigChecker = async () => {
      throw new Error('called');
    };
    expect(await runConfigCheck(v1, input, never)).toEqual({
      name: 'config',
      status: 'ok',
      message: 'nothing to check: no v2 rule triggers this project',
    });
  });

  it('runs the config check of validate and run in the production adapter', async () => {
    const files: Record<string, string> = {
      'ci.yml': CONFIG,
      'setup.yml': 'version: 2.1\nsetup: true\n',
    };
    const readFile = async (path: string) => {
      if (path in files) return files[path] as string;
      throw Object.assign(new Error(path), { code: 'ENOENT' });
    };
    const run = (configPath: string | undefined) =>
      runConfigCheck(ruleSet, { configPath, readFile }, adapter);
    expect(await run(undefined)).toEqual({
      name: 'config',
      status: 'warning',
      message: 'not checked (no .circleci/config.yml)',
    });
    expect(await run('setup.yml')).toEqual({
      name: 'config',
      status: 'warning',
      message:
        'not checked (setup.yml is a setup config (setup: true): the config it continues with is generated when the pipeline runs)',
    });
    const verdict = await run('ci.yml');
    expect(verdict.status).toBe('problem');
    expect(verdict.message).toMatch(
      /^ci\.yml: \d+ problems?: rule "staging" sends the pipeline parameter region, which ci\.yml does not declare: CircleCI would fail the new pipeline with "Unexpected argument\(s\): region"\. Declare it:/,
    );
  });
});
