import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/errors.js';
import { argsFromEnv, type Command, commandOf } from '../../src/cli/cli-options.js';

describe('argsFromEnv', () => {
  it.each<[Command, string, string, string[]]>([
    ['run', 'CCI_CONDITIONAL_RULES', 'ci/rules.json', ['--rules=ci/rules.json']],
    [
      'run',
      'CCI_CONDITIONAL_HOST',
      'https://circleci.example.com',
      ['--host=https://circleci.example.com'],
    ],
    ['run', 'CCI_CONDITIONAL_TOKEN_ENV', 'DEPLOY_TOKEN', ['--token-env=DEPLOY_TOKEN']],
    ['validate', 'CCI_CONDITIONAL_CONFIG', 'ci/config.yml', ['--config=ci/config.yml']],
    ['run', 'CCI_CONDITIONAL_CONFIG_CHECK', 'false', ['--config-check=false']],
    ['run', 'CCI_CONDITIONAL_NODE', '2', ['--node=2']],
    ['run', 'CCI_CONDITIONAL_TIMEOUT', '10', ['--timeout=10']],
    ['run', 'CCI_CONDITIONAL_RETRIES', '5', ['--retries=5']],
    ['run', 'CCI_CONDITIONAL_LOG_LEVEL', 'debug', ['--log-level=debug']],
    ['run', 'CCI_CONDITIONAL_LOG_FORMAT', 'json', ['--log-format=json']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', 'true', ['--dry-run=true']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', 'TRUE', ['--dry-run=true']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', '1', ['--dry-run=true']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', 'false', ['--dry-run=false']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', 'False', ['--dry-run=false']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', '0', ['--dry-run=false']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', 'yes', ['--dry-run=true']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', 'On', ['--dry-run=true']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', 'NO', ['--dry-run=false']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', 'off', ['--dry-run=false']],
    ['run', 'CCI_CONDITIONAL_ONCE', 'yes', ['--once=true']],
    ['run', 'CCI_CONDITIONAL_WAIT', 'on', ['--wait=true']],
    ['run', 'CCI_CONDITIONAL_WAIT_FOR_NODES', '1', ['--wait-for-nodes=true']],
    ['run', 'CCI_CONDITIONAL_ALLOW_SUPERSEDED', 'YES', ['--allow-superseded=true']],
    ['run', 'CCI_CONDITIONAL_ALLOW_SUPERSEDED', 'off', ['--allow-superseded=false']],
    ['run', 'CCI_CONDITIONAL_DRY_RUN', '', []],
    ['run', 'CCI_CONDITIONAL_JSON', 'true', ['--json=true']],
    ['run', 'CCI_CONDITIONAL_FAIL_ON_NO_MATCH', '1', ['--fail-on-no-match=true']],
    ['run', 'CCI_CONDITIONAL_BRANCH', 'main', []],
    ['check', 'CCI_CONDITIONAL_BRANCH', 'main', ['--branch=main']],
    ['check', 'CCI_CONDITIONAL_TAG', 'v1.0.0', ['--tag=v1.0.0']],
    ['check', 'CCI_CONDITIONAL_DRY_RUN', 'true', []],
    ['check', 'CCI_CONDITIONAL_ONCE', 'maybe', []],
    ['check', 'CCI_CONDITIONAL_RULES', 'ci/rules.json', ['--rules=ci/rules.json']],
    ['validate', 'CCI_CONDITIONAL_RULES', 'ci/rules.json', ['--rules=ci/rules.json']],
    ['validate', 'CCI_CONDITIONAL_HOST', 'https://x.example.com', []],
    ['validate', 'CCI_CONDITIONAL_JSON', '0', ['--json=false']],
  ])('for %s maps %s=%j to %j', (command, variable, value, args) => {
    expect(argsFromEnv(command, { [variable]: value })).toEqual(args);
  });

  it('keeps a value with spaces and = in one argument', () => {
    expect(argsFromEnv('run', { CCI_CONDITIONAL_RULES: 'my rules=1.json' })).toEqual([
      '--rules=my rules=1.json',
    ]);
  });

  it('ignores variables that are not its own', () => {
    expect(
      argsFromEnv('run', {
        CIRCLE_BRANCH: 'main',
        CIRCLE_API_TOKEN: 'secret-token',
        CCI_CONDITIONAL_UNKNOWN: 'x',
        cci_conditional_dry_run: 'true',
      }),
    ).toEqual([]);
  });

  it('maps several variables at once', () => {
    const args = argsFromEnv('run', {
      CCI_CONDITIONAL_DRY_RUN: 'true',
      CCI_CONDITIONAL_NODE: '1',
      CCI_CONDITIONAL_RULES: 'r.json',
    });
    expect([...args].sort()).toEqual(['--dry-run=true', '--node=1', '--rules=r.json']);
  });

  it.each([
    ['CCI_CONDITIONAL_DRY_RUN', 'maybe'],
    ['CCI_CONDITIONAL_JSON', 'y'],
    ['CCI_CONDITIONAL_FAIL_ON_NO_MATCH', '2'],
    ['CCI_CONDITIONAL_ONCE', ' true'],
  ])('refuses %s=%j, which is not a switch value', (variable, value) => {
    const attempt = () => argsFromEnv('run', { [variable]: value });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(
      `${variable}=${JSON.stringify(value)} is not one of true/false, 1/0, yes/no, on/off`,
    );
  });
});

describe('commandOf', () => {
  it.each<[string[], Command]>([
    [[], 'run'],
    [['run'], 'run'],
    [['--dry-run=true'], 'run'],
    [['check', '--branch', 'main'], 'check'],
    [['validate'], 'validate'],
    [['--json=true', 'validate'], 'validate'],
    [['--rules=ci/rules.json', 'check', '--tag', 'v1'], 'check'],
    [['--rules', 'ci/rules.json', 'validate'], 'validate'],
    [['--config', 'ci/config.yml', 'validate'], 'validate'],
    [['--log-level', 'debug', 'check', '--branch', 'main'], 'check'],
    [['--json=false', 'validate'], 'validate'],
    [['--token-env', 'check', 'validate'], 'validate'],
    [['--rules', 'check'], 'run'],
    [['--node', '1'], 'run'],
    [['--', 'validate'], 'run'],
    [['deploy'], 'run'],
  ])('reads %j as %s', (argv, command) => {
    expect(commandOf(argv)).toBe(command);
  });
});
